using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Bookings;

public enum BookingStatus
{
    [Display(Name = "Booked")] Booked = 0,
    [Display(Name = "Checked in")] CheckedIn = 1,
    [Display(Name = "Completed")] Completed = 2,
    [Display(Name = "Cancelled")] Cancelled = 3,
    [Display(Name = "No-show")] NoShow = 4,
    [Display(Name = "Not performed")] NotPerformed = 5,
}
