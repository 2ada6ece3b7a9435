using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>A live booking's place in the calendar, as the slot policy needs it.</summary>
public sealed record BusyBooking(int Id, string ClinicianId, int RoomId, int PatientId, DateTime StartUtc, DateTime EndUtc)
{
    public UtcSpan Span => new(StartUtc, EndUtc);
}
