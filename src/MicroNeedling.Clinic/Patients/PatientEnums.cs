using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Patients;

/// <summary>Fitzpatrick skin type. Types IV–VI carry a higher risk of post-inflammatory hyperpigmentation.</summary>
public enum FitzpatrickType
{
    [Display(Name = "I")] I = 1,
    [Display(Name = "II")] II = 2,
    [Display(Name = "III")] III = 3,
    [Display(Name = "IV")] IV = 4,
    [Display(Name = "V")] V = 5,
    [Display(Name = "VI")] VI = 6,
}

/// <summary>The indications micro-needling treats (docs/domain.md). Stored as flags so that one column holds the selection.</summary>
[Flags]
public enum Concern
{
    None = 0,
    [Display(Name = "Wrinkles, fine lines and spots")] WrinklesFineLinesSpots = 1,
    [Display(Name = "Acne scars, blemishes and other scars")] Scars = 2,
    [Display(Name = "Hyperpigmentation")] Hyperpigmentation = 4,
    [Display(Name = "Skin tone, elasticity and loose skin")] ToneAndElasticity = 8,
    [Display(Name = "Enlarged pores")] EnlargedPores = 16,
    [Display(Name = "Stretch marks")] StretchMarks = 32,
    [Display(Name = "Alopecia (hair growth on the scalp)")] Alopecia = 64,
}

[Flags]
public enum TreatmentArea
{
    None = 0,
    [Display(Name = "Face")] Face = 1,
    [Display(Name = "Scalp")] Scalp = 2,
    [Display(Name = "Neck")] Neck = 4,
    [Display(Name = "Abdomen")] Abdomen = 8,
    [Display(Name = "Thighs")] Thighs = 16,
    [Display(Name = "Other")] Other = 32,
}

/// <summary>Days a patient prefers to come in, for proposing a course's sittings.</summary>
[Flags]
public enum Weekdays
{
    None = 0,
    [Display(Name = "Monday")] Monday = 1,
    [Display(Name = "Tuesday")] Tuesday = 2,
    [Display(Name = "Wednesday")] Wednesday = 4,
    [Display(Name = "Thursday")] Thursday = 8,
    [Display(Name = "Friday")] Friday = 16,
    [Display(Name = "Saturday")] Saturday = 32,
    [Display(Name = "Sunday")] Sunday = 64,
}

public static class WeekdaysExtensions
{
    public static IReadOnlySet<DayOfWeek> ToDays(this Weekdays days) =>
        Enum.GetValues<DayOfWeek>().Where(d => days.HasFlag(Flag(d))).ToHashSet();

    public static Weekdays Flag(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekdays.Sunday : (Weekdays)(1 << ((int)day - 1));
}
