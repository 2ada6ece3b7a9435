namespace MicroNeedling.Clinic.Sittings;

/// <summary>What needs a clinician about one course: side effects that put it on hold, and expected ones that linger.</summary>
public sealed record CourseHold(IReadOnlyList<SideEffect> HoldingEffects, IReadOnlyList<SideEffect> Prompts)
{
    /// <summary>A severe side effect without a review: the next sitting cannot be checked in or newly booked.</summary>
    public bool IsOnHold => HoldingEffects.Count > 0;

    public bool NeedsReview => IsOnHold || Prompts.Count > 0;

    public string Summary => IsOnHold
        ? $"On hold: {string.Join(", ", HoldingEffects.Select(e => Common.FlagsList.DisplayName(e.Kind).ToLowerInvariant()))} reported; a clinician must record a review before the next sitting."
        : Prompts.Count > 0 ? "A side effect has lasted longer than expected; a clinician should review it." : "";

    public static readonly CourseHold None = new([], []);
}

/// <summary>
/// The hold rules, pure. A severe kind (infection, bruising, peeling, bleeding) or a side effect reported as severe holds
/// the course until a clinician reviews it. Redness or irritation still unresolved after the clinic's threshold raises a
/// review prompt, which does not block.
/// </summary>
public static class HoldRules
{
    public static bool Holds(SideEffect effect) =>
        effect.ReviewedAtUtc is null && (SideEffect.IsSevereKind(effect.Kind) || effect.Severity == Severity.Severe);

    public static bool Prompts(SideEffect effect, DateOnly today, int thresholdDays) =>
        effect.ReviewedAtUtc is null && !Holds(effect) && effect.ResolvedOn is null && today > effect.OnsetDate.AddDays(thresholdDays);

    public static CourseHold For(IEnumerable<SideEffect> effects, DateOnly today, int thresholdDays)
    {
        var list = effects.ToList();
        return new CourseHold(list.Where(Holds).ToList(), list.Where(e => Prompts(e, today, thresholdDays)).ToList());
    }
}
