using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Screening;

public enum ScreeningStatusKind
{
    [Display(Name = "Never screened")] NeverScreened,
    [Display(Name = "Suitable")] Suitable,
    [Display(Name = "Suitable with clearance")] SuitableWithClearance,
    [Display(Name = "Clearance missing")] ClearanceMissing,
    [Display(Name = "Not suitable")] NotSuitable,
    [Display(Name = "Expired")] Expired,
}

/// <summary>The patient's screening status on a given day, as shown at a glance on the patient page.</summary>
public sealed record ScreeningStatus(ScreeningStatusKind Kind, Screening? Latest, string Summary)
{
    /// <summary>The rule the whole app exists to keep: only these two statuses allow planning, booking or treatment.</summary>
    public bool AllowsTreatment => Kind is ScreeningStatusKind.Suitable or ScreeningStatusKind.SuitableWithClearance;

    /// <summary>Works out the status from the latest screening (by date recorded) on the clinic-local day <paramref name="on"/>.</summary>
    public static ScreeningStatus On(Screening? latest, DateOnly on)
    {
        if (latest is null)
        {
            return new(ScreeningStatusKind.NeverScreened, null, "The patient has not been screened. A clinician must screen them before treatment.");
        }

        if (on > latest.LastValidDay)
        {
            return new(ScreeningStatusKind.Expired, latest,
                $"The last screening ({latest.ScreenedOn:d MMM yyyy}) expired after {latest.LastValidDay:d MMM yyyy}. A clinician must screen the patient again.");
        }

        if (on < latest.ScreenedOn)
        {
            // A screening cannot vouch for a day before it was done.
            return new(ScreeningStatusKind.NeverScreened, latest, $"The patient had not been screened by {on:d MMM yyyy}.");
        }

        return latest.Outcome switch
        {
            ScreeningOutcome.NotSuitable => new(ScreeningStatusKind.NotSuitable, latest, "Not suitable for micro-needling."),
            ScreeningOutcome.ClearanceRequired when latest.Clearance is null =>
                new(ScreeningStatusKind.ClearanceMissing, latest, "A doctor's clearance is required before treatment and has not been recorded."),
            ScreeningOutcome.ClearanceRequired =>
                new(ScreeningStatusKind.SuitableWithClearance, latest, $"Suitable with clearance from {latest.Clearance!.DoctorName}; valid until {latest.LastValidDay:d MMM yyyy}."),
            _ => new(ScreeningStatusKind.Suitable, latest, $"Suitable; valid until {latest.LastValidDay:d MMM yyyy}."),
        };
    }
}
