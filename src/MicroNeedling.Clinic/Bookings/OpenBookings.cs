using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>
/// Ends a course's open bookings (cancelling a course, a withdrawn consent), so that they stop holding slots on the
/// calendar: booked ones are cancelled, a checked-in one is marked not performed, each with the neutral reason in its
/// history. Completed sittings stay. The patient is sent a cancellation notice for each cancelled booking (a reason is
/// never in it). The caller holds the write transaction; this saves.
/// </summary>
internal static class OpenBookings
{
    public static async Task CloseAsync(ClinicDbContext db, Messaging.PatientMessages messages, int planId, string reason, CancellationToken ct)
    {
        var open = await db.Bookings.Include(b => b.History)
            .Where(b => b.Sitting!.CoursePlanId == planId && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn))
            .ToListAsync(ct);
        foreach (var booking in open)
        {
            var checkedIn = booking.Status == BookingStatus.CheckedIn;
            booking.Status = checkedIn ? BookingStatus.NotPerformed : BookingStatus.Cancelled;
            if (checkedIn)
            {
                booking.NotPerformedReason = reason;
            }
            else
            {
                booking.CancellationReason = reason;
            }

            booking.History.Add(new BookingEvent { Kind = checkedIn ? BookingEventKind.NotPerformed : BookingEventKind.Cancelled, FromStartUtc = booking.StartUtc, Reason = reason });
        }

        await db.SaveChangesAsync(ct);
        await messages.QueueCancelledAsync(open.Where(b => b.Status == BookingStatus.Cancelled).Select(b => b.Id).ToList(), ct);
    }
}
