using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Tests.Sittings;

public sealed class HoldRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static SideEffect Effect(SideEffectKind kind, Severity severity = Severity.Mild, string onset = "2026-03-09", bool reviewed = false, string? resolved = null) => new()
    {
        Kind = kind,
        Severity = severity,
        OnsetDate = DateOnly.Parse(onset),
        ReviewedAtUtc = reviewed ? new DateTime(2026, 3, 9, 12, 0, 0, DateTimeKind.Utc) : null,
        ResolvedOn = resolved is null ? null : DateOnly.Parse(resolved),
    };

    public static TheoryData<SideEffectKind, Severity, bool, bool> HoldCases => new()
    {
        // kind, severity, reviewed, holds
        { SideEffectKind.Infection, Severity.Mild, false, true },
        { SideEffectKind.Bruising, Severity.Moderate, false, true },
        { SideEffectKind.Peeling, Severity.Mild, false, true },
        { SideEffectKind.Bleeding, Severity.Severe, false, true },
        { SideEffectKind.Infection, Severity.Severe, true, false },
        { SideEffectKind.Redness, Severity.Mild, false, false },
        { SideEffectKind.Irritation, Severity.Moderate, false, false },
        { SideEffectKind.Redness, Severity.Severe, false, true },
        { SideEffectKind.Redness, Severity.Severe, true, false },
    };

    [Theory]
    [MemberData(nameof(HoldCases))]
    public void Severe_kinds_and_severe_reports_hold_the_course_until_reviewed(SideEffectKind kind, Severity severity, bool reviewed, bool holds)
    {
        var hold = HoldRules.For([Effect(kind, severity, reviewed: reviewed)], Today, thresholdDays: 7);

        Assert.Equal(holds, hold.IsOnHold);
        Assert.Equal(holds, HoldRules.Holds(Effect(kind, severity, reviewed: reviewed)));
    }

    [Theory]
    [InlineData("2026-03-03", null, false, false)] // exactly 7 days: still within what is expected
    [InlineData("2026-03-02", null, false, true)] // 8 days and unresolved: prompt
    [InlineData("2026-03-02", "2026-03-05", false, false)] // resolved: no prompt
    [InlineData("2026-03-02", null, true, false)] // reviewed: no prompt
    public void Redness_lasting_longer_than_the_threshold_prompts_a_review_but_never_holds(string onset, string? resolved, bool reviewed, bool prompts)
    {
        var hold = HoldRules.For([Effect(SideEffectKind.Redness, onset: onset, reviewed: reviewed, resolved: resolved)], Today, thresholdDays: 7);

        Assert.False(hold.IsOnHold);
        Assert.Equal(prompts, hold.Prompts.Count == 1);
        Assert.Equal(prompts, hold.NeedsReview);
    }

    [Fact]
    public void No_side_effects_means_no_hold_and_nothing_to_review()
    {
        var hold = HoldRules.For([], Today, 7);

        Assert.False(hold.IsOnHold);
        Assert.False(hold.NeedsReview);
        Assert.Equal("", hold.Summary);
    }
}
