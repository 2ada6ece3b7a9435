using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Screening;

public enum PregnancyAnswer
{
    [Display(Name = "No")] No = 0,
    [Display(Name = "Yes")] Yes = 1,
    [Display(Name = "Not applicable")] NotApplicable = 2,
}

public enum ScreeningOutcome
{
    [Display(Name = "Suitable")] Suitable = 0,
    [Display(Name = "Clearance required")] ClearanceRequired = 1,
    [Display(Name = "Not suitable")] NotSuitable = 2,
}

public enum ReasonKind
{
    NotSuitable,
    ClearanceRequired,
}

public sealed record ScreeningReason(ReasonKind Kind, string Message);

/// <summary>The six contraindication questions of docs/domain.md.</summary>
public sealed record ScreeningAnswers(
    bool Eczema,
    bool Psoriasis,
    bool ActiveAcne,
    bool OpenWounds,
    PregnancyAnswer Pregnancy,
    bool RadiationTherapy,
    DateOnly? RadiationDate);

/// <summary>The clinic settings the rules depend on.</summary>
public sealed record ScreeningPolicy(int MinimumAge, int RadiationWindowMonths, int ValidityDays);

public sealed record ScreeningEvaluation(ScreeningOutcome Outcome, IReadOnlyList<ScreeningReason> Reasons);

/// <summary>
/// Turns screening answers into an outcome with every reason listed. Pure: no clock, no database.
/// Hard stops (eczema, psoriasis, active acne, open wounds, under age) make the patient not suitable;
/// pregnancy and recent radiation need a doctor's clearance; otherwise the patient is suitable.
/// </summary>
public static class ScreeningRules
{
    /// <summary>A note of what changed must say something: at least three words, not dots or a single "ok".</summary>
    public static bool IsMeaningfulNote(string? note) => Common.MeaningfulText.WordCount(note) >= 3;

    public static ScreeningEvaluation Evaluate(ScreeningAnswers answers, DateOnly dateOfBirth, DateOnly screenedOn, ScreeningPolicy policy)
    {
        var reasons = new List<ScreeningReason>();

        void NotSuitable(bool present, string message)
        {
            if (present)
            {
                reasons.Add(new ScreeningReason(ReasonKind.NotSuitable, message));
            }
        }

        NotSuitable(answers.Eczema, "Eczema: micro-needling is not suitable.");
        NotSuitable(answers.Psoriasis, "Psoriasis: micro-needling is not suitable.");
        NotSuitable(answers.ActiveAcne, "Active acne: micro-needling is not suitable (acne scars are treatable once the acne is no longer active).");
        NotSuitable(answers.OpenWounds, "Open wounds: micro-needling is not suitable until they have healed.");

        var age = Age.YearsOn(dateOfBirth, screenedOn);
        NotSuitable(age < policy.MinimumAge, $"Under the clinic's minimum age of {policy.MinimumAge} (the patient is {age}).");

        if (answers.Pregnancy == PregnancyAnswer.Yes)
        {
            reasons.Add(new ScreeningReason(ReasonKind.ClearanceRequired, "Pregnancy: a doctor's clearance is required before treatment."));
        }

        if (answers.RadiationTherapy && IsRecentRadiation(answers.RadiationDate, screenedOn, policy.RadiationWindowMonths))
        {
            var when = answers.RadiationDate is { } date
                ? $"on {date:d MMM yyyy}, within the last {policy.RadiationWindowMonths} months"
                : "on an unknown date, which counts as recent";
            reasons.Add(new ScreeningReason(ReasonKind.ClearanceRequired, $"Radiation therapy {when}: a doctor's clearance is required before treatment."));
        }

        var outcome = reasons.Any(r => r.Kind == ReasonKind.NotSuitable) ? ScreeningOutcome.NotSuitable
            : reasons.Count > 0 ? ScreeningOutcome.ClearanceRequired
            : ScreeningOutcome.Suitable;
        return new ScreeningEvaluation(outcome, reasons);
    }

    /// <summary>
    /// Radiation is recent when it ended on or after the same calendar day <paramref name="windowMonths"/> months before the
    /// screening. The edge day itself counts as recent, so the doctor is asked when in doubt. An unknown date counts as recent.
    /// </summary>
    public static bool IsRecentRadiation(DateOnly? radiationDate, DateOnly screenedOn, int windowMonths) =>
        radiationDate is not { } date || date >= screenedOn.AddMonths(-windowMonths);
}
