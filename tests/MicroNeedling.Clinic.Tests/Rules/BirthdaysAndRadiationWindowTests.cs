using System.Globalization;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Screening;

namespace MicroNeedling.Clinic.Tests.Rules;

/// <summary>The calendar edges of the screening rules: leap-day birthdays, and the radiation window as a clinic setting.</summary>
public sealed class BirthdaysAndRadiationWindowTests
{
    private static readonly ScreeningAnswers NoToEverything = new(false, false, false, false, PregnancyAnswer.No, false, null);

    [Theory]
    [InlineData("2000-06-15", "2018-06-14", 17)]
    [InlineData("2000-06-15", "2018-06-15", 18)]
    [InlineData("2000-06-15", "2018-06-16", 18)]
    [InlineData("2008-02-29", "2026-02-27", 17)]
    [InlineData("2008-02-29", "2026-02-28", 18)] // common year: a year older on 28 February, as Age.YearsOn documents
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2008-02-29", "2028-02-28", 19)] // leap year: the birthday is 29 February itself
    [InlineData("2008-02-29", "2028-02-29", 20)]
    [InlineData("2007-03-01", "2025-02-28", 17)]
    [InlineData("2007-03-01", "2025-03-01", 18)]
    public void Age_counts_whole_years_completed(string dateOfBirth, string on, int expectedYears) =>
        Assert.Equal(expectedYears, Age.YearsOn(Day(dateOfBirth), Day(on)));

    [Fact]
    public void A_leap_day_patient_reaches_the_minimum_age_on_28_February_of_a_common_year()
    {
        var bornOnLeapDay = new DateOnly(2008, 2, 29);
        var policy = new ScreeningPolicy(MinimumAge: 18, RadiationWindowMonths: 12, ValidityDays: 30);

        var dayBefore = ScreeningRules.Evaluate(NoToEverything, bornOnLeapDay, new DateOnly(2026, 2, 27), policy);
        var birthday = ScreeningRules.Evaluate(NoToEverything, bornOnLeapDay, new DateOnly(2026, 2, 28), policy);

        Assert.Equal(ScreeningOutcome.NotSuitable, dayBefore.Outcome);
        var underAge = Assert.Single(dayBefore.Reasons);
        Assert.Equal(ReasonKind.NotSuitable, underAge.Kind);
        Assert.Contains("minimum age of 18 (the patient is 17)", underAge.Message, StringComparison.Ordinal);
        Assert.Equal(ScreeningOutcome.Suitable, birthday.Outcome);
        Assert.Empty(birthday.Reasons);
    }

    [Fact]
    public void A_raised_minimum_age_makes_a_younger_adult_not_suitable()
    {
        var policy = new ScreeningPolicy(MinimumAge: 22, RadiationWindowMonths: 12, ValidityDays: 30);

        var evaluation = ScreeningRules.Evaluate(NoToEverything, new DateOnly(2005, 1, 1), new DateOnly(2026, 3, 15), policy);

        Assert.Equal(ScreeningOutcome.NotSuitable, evaluation.Outcome);
        Assert.Contains("minimum age of 22 (the patient is 21)", Assert.Single(evaluation.Reasons).Message, StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string, bool> RadiationWindowRows() => new()
    {
        // window months, screened on, radiation ended on, needs clearance
        { 6, "2026-03-15", "2025-09-15", true },   // the edge day counts as recent
        { 6, "2026-03-15", "2025-09-14", false },  // one day before the edge
        { 6, "2026-03-15", "2025-06-01", false },  // inside a 12-month window, outside a 6-month one
        { 12, "2026-03-15", "2025-06-01", true },
        { 12, "2026-03-15", "2025-03-15", true },
        { 12, "2026-03-15", "2025-03-14", false },
        { 6, "2026-08-31", "2026-02-28", true },   // 31 August minus 6 months is 28 February
        { 6, "2026-08-31", "2026-02-27", false },
        { 1, "2026-03-15", "2026-02-15", true },
        { 1, "2026-03-15", "2026-02-14", false },
    };

    [Theory]
    [MemberData(nameof(RadiationWindowRows))]
    public void The_radiation_window_setting_decides_what_counts_as_recent(int windowMonths, string screenedOn, string radiationEnded, bool needsClearance)
    {
        var answers = NoToEverything with { RadiationTherapy = true, RadiationDate = Day(radiationEnded) };
        var policy = new ScreeningPolicy(MinimumAge: 18, RadiationWindowMonths: windowMonths, ValidityDays: 30);

        var evaluation = ScreeningRules.Evaluate(answers, new DateOnly(1980, 1, 1), Day(screenedOn), policy);

        Assert.Equal(needsClearance ? ScreeningOutcome.ClearanceRequired : ScreeningOutcome.Suitable, evaluation.Outcome);
        Assert.Equal(needsClearance, ScreeningRules.IsRecentRadiation(Day(radiationEnded), Day(screenedOn), windowMonths));
        if (needsClearance)
        {
            var reason = Assert.Single(evaluation.Reasons);
            Assert.Equal(ReasonKind.ClearanceRequired, reason.Kind);
            Assert.Contains($"within the last {windowMonths} months", reason.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(evaluation.Reasons);
        }
    }

    [Fact]
    public void Radiation_on_an_unknown_date_counts_as_recent_whatever_the_window()
    {
        var answers = NoToEverything with { RadiationTherapy = true, RadiationDate = null };
        var policy = new ScreeningPolicy(MinimumAge: 18, RadiationWindowMonths: 1, ValidityDays: 30);

        var evaluation = ScreeningRules.Evaluate(answers, new DateOnly(1980, 1, 1), new DateOnly(2026, 3, 15), policy);

        Assert.Equal(ScreeningOutcome.ClearanceRequired, evaluation.Outcome);
        Assert.Contains("unknown date", Assert.Single(evaluation.Reasons).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_radiation_date_is_ignored_when_the_answer_to_radiation_is_no()
    {
        var command = new RecordScreeningCommand
        {
            Eczema = false,
            Psoriasis = false,
            ActiveAcne = false,
            OpenWounds = false,
            Pregnancy = PregnancyAnswer.No,
            RadiationTherapy = false,
            RadiationDate = new DateOnly(2026, 3, 1),
        };
        var policy = new ScreeningPolicy(MinimumAge: 18, RadiationWindowMonths: 12, ValidityDays: 30);

        var answers = command.ToAnswers();
        var evaluation = ScreeningRules.Evaluate(answers, new DateOnly(1980, 1, 1), new DateOnly(2026, 3, 15), policy);

        Assert.Null(answers.RadiationDate);
        Assert.Equal(ScreeningOutcome.Suitable, evaluation.Outcome);
    }

    private static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
