using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Tests.Sittings;

/// <summary>The pure charting rules, row by row, over the default depth chart of docs/domain.md.</summary>
public sealed class ChartRulesTests
{
    private static readonly DepthRange CheeksAndChin = new() { Area = NeedlingArea.CheeksAndChin, MinMm = 0.5m, MaxMm = 1.0m };
    private static readonly DepthRange AroundEyes = new() { Area = NeedlingArea.AroundEyes, MinMm = 0.25m, MaxMm = 0.25m };
    private static readonly DepthRange AcneScars = new() { Area = NeedlingArea.AcneScars, MinMm = 1.0m, MaxMm = 2.0m };

    private static DepthRange RangeOf(NeedlingArea area) => area switch
    {
        NeedlingArea.CheeksAndChin => CheeksAndChin,
        NeedlingArea.AroundEyes => AroundEyes,
        NeedlingArea.AcneScars => AcneScars,
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static TheoryData<NeedlingArea, string, string?, string?> Depths => new()
    {
        // area, depth (mm), out-of-range reason, expected message (null: allowed)
        { NeedlingArea.CheeksAndChin, "0.7", null, null },
        { NeedlingArea.CheeksAndChin, "0.5", null, null },
        { NeedlingArea.CheeksAndChin, "1.0", null, null },
        { NeedlingArea.CheeksAndChin, "0.3", null, "0.3 mm is outside the safe range for Cheeks and chin (0.5–1.0 mm). Give a reason to go ahead." },
        { NeedlingArea.CheeksAndChin, "0.49", null, "0.49 mm is outside the safe range for Cheeks and chin (0.5–1.0 mm). Give a reason to go ahead." },
        { NeedlingArea.CheeksAndChin, "1.25", null, "1.25 mm is outside the safe range for Cheeks and chin (0.5–1.0 mm). Give a reason to go ahead." },
        { NeedlingArea.CheeksAndChin, "0.3", "Thin skin over the cheekbone", null },
        { NeedlingArea.CheeksAndChin, "1.25", "Deep rolling scars", null },
        { NeedlingArea.CheeksAndChin, "1.25", "   ", "1.25 mm is outside the safe range for Cheeks and chin (0.5–1.0 mm). Give a reason to go ahead." },
        { NeedlingArea.AroundEyes, "0.25", null, null },
        { NeedlingArea.AroundEyes, "0.3", null, "0.3 mm is outside the safe range for Around the eyes (0.25 mm). Give a reason to go ahead." },
        { NeedlingArea.AroundEyes, "0.2", "Very thin skin", null },
        { NeedlingArea.AcneScars, "2.0", null, null },
        { NeedlingArea.AcneScars, "2.5", null, "2.5 mm is outside the safe range for Acne scars (1.0–2.0 mm). Give a reason to go ahead." },
    };

    [Theory]
    [MemberData(nameof(Depths))]
    public void A_depth_outside_the_safe_range_needs_a_reason(NeedlingArea area, string depth, string? reason, string? expected) =>
        Assert.Equal(expected, ChartRules.DepthProblem(area, decimal.Parse(depth, System.Globalization.CultureInfo.InvariantCulture), reason, RangeOf(area)));

    [Theory]
    [InlineData(30, 30, false)]
    [InlineData(45, 30, false)]
    [InlineData(29, 30, true)]
    [InlineData(15, 30, true)]
    [InlineData(20, 20, false)]
    [InlineData(0, 0, false)]
    public void Numbing_shorter_than_the_course_lead_time_warns(int minutesOn, int leadMinutes, bool warns)
    {
        var warning = ChartRules.NumbingWarning(TimeSpan.FromMinutes(minutesOn), leadMinutes);

        Assert.Equal(warns, warning is not null);
        if (warns)
        {
            Assert.Equal($"The numbing cream was on for {minutesOn} minutes, less than the course's lead time of {leadMinutes} minutes. Save anyway?", warning);
        }
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(15, false)]
    [InlineData(20, false)]
    [InlineData(21, true)]
    [InlineData(40, true)]
    public void Needling_outside_ten_to_twenty_minutes_warns(int minutes, bool warns)
    {
        var warning = ChartRules.NeedlingWarning(TimeSpan.FromMinutes(minutes));

        Assert.Equal(warns, warning is not null);
        if (warns)
        {
            Assert.Equal($"The needling took {minutes} minutes, outside the usual 10 to 20. Save anyway?", warning);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(FitzpatrickType.I, false)]
    [InlineData(FitzpatrickType.II, false)]
    [InlineData(FitzpatrickType.III, false)]
    [InlineData(FitzpatrickType.IV, true)]
    [InlineData(FitzpatrickType.V, true)]
    [InlineData(FitzpatrickType.VI, true)]
    public void Fitzpatrick_four_to_six_shows_a_caution(FitzpatrickType? skinType, bool caution)
    {
        var text = ChartRules.SkinTypeCaution(skinType);

        Assert.Equal(caution, text is not null);
        if (caution)
        {
            Assert.Contains("shallower depths are preferred", text);
            Assert.Contains($"type {skinType}", text);
        }
    }

    [Fact]
    public void The_whole_check_puts_depth_errors_on_their_row_and_collects_warnings_and_the_caution()
    {
        var ranges = new Dictionary<NeedlingArea, DepthRange> { [NeedlingArea.CheeksAndChin] = CheeksAndChin, [NeedlingArea.AcneScars] = AcneScars };
        var rows = new List<(int, ChartAreaRow)>
        {
            (0, new ChartAreaRow { Area = NeedlingArea.AcneScars, DepthMm = 1.5m, Passes = 3 }),
            (2, new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.3m, Passes = 2 }),
        };

        var check = ChartRules.Check(new ChartFacts(rows, ranges, TimeSpan.FromMinutes(20), 30, TimeSpan.FromMinutes(25), FitzpatrickType.V));

        var error = Assert.Single(check.Errors);
        Assert.Equal("Areas[2].DepthMm", error.Field);
        Assert.Equal(2, check.Warnings.Count);
        Assert.NotNull(check.Caution);
    }

    [Fact]
    public void A_chart_inside_every_rule_passes_without_warnings()
    {
        var ranges = new Dictionary<NeedlingArea, DepthRange> { [NeedlingArea.CheeksAndChin] = CheeksAndChin };
        var rows = new List<(int, ChartAreaRow)> { (0, new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.75m, Passes = 3 }) };

        var check = ChartRules.Check(new ChartFacts(rows, ranges, TimeSpan.FromMinutes(30), 30, TimeSpan.FromMinutes(15), FitzpatrickType.II));

        Assert.Empty(check.Errors);
        Assert.Empty(check.Warnings);
        Assert.Null(check.Caution);
    }
}
