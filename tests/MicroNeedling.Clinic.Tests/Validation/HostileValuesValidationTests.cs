using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>The values the hostile-input test found getting past the validators: extreme dates, huge passwords, broken Unicode.</summary>
public sealed class HostileValuesValidationTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<DateOnly> DatesOutsideTheClinicYears => [DateOnly.MinValue, new(1999, 12, 31), new(2101, 1, 1), DateOnly.MaxValue];

    [Theory]
    [MemberData(nameof(DatesOutsideTheClinicYears))]
    public void A_closed_day_outside_2000_to_2100_is_refused(DateOnly date)
    {
        var errors = new AddClosedDayValidator().Validate(new AddClosedDayCommand { Date = date, Reason = "Holiday" }).Errors;

        Assert.Equal(nameof(AddClosedDayCommand.Date), Assert.Single(errors).PropertyName);
    }

    [Theory]
    [MemberData(nameof(DatesOutsideTheClinicYears))]
    public void Time_off_ending_outside_2000_to_2100_is_refused(DateOnly date)
    {
        var errors = new AddTimeOffValidator().Validate(new AddTimeOffCommand { From = new DateOnly(2026, 3, 10), To = date }).Errors;

        Assert.Contains(errors, e => e.PropertyName == nameof(AddTimeOffCommand.To) && e.ErrorMessage == "Enter a date between 2000 and 2100.");
    }

    [Fact]
    public void Time_off_within_the_clinic_years_is_accepted() =>
        Assert.True(new AddTimeOffValidator().Validate(new AddTimeOffCommand { From = ClinicDates.First, To = ClinicDates.Last }).IsValid);

    [Fact]
    public void A_side_effect_that_started_in_year_one_is_refused()
    {
        var command = new RecordSideEffectCommand
        {
            PatientId = 1,
            Kind = SideEffectKind.Redness,
            Severity = Severity.Mild,
            OnsetDate = DateOnly.MinValue,
            Description = "Redness",
        };

        Assert.Equal(nameof(RecordSideEffectCommand.OnsetDate), Assert.Single(new RecordSideEffectValidator(Clock).Validate(command).Errors).PropertyName);
    }

    [Fact]
    public void A_clearance_dated_before_2000_is_refused()
    {
        var command = new RecordClearanceCommand { ScreeningId = 1, DoctorName = "Dr Amal Haddad", ClearedOn = new DateOnly(1753, 1, 1) };

        Assert.Equal(nameof(RecordClearanceCommand.ClearedOn), Assert.Single(new RecordClearanceValidator(Clock).Validate(command).Errors).PropertyName);
    }

    [Fact]
    public void A_radiation_date_before_1900_is_refused()
    {
        var command = new RecordScreeningCommand
        {
            PatientId = 1,
            Eczema = false,
            Psoriasis = false,
            ActiveAcne = false,
            OpenWounds = false,
            Pregnancy = PregnancyAnswer.No,
            RadiationTherapy = true,
            RadiationDate = DateOnly.MinValue,
        };

        Assert.Equal(nameof(RecordScreeningCommand.RadiationDate), Assert.Single(new RecordScreeningValidator(Clock).Validate(command).Errors).PropertyName);
    }

    [Fact]
    public void A_time_zone_of_100_kB_is_refused_for_its_length()
    {
        var command = Commands.Settings();
        command.TimeZoneId = new string('A', 100 * 1024);

        Assert.Contains(new UpdateSettingsValidator().Validate(command).Errors, e => e.ErrorMessage == "The time zone can be at most 64 characters.");
    }

    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    [InlineData(100 * 1024, false)]
    public void An_initial_password_may_be_at_most_128_characters(int length, bool valid)
    {
        var command = new CreateStaffCommand { Email = "new@clinic.example", DisplayName = "New Colleague", Role = Roles.FrontDesk, Password = new string('p', length) };

        Assert.Equal(valid, new CreateStaffValidator().Validate(command).IsValid);
    }

    [Theory]
    [InlineData("a\uFFFEb@clinic.example")]
    [InlineData("a\uFDD0@clinic.example")]
    public void A_staff_e_mail_that_Identity_cannot_normalize_is_refused(string email)
    {
        var command = new CreateStaffCommand { Email = email, DisplayName = "New Colleague", Role = Roles.FrontDesk, Password = "long enough pass phrase" };

        Assert.Equal(nameof(CreateStaffCommand.Email), Assert.Single(new CreateStaffValidator().Validate(command).Errors).PropertyName);
    }

    [Theory]
    [InlineData("plain@clinic.example", true)]
    [InlineData("مريم@clinic.example 😀", true)]
    [InlineData("\uFFFE", false)]
    [InlineData("\uFFFF", false)]
    [InlineData("\U0001FFFE", false)]
    public void Lone_surrogates_and_noncharacters_are_not_well_formed_text(string text, bool wellFormed) =>
        Assert.Equal(wellFormed, UnicodeText.IsWellFormed(text));

    [Fact]
    public void A_lone_surrogate_is_not_well_formed_text()
    {
        // Built in code: xunit would turn a lone surrogate in [InlineData] into U+FFFD on its way to the test.
        Assert.False(UnicodeText.IsWellFormed(new string(['a', '\uD800', 'b'])));
        Assert.False(UnicodeText.IsWellFormed(new string(['\uDC00'])));
        Assert.True(UnicodeText.IsWellFormed("\U0001F600"));
    }

    [Fact]
    public void Identity_cannot_normalize_the_text_that_is_not_well_formed() =>
        Assert.Throws<ArgumentException>(() => "a\uFFFEb".Normalize(System.Text.NormalizationForm.FormKC));
}
