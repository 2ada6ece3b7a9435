using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Waitlist;

public sealed record WaitlistLine(
    int Id, int PatientId, string PatientName, string Phone, int PlanId, int? NextSittingNumber, int SittingCount,
    Weekdays PreferredDays, TimeOfDayPreference PreferredTimeOfDay, string? Note, WaitlistStatus Status, DateTime? OfferedStartUtc,
    DateTime CreatedAtUtc, string CreatedBy, bool HasAppointmentEmail);

/// <summary>The slot a cancelled or moved booking gave up: its time, clinician and room before the change.</summary>
public sealed record FreedSlot(int BookingId, DateOnly Date, TimeOnly Time, DateTime StartUtc, string ClinicianId, string ClinicianName, int RoomId, string RoomName);

/// <summary>A waitlisted patient who can take the freed slot: the slot policy and the interval rule both allow it.</summary>
public sealed record WaitlistCandidate(WaitlistLine Entry, int SittingId, int SittingNumber, bool MatchesDay, bool MatchesTime, string? Warning);

/// <summary>
/// The waitlist. When a booking is cancelled or moved, <see cref="CandidatesAsync"/> lists the waitlisted patients for
/// whom the freed slot is bookable, asking <see cref="BookingService.WouldBookAsync"/> (the booking's own final check)
/// for each, best first; front desk then books it (<see cref="BookAsync"/>, which checks again) or offers it by e-mail.
/// </summary>
public sealed class WaitlistService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    BookingService bookings,
    PatientMessages messages,
    CourseFactsQuery courses,
    TimeProvider time,
    IValidator<AddToWaitlistCommand> validator)
{
    public async Task<ServiceResult<int>> AddAsync(AddToWaitlistCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<int>.Fail(validation);
        }

        var course = await courses.ForPlanAsync(command.PlanId, ct);
        if (course is null)
        {
            return ServiceResult<int>.Fail("", "That course does not exist.");
        }

        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        if (BookingEligibility.Refusal(course, today, clinic.MinimumAge) is { } refusal)
        {
            return ServiceResult<int>.Fail("", $"{refusal} It cannot go on the waitlist.");
        }

        if (await NextUnbookedSittingAsync(command.PlanId, ct) is null)
        {
            return ServiceResult<int>.Fail("", "Every sitting of this course is booked or done; there is nothing to wait for.");
        }

        var existing = await db.WaitlistEntries.AsNoTracking().Where(WaitlistEntry.Open)
            .FirstOrDefaultAsync(w => w.CoursePlanId == command.PlanId, ct);
        if (existing is not null)
        {
            // A second press of "Add" finds the first entry.
            return ServiceResult<int>.Ok(existing.Id);
        }

        var entry = new WaitlistEntry
        {
            PatientId = course.PatientId,
            CoursePlanId = command.PlanId,
            PreferredDays = FlagsList.Combine(command.PreferredDays),
            PreferredTimeOfDay = command.PreferredTimeOfDay,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            Status = WaitlistStatus.Waiting,
        };
        db.WaitlistEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            return ServiceResult<int>.Fail("", "This course was put on the waitlist at the same moment by someone else.");
        }

        return ServiceResult<int>.Ok(entry.Id);
    }

    public async Task<IReadOnlyList<WaitlistLine>> OpenAsync(CancellationToken ct = default) =>
        await Lines(db.WaitlistEntries.AsNoTracking().Where(WaitlistEntry.Open))
            .ToListAsync(ct);

    /// <summary>Whether anyone is waiting: after a cancellation or a move the app then shows who can take the freed slot.</summary>
    public Task<bool> AnyoneWaitingAsync(CancellationToken ct = default) =>
        db.WaitlistEntries.AnyAsync(WaitlistEntry.Open, ct);

    /// <summary>The open entry of a course, or null.</summary>
    public async Task<WaitlistLine?> ForPlanAsync(int planId, CancellationToken ct = default) =>
        await Lines(db.WaitlistEntries.AsNoTracking().Where(WaitlistEntry.Open).Where(w => w.CoursePlanId == planId))
            .FirstOrDefaultAsync(ct);

    public async Task<ServiceResult> RemoveAsync(int entryId, CancellationToken ct = default)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null)
        {
            return ServiceResult.Fail("", "That waitlist entry does not exist.");
        }

        if (entry.IsOpen)
        {
            entry.Status = WaitlistStatus.Removed;
            entry.ClosedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return ServiceResult.Ok();
    }

    /// <summary>The slot a cancelled, no-show or moved booking gave up; null when it gave up none (still in its slot) or does not exist.</summary>
    public async Task<FreedSlot?> FreedSlotAsync(int bookingId, CancellationToken ct = default)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.History).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return null;
        }

        (DateTime Start, string Clinician, int Room)? slot = booking.Status == BookingStatus.Cancelled
            ? (booking.StartUtc, booking.ClinicianId, booking.RoomId)
            : booking.History.Where(e => e.Kind == BookingEventKind.Moved && e.FromStartUtc != null).OrderByDescending(e => e.Id)
                .Select(e => ((DateTime, string, int)?)(e.FromStartUtc!.Value, e.FromClinicianId ?? booking.ClinicianId, e.FromRoomId ?? booking.RoomId))
                .FirstOrDefault();
        if (slot is not { } freed)
        {
            return null;
        }

        var clock = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var local = clock.ToLocal(freed.Start);
        var clinician = await db.Users.AsNoTracking().Where(u => u.Id == freed.Clinician).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == freed.Room).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? "";
        return new FreedSlot(booking.Id, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), freed.Start, freed.Clinician, clinician, freed.Room, room);
    }

    /// <summary>
    /// The waitlisted patients who can take <paramref name="slot"/>, best first: those whose preferred day and time it
    /// matches, then those waiting longest. The slot must still be in the future.
    /// </summary>
    public async Task<IReadOnlyList<WaitlistCandidate>> CandidatesAsync(FreedSlot slot, CancellationToken ct = default)
    {
        if (slot.StartUtc <= time.GetUtcNow().UtcDateTime)
        {
            return [];
        }

        var candidates = new List<WaitlistCandidate>();
        foreach (var entry in await OpenAsync(ct))
        {
            if (await NextUnbookedSittingAsync(entry.PlanId, ct) is not { } sitting)
            {
                continue;
            }

            var (errors, warning) = await bookings.WouldBookAsync(CommandFor(sitting.Id, slot), ct);
            if (errors.Count > 0)
            {
                continue;
            }

            var matchesDay = entry.PreferredDays == Weekdays.None || entry.PreferredDays.HasFlag(WeekdaysExtensions.Flag(slot.Date.DayOfWeek));
            var matchesTime = entry.PreferredTimeOfDay switch
            {
                TimeOfDayPreference.Morning => slot.Time < new TimeOnly(12, 0),
                TimeOfDayPreference.Afternoon => slot.Time >= new TimeOnly(12, 0),
                _ => true,
            };
            candidates.Add(new WaitlistCandidate(entry, sitting.Id, sitting.Number, matchesDay, matchesTime, warning));
        }

        return candidates
            .OrderByDescending(c => c.MatchesDay && c.MatchesTime)
            .ThenByDescending(c => c.MatchesDay || c.MatchesTime)
            .ThenBy(c => c.Entry.CreatedAtUtc)
            .ToList();
    }

    /// <summary>Books the freed slot for a waitlisted course: the booking's own checks run again; the entry closes as booked.</summary>
    public async Task<ServiceResult<BookingOutcome>> BookAsync(int entryId, FreedSlot slot, CancellationToken ct = default)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null || !entry.IsOpen)
        {
            return ServiceResult<BookingOutcome>.Fail("", "That patient is no longer on the waitlist.");
        }

        if (await NextUnbookedSittingAsync(entry.CoursePlanId, ct) is not { } sitting)
        {
            return ServiceResult<BookingOutcome>.Fail("", "Every sitting of this course is booked already.");
        }

        // Filling a freed slot from the waitlist is the clinic's decision that the interval is acceptable.
        var command = CommandFor(sitting.Id, slot);
        command.ConfirmLongInterval = true;
        var result = await bookings.BookAsync(command, ct);
        if (result.Succeeded)
        {
            entry.Status = WaitlistStatus.Booked;
            entry.ClosedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    /// <summary>Offers the freed slot by e-mail; the entry stays open (marked offered) until the patient answers and is booked.</summary>
    public async Task<ServiceResult> OfferAsync(int entryId, FreedSlot slot, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null || !entry.IsOpen)
        {
            return ServiceResult.Fail("", "That patient is no longer on the waitlist.");
        }

        if (!await messages.QueueSlotOfferAsync(entry.PatientId, slot.StartUtc, ct))
        {
            return ServiceResult.Fail("", "This patient has not agreed to appointment e-mails or has no e-mail address. Call them instead.");
        }

        entry.Status = WaitlistStatus.Offered;
        entry.OfferedStartUtc = slot.StartUtc;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    private static BookSittingCommand CommandFor(int sittingId, FreedSlot slot) => new()
    {
        SittingId = sittingId,
        ClinicianId = slot.ClinicianId,
        RoomId = slot.RoomId,
        Date = slot.Date,
        Time = slot.Time,
    };

    private sealed record NextSitting(int Id, int Number);

    /// <summary>The course's lowest-numbered sitting with no live booking (booked, checked in or completed).</summary>
    private Task<NextSitting?> NextUnbookedSittingAsync(int planId, CancellationToken ct) =>
        db.PlannedSittings.AsNoTracking()
            .Where(s => s.CoursePlanId == planId && !db.Bookings.Where(Booking.IsLive).Any(b => b.PlannedSittingId == s.Id))
            .OrderBy(s => s.Number)
            .Select(s => new NextSitting(s.Id, s.Number))
            .FirstOrDefaultAsync(ct);

    private IQueryable<WaitlistLine> Lines(IQueryable<WaitlistEntry> entries) =>
        from w in entries
        join p in db.Patients on w.PatientId equals p.Id
        join plan in db.CoursePlans on w.CoursePlanId equals plan.Id
        orderby w.CreatedAtUtc
        select new WaitlistLine(
            w.Id, p.Id, p.FirstName + " " + p.LastName, p.Phone, plan.Id,
            db.PlannedSittings.Where(s => s.CoursePlanId == plan.Id && !db.Bookings.Where(Booking.IsLive).Any(b => b.PlannedSittingId == s.Id))
                .OrderBy(s => s.Number).Select(s => (int?)s.Number).FirstOrDefault(),
            plan.SittingCount, w.PreferredDays, w.PreferredTimeOfDay, w.Note, w.Status, w.OfferedStartUtc, w.CreatedAtUtc, w.CreatedBy,
            p.Email != null && p.AppointmentEmails);
}
