using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>A booking with its names resolved and its whole history, for the booking page.</summary>
public sealed record BookingView(
    int Id, int SittingId, int PlanId, int PatientId, string PatientName, int Number, int SittingCount,
    string ClinicianId, string ClinicianName, int RoomId, string RoomName,
    DateTime StartUtc, DateTime NeedlingStartUtc, DateTime EndUtc, BookingStatus Status, string? CancellationReason,
    IReadOnlyList<BookingHistoryLine> History)
{
    /// <summary>Why the sitting was stopped at check-in, when it was.</summary>
    public string? NotPerformedReason { get; init; }


    public static async Task<BookingView?> LoadAsync(ClinicDbContext db, int bookingId, CancellationToken ct = default)
    {
        var b = await db.Bookings.AsNoTracking().Include(x => x.History).Include(x => x.Sitting)
            .SingleOrDefaultAsync(x => x.Id == bookingId, ct);
        if (b is null)
        {
            return null;
        }

        var plan = await db.CoursePlans.AsNoTracking().Include(p => p.Patient).SingleAsync(p => p.Id == b.Sitting!.CoursePlanId, ct);
        var names = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, "(unknown)");
        string? Room(int? id) => id is null ? null : rooms.GetValueOrDefault(id.Value, "(unknown)");

        var history = b.History.OrderBy(e => e.CreatedAtUtc).ThenBy(e => e.Id).Select(e => new BookingHistoryLine(
            e.Kind, e.CreatedAtUtc, e.CreatedBy, e.FromStartUtc, e.ToStartUtc, Name(e.FromClinicianId), Name(e.ToClinicianId),
            Room(e.FromRoomId), Room(e.ToRoomId), e.Reason)).ToList();
        return new BookingView(b.Id, b.PlannedSittingId, plan.Id, plan.PatientId, plan.Patient!.FullName, b.Sitting!.Number, plan.SittingCount,
            b.ClinicianId, Name(b.ClinicianId)!, b.RoomId, Room(b.RoomId)!, b.StartUtc, b.NeedlingStartUtc, b.EndUtc, b.Status, b.CancellationReason, history)
        {
            NotPerformedReason = b.NotPerformedReason,
        };
    }
}
