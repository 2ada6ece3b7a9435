using MicroNeedling.Clinic.Screening;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Tests.Rules;

/// <summary>What the latest screening allows on a given clinic-local day.</summary>
public sealed class ScreeningStatusOnADayTests
{
    private static readonly DateOnly ScreenedOn = new(2026, 3, 10);
    private const int ValidityDays = 30;

    [Fact]
    public void A_patient_never_screened_may_not_be_treated()
    {
        var status = ScreeningStatus.On(null, ScreenedOn);

        Assert.Equal(ScreeningStatusKind.NeverScreened, status.Kind);
        Assert.Null(status.Latest);
        Assert.False(status.AllowsTreatment);
    }

    [Theory]
    // outcome, clearance recorded, days after the screening, expected status, allows treatment
    [InlineData(ScreeningOutcome.Suitable, false, 0, ScreeningStatusKind.Suitable, true)]
    [InlineData(ScreeningOutcome.ClearanceRequired, false, 0, ScreeningStatusKind.ClearanceMissing, false)]
    [InlineData(ScreeningOutcome.ClearanceRequired, true, 0, ScreeningStatusKind.SuitableWithClearance, true)]
    [InlineData(ScreeningOutcome.NotSuitable, false, 0, ScreeningStatusKind.NotSuitable, false)]
    [InlineData(ScreeningOutcome.Suitable, false, ValidityDays - 1, ScreeningStatusKind.Suitable, true)]
    [InlineData(ScreeningOutcome.ClearanceRequired, true, ValidityDays - 1, ScreeningStatusKind.SuitableWithClearance, true)]
    [InlineData(ScreeningOutcome.NotSuitable, false, ValidityDays - 1, ScreeningStatusKind.NotSuitable, false)]
    [InlineData(ScreeningOutcome.Suitable, false, ValidityDays, ScreeningStatusKind.Expired, false)]
    [InlineData(ScreeningOutcome.ClearanceRequired, true, ValidityDays, ScreeningStatusKind.Expired, false)]
    [InlineData(ScreeningOutcome.ClearanceRequired, false, ValidityDays, ScreeningStatusKind.Expired, false)]
    [InlineData(ScreeningOutcome.NotSuitable, false, ValidityDays, ScreeningStatusKind.Expired, false)]
    [InlineData(ScreeningOutcome.Suitable, false, 400, ScreeningStatusKind.Expired, false)]
    [InlineData(ScreeningOutcome.Suitable, false, -1, ScreeningStatusKind.NeverScreened, false)] // a screening cannot vouch for a day before it
    public void The_latest_screening_gives_the_status_of_the_day(
        ScreeningOutcome outcome, bool cleared, int daysAfterScreening, ScreeningStatusKind expected, bool allowsTreatment)
    {
        var screening = Screening(outcome, cleared);

        var status = ScreeningStatus.On(screening, ScreenedOn.AddDays(daysAfterScreening));

        Assert.Equal(expected, status.Kind);
        Assert.Equal(allowsTreatment, status.AllowsTreatment);
        Assert.Same(screening, status.Latest);
    }

    [Fact]
    public void The_last_valid_day_is_the_validity_period_counted_from_the_screening_day()
    {
        var screening = Screening(ScreeningOutcome.Suitable, cleared: false);

        Assert.Equal(new DateOnly(2026, 4, 8), screening.LastValidDay);
        Assert.Equal(ScreeningStatusKind.Suitable, ScreeningStatus.On(screening, new DateOnly(2026, 4, 8)).Kind);
        Assert.Equal(ScreeningStatusKind.Expired, ScreeningStatus.On(screening, new DateOnly(2026, 4, 9)).Kind);
    }

    [Fact]
    public void A_one_day_validity_allows_treatment_only_on_the_screening_day()
    {
        var screening = Screening(ScreeningOutcome.Suitable, cleared: false);
        screening.ValidityDays = 1;

        Assert.Equal(ScreeningStatusKind.Suitable, ScreeningStatus.On(screening, ScreenedOn).Kind);
        Assert.Equal(ScreeningStatusKind.Expired, ScreeningStatus.On(screening, ScreenedOn.AddDays(1)).Kind);
    }

    [Fact]
    public void Suitable_with_clearance_names_the_doctor()
    {
        var status = ScreeningStatus.On(Screening(ScreeningOutcome.ClearanceRequired, cleared: true), ScreenedOn);

        Assert.Contains("Dr Priya Patel", status.Summary, StringComparison.Ordinal);
    }

    private static ScreeningRecord Screening(ScreeningOutcome outcome, bool cleared) => new()
    {
        Id = 7,
        PatientId = 3,
        ScreenedOn = ScreenedOn,
        Outcome = outcome,
        ValidityDays = ValidityDays,
        Clearance = cleared ? new DoctorClearance { DoctorName = "Dr Priya Patel", ClearedOn = ScreenedOn } : null,
    };
}
