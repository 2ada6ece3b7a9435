using MicroNeedling.Clinic.Screening;

namespace MicroNeedling.Clinic.Tests.Rules;

public enum RadiationCase
{
    None,
    YesDateUnknown,
    YesInsideWindow,
    YesOnWindowEdge,
    YesDayBeforeWindowEdge,
}

public enum AgeCase
{
    OneDayUnderMinimum,
    MinimumAgeOnBirthday,
    WellAbove,
}

/// <summary>
/// Every row of the screening truth table: 4 hard stops (2^4) x 3 pregnancy answers x 5 radiation cases x 3 ages = 720 rows.
/// The expected outcome and reasons are worked out here from docs/domain.md, independently of <see cref="ScreeningRules"/>.
/// </summary>
public sealed class ScreeningTruthTableTests
{
    private const int MinimumAge = 18;
    private const int RadiationWindowMonths = 12;
    private static readonly DateOnly ScreenedOn = new(2026, 3, 15);
    private static readonly ScreeningPolicy Policy = new(MinimumAge, RadiationWindowMonths, ValidityDays: 30);

    public static TheoryData<bool, bool, bool, bool, PregnancyAnswer, RadiationCase, AgeCase> EveryCombination()
    {
        var rows = new TheoryData<bool, bool, bool, bool, PregnancyAnswer, RadiationCase, AgeCase>();
        bool[] noYes = [false, true];
        foreach (var eczema in noYes)
        {
            foreach (var psoriasis in noYes)
            {
                foreach (var activeAcne in noYes)
                {
                    foreach (var openWounds in noYes)
                    {
                        foreach (var pregnancy in Enum.GetValues<PregnancyAnswer>())
                        {
                            foreach (var radiation in Enum.GetValues<RadiationCase>())
                            {
                                foreach (var age in Enum.GetValues<AgeCase>())
                                {
                                    rows.Add(eczema, psoriasis, activeAcne, openWounds, pregnancy, radiation, age);
                                }
                            }
                        }
                    }
                }
            }
        }

        return rows;
    }

    [Fact]
    public void The_table_has_every_combination_once()
    {
        var rows = EveryCombination().Select(r => string.Join('|', r)).ToList();

        Assert.Equal(16 * 3 * 5 * 3, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_combination_gives_the_outcome_and_one_reason_per_condition(
        bool eczema, bool psoriasis, bool activeAcne, bool openWounds, PregnancyAnswer pregnancy, RadiationCase radiation, AgeCase age)
    {
        var (hasRadiation, radiationDate) = Radiation(radiation);
        var answers = new ScreeningAnswers(eczema, psoriasis, activeAcne, openWounds, pregnancy, hasRadiation, radiationDate);

        var evaluation = ScreeningRules.Evaluate(answers, DateOfBirth(age), ScreenedOn, Policy);

        var expectedReasons = new List<(string Condition, ReasonKind Kind)>();
        void Expect(bool present, string condition, ReasonKind kind)
        {
            if (present)
            {
                expectedReasons.Add((condition, kind));
            }
        }

        Expect(eczema, "Eczema", ReasonKind.NotSuitable);
        Expect(psoriasis, "Psoriasis", ReasonKind.NotSuitable);
        Expect(activeAcne, "Active acne", ReasonKind.NotSuitable);
        Expect(openWounds, "Open wounds", ReasonKind.NotSuitable);
        Expect(age == AgeCase.OneDayUnderMinimum, "Under the clinic's minimum age", ReasonKind.NotSuitable);
        Expect(pregnancy == PregnancyAnswer.Yes, "Pregnancy", ReasonKind.ClearanceRequired);
        Expect(radiation is RadiationCase.YesDateUnknown or RadiationCase.YesInsideWindow or RadiationCase.YesOnWindowEdge,
            "Radiation therapy", ReasonKind.ClearanceRequired);

        var expectedOutcome = expectedReasons.Any(r => r.Kind == ReasonKind.NotSuitable) ? ScreeningOutcome.NotSuitable
            : expectedReasons.Count > 0 ? ScreeningOutcome.ClearanceRequired
            : ScreeningOutcome.Suitable;

        Assert.Equal(expectedOutcome, evaluation.Outcome);
        Assert.Equal(expectedReasons.Count, evaluation.Reasons.Count);
        foreach (var (condition, kind) in expectedReasons)
        {
            var reason = Assert.Single(evaluation.Reasons, r => r.Message.StartsWith(condition, StringComparison.Ordinal));
            Assert.Equal(kind, reason.Kind);
        }
    }

    private static (bool HasRadiation, DateOnly? Date) Radiation(RadiationCase radiation) => radiation switch
    {
        RadiationCase.None => (false, null),
        RadiationCase.YesDateUnknown => (true, null),
        RadiationCase.YesInsideWindow => (true, ScreenedOn.AddMonths(-4)),
        RadiationCase.YesOnWindowEdge => (true, ScreenedOn.AddMonths(-RadiationWindowMonths)),
        RadiationCase.YesDayBeforeWindowEdge => (true, ScreenedOn.AddMonths(-RadiationWindowMonths).AddDays(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(radiation)),
    };

    private static DateOnly DateOfBirth(AgeCase age) => age switch
    {
        AgeCase.OneDayUnderMinimum => ScreenedOn.AddYears(-MinimumAge).AddDays(1),
        AgeCase.MinimumAgeOnBirthday => ScreenedOn.AddYears(-MinimumAge),
        AgeCase.WellAbove => new DateOnly(1979, 7, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(age)),
    };
}
