using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

public sealed record CourseTimeline(
    int PlanId,
    int PatientId,
    string PatientName,
    int SittingCount,
    PlanStatus PlanStatus,
    int MinIntervalDays,
    int MaxIntervalDays,
    IReadOnlyList<TimelineLine> Lines,
    NextSittingWindow? Next)
{
    public TimelineLine? Line(int sittingId) => Lines.FirstOrDefault(l => l.SittingId == sittingId);

    public int CompletedCount => Lines.Count(l => l.Status == BookingStatus.Completed);
}
