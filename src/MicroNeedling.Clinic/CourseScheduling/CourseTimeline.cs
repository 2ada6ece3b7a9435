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

    /// <summary>An unreviewed severe side effect holds the patient's course (the same rule the booking asks).</summary>
    public bool OnHold { get; init; }

    /// <summary>The course's status in words, the same on the course page and the patient page.</summary>
    public string StatusText => PlanStatus == PlanStatus.Active && OnHold
        ? "Active, on hold until a clinician reviews a reported side effect"
        : Common.FlagsList.DisplayName(PlanStatus);

    public int CompletedCount => Lines.Count(l => l.Status == BookingStatus.Completed);
}
