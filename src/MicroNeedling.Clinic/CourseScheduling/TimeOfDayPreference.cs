namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>When in the day the patient prefers to come. Morning starts before 12:00; afternoon starts at 12:00 or later.</summary>
public enum TimeOfDayPreference
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Any time")] Any = 0,
    [System.ComponentModel.DataAnnotations.Display(Name = "Mornings")] Morning = 1,
    [System.ComponentModel.DataAnnotations.Display(Name = "Afternoons")] Afternoon = 2,
}
