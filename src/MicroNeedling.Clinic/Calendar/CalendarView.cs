using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

public sealed record CalendarView(
    DateOnly From,
    IReadOnlyList<CalendarDay> Days,
    IReadOnlyList<ClinicianOption> Clinicians,
    IReadOnlyList<RoomOption> Rooms,
    IReadOnlyList<CalendarEntry> Entries)
{
    /// <summary>The clinician whose bookings were read, when the view is one clinician's (chosen, or the first).</summary>
    public string? ClinicianId { get; init; }

    /// <summary>The slot policy over the shown days, asked for each column's working time and bookable starts.</summary>
    public SlotPolicy Slots { get; init; } = default!;

    /// <summary>A new sitting's whole length with the clinic's defaults: numbing, needling and turnover.</summary>
    public TimeSpan DefaultAppointment { get; init; }
}
