using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>What today's re-screen decided for the sitting.</summary>
public sealed record ReScreenOutcome(ScreeningRecord Screening, bool SittingStopped, string Message);

/// <summary>
/// The clinician's re-screen at check-in: the six questions again, for today. A "not suitable" answer stops the sitting
/// (it is marked not performed, with the reasons); a new pregnancy or radiation stops it until a clearance is recorded.
/// The re-screen is stored as a screening like any other, dated today, and linked to the booking.
/// </summary>
public sealed class CheckInService(
    ClinicDbContext db,
    ScreeningService screenings,
    ClinicSettingsService settings,
    TimeProvider time)
{
    public async Task<ServiceResult<ReScreenOutcome>> ReScreenAsync(int bookingId, RecordScreeningCommand answers, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.Include(b => b.History).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return ServiceResult<ReScreenOutcome>.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.CheckedIn)
        {
            return ServiceResult<ReScreenOutcome>.Fail("", $"The patient must be checked in first; this sitting is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.");
        }

        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        if (clinicTime.LocalDate(booking.StartUtc) != clinicTime.Today(time))
        {
            return ServiceResult<ReScreenOutcome>.Fail("", "The re-screen belongs to the day of the sitting.");
        }

        answers.PatientId = booking.PatientId;
        var recorded = await screenings.RecordAsync(answers, booking.Id, ct);
        if (!recorded.Succeeded)
        {
            return ServiceResult<ReScreenOutcome>.Fail(recorded.Errors);
        }

        var screening = recorded.Value!;
        ReScreenOutcome outcome;
        if (screening.Outcome == ScreeningOutcome.NotSuitable)
        {
            booking.Status = BookingStatus.NotPerformed;
            booking.NotPerformedReason = string.Join(" ", screening.ReasonList);
            booking.History.Add(new BookingEvent { Kind = BookingEventKind.NotPerformed, FromStartUtc = booking.StartUtc, Reason = booking.NotPerformedReason });
            outcome = new ReScreenOutcome(screening, true, $"The sitting is not performed: {booking.NotPerformedReason}");
        }
        else
        {
            booking.History.Add(new BookingEvent { Kind = BookingEventKind.ReScreened, FromStartUtc = booking.StartUtc, Reason = FlagsList.DisplayName(screening.Outcome) });
            outcome = screening.Outcome == ScreeningOutcome.ClearanceRequired
                ? new ReScreenOutcome(screening, false, "The needling cannot start until a doctor's clearance is recorded for today's screening.")
                : new ReScreenOutcome(screening, false, "Suitable today: the sitting can go ahead.");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<ReScreenOutcome>.Ok(outcome);
    }
}
