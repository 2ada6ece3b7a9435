using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Bookings;

public enum BookingEventKind
{
    [Display(Name = "Booked")] Booked = 0,
    [Display(Name = "Moved")] Moved = 1,
    [Display(Name = "Cancelled")] Cancelled = 2,
    [Display(Name = "No-show")] NoShow = 3,
    [Display(Name = "Checked in")] CheckedIn = 4,
    [Display(Name = "Completed")] Completed = 5,
    [Display(Name = "Not performed")] NotPerformed = 6,
    [Display(Name = "Re-screened")] ReScreened = 7,
    [Display(Name = "No-show undone")] NoShowUndone = 8,
}
