using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class ScreeningAPatientTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Recording_a_screening_stores_the_answers_outcome_reasons_and_who_screened_when()
    {
        var patientId = await host.CreatePatientAsync();
        var command = Commands.NoToEverything(patientId);
        command.Eczema = true;
        command.Pregnancy = PregnancyAnswer.Yes;
        command.Notes = "  Flare-up on both cheeks.  ";

        var result = await host.RecordScreeningAsync(command);

        Assert.True(result.Succeeded);
        var stored = await host.QueryAsync(db => db.Screenings.SingleAsync());
        Assert.Equal(result.Value!.Id, stored.Id);
        Assert.Equal(patientId, stored.PatientId);
        Assert.Equal(new DateOnly(2026, 3, 10), stored.ScreenedOn);
        Assert.True(stored.Eczema);
        Assert.Equal(PregnancyAnswer.Yes, stored.Pregnancy);
        Assert.Equal("Flare-up on both cheeks.", stored.Notes);
        Assert.Equal(ScreeningOutcome.NotSuitable, stored.Outcome);
        Assert.Equal(2, stored.ReasonList.Count);
        Assert.StartsWith("Eczema", stored.ReasonList[0], StringComparison.Ordinal);
        Assert.StartsWith("Pregnancy", stored.ReasonList[1], StringComparison.Ordinal);
        Assert.Equal(30, stored.ValidityDays);
        Assert.Equal(TestUser.DefaultName, stored.CreatedBy);
        Assert.Equal(host.UtcNow, stored.CreatedAtUtc);
    }

    [Fact]
    public async Task A_suitable_screening_stores_no_reasons()
    {
        var patientId = await host.CreatePatientAsync();

        await host.ScreenSuitableAsync(patientId);

        var stored = await host.QueryAsync(db => db.Screenings.SingleAsync());
        Assert.Equal(ScreeningOutcome.Suitable, stored.Outcome);
        Assert.Empty(stored.ReasonList);
    }

    [Fact]
    public async Task An_unanswered_question_stores_nothing()
    {
        var patientId = await host.CreatePatientAsync();
        var command = Commands.NoToEverything(patientId);
        command.OpenWounds = null;

        var result = await host.RecordScreeningAsync(command);

        Assert.Equal(nameof(RecordScreeningCommand.OpenWounds), Assert.Single(result.Errors).Field);
        Assert.Equal(0, await host.QueryAsync(db => db.Screenings.CountAsync()));
    }

    [Fact]
    public async Task A_screening_of_an_unknown_patient_is_refused()
    {
        var result = await host.RecordScreeningAsync(Commands.NoToEverything(patientId: 404));

        Assert.False(result.Succeeded);
        Assert.Equal(0, await host.QueryAsync(db => db.Screenings.CountAsync()));
    }

    [Fact]
    public async Task The_screening_day_is_the_clinic_local_day_not_the_UTC_day()
    {
        // 23:30 UTC on 10 July is 00:30 on 11 July in London (BST).
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 23, 30, 0, TimeSpan.Zero));
        var patientId = await host.CreatePatientAsync();

        var inLondon = await host.ScreenSuitableAsync(patientId);
        await host.ChangeSettingsAsync(s => s.TimeZoneId = "America/New_York");
        var inNewYork = await host.ScreenSuitableAsync(patientId);

        Assert.Equal(new DateOnly(2026, 7, 11), inLondon.ScreenedOn);
        Assert.Equal(new DateOnly(2026, 7, 10), inNewYork.ScreenedOn);
    }

    [Fact]
    public async Task The_clinic_minimum_age_is_checked_on_the_clinic_local_day()
    {
        // The patient turns 18 on 11 July 2026; it is already 11 July in London.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 23, 30, 0, TimeSpan.Zero));
        var patientId = await host.CreatePatientAsync(dateOfBirth: new DateOnly(2008, 7, 11));

        var screening = await host.ScreenSuitableAsync(patientId);

        Assert.Equal(ScreeningOutcome.Suitable, screening.Outcome);
    }

    [Fact]
    public async Task A_newer_screening_supersedes_the_older_one()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNotSuitableAsync(patientId);
        host.Clock.Advance(TimeSpan.FromHours(2));

        var newer = await host.ScreenSuitableAsync(patientId, "Dermatologist's letter: the eczema has resolved.");
        var status = await host.CurrentStatusAsync(patientId);

        Assert.Equal(ScreeningStatusKind.Suitable, status.Kind);
        Assert.Equal(newer.Id, status.Latest!.Id);
        Assert.Equal(2, await host.QueryAsync(db => db.Screenings.CountAsync(s => s.PatientId == patientId)));
    }

    [Fact]
    public async Task A_newer_not_suitable_screening_withdraws_a_suitable_one()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenSuitableAsync(patientId);
        host.Clock.Advance(TimeSpan.FromDays(3));

        var newer = await host.ScreenAsync(patientId, c => c.OpenWounds = true);
        var status = await host.CurrentStatusAsync(patientId);

        Assert.Equal(ScreeningStatusKind.NotSuitable, status.Kind);
        Assert.Equal(newer.Id, status.Latest!.Id);
        Assert.False(status.AllowsTreatment);
    }

    [Fact]
    public async Task Two_screenings_in_the_same_instant_are_ordered_by_recording()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenSuitableAsync(patientId);

        var second = await host.ScreenNotSuitableAsync(patientId);

        Assert.Equal(second.Id, (await host.CurrentStatusAsync(patientId)).Latest!.Id);
    }

    [Fact]
    public async Task Another_patients_screening_does_not_count()
    {
        var screened = await host.CreatePatientAsync("Anna", "Smith");
        var other = await host.CreatePatientAsync("Ben", "Jones");
        await host.ScreenSuitableAsync(screened);

        Assert.Equal(ScreeningStatusKind.NeverScreened, (await host.CurrentStatusAsync(other)).Kind);
    }

    [Fact]
    public async Task A_screening_stays_valid_through_its_last_day_and_expires_the_day_after()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenSuitableAsync(patientId);

        host.AdvanceDays(29);
        var onLastDay = await host.CurrentStatusAsync(patientId);
        host.AdvanceDays(1);
        var dayAfter = await host.CurrentStatusAsync(patientId);

        Assert.Equal(new DateOnly(2026, 4, 8), screening.LastValidDay);
        Assert.Equal(ScreeningStatusKind.Suitable, onLastDay.Kind);
        Assert.Equal(ScreeningStatusKind.Expired, dayAfter.Kind);
        Assert.False(dayAfter.AllowsTreatment);
    }

    [Fact]
    public async Task A_screening_keeps_the_validity_in_force_when_it_was_recorded()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenSuitableAsync(patientId);
        await host.ChangeSettingsAsync(s => s.ScreeningValidityDays = 7);

        host.AdvanceDays(20);
        var underOldSetting = await host.CurrentStatusAsync(patientId);
        var rescreened = await host.ScreenSuitableAsync(patientId);
        host.AdvanceDays(7);
        var underNewSetting = await host.CurrentStatusAsync(patientId);

        Assert.Equal(ScreeningStatusKind.Suitable, underOldSetting.Kind);
        Assert.Equal(7, rescreened.ValidityDays);
        Assert.Equal(ScreeningStatusKind.Expired, underNewSetting.Kind);
    }

    [Fact]
    public async Task The_clinic_radiation_window_decides_whether_radiation_needs_clearance()
    {
        var patientId = await host.CreatePatientAsync();
        var sevenMonthsAgo = new DateOnly(2025, 8, 10);

        var underTwelveMonths = await host.ScreenAsync(patientId, c => (c.RadiationTherapy, c.RadiationDate) = (true, sevenMonthsAgo));
        await host.ChangeSettingsAsync(s => s.RadiationWindowMonths = 6);
        var underSixMonths = await host.ScreenAsync(patientId, c => (c.RadiationTherapy, c.RadiationDate) = (true, sevenMonthsAgo));

        Assert.Equal(ScreeningOutcome.ClearanceRequired, underTwelveMonths.Outcome);
        Assert.Equal(ScreeningOutcome.Suitable, underSixMonths.Outcome);
    }

    [Fact]
    public async Task A_raised_minimum_age_applies_to_new_screenings()
    {
        var patientId = await host.CreatePatientAsync(dateOfBirth: new DateOnly(2005, 1, 1));
        await host.ChangeSettingsAsync(s => s.MinimumAge = 22);

        var screening = await host.ScreenSuitableAsync(patientId);

        Assert.Equal(ScreeningOutcome.NotSuitable, screening.Outcome);
        Assert.Contains("minimum age of 22", Assert.Single(screening.ReasonList), StringComparison.Ordinal);
        Assert.Equal(ScreeningStatusKind.NotSuitable, (await host.CurrentStatusAsync(patientId)).Kind);
    }
}
