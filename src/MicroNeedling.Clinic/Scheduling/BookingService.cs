using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>A booking made, or a warning the user must confirm before it is made.</summary>
public sealed record BookingOutcome(int? BookingId, string? Warning)
{
    public bool NeedsConfirmation => BookingId is null && Warning is not null;
}

/// <summary>
/// Books, moves, cancels, checks in and marks no-shows. Every rule of the calendar lives here, so every entry point
/// (pages, the course booking, tests) keeps it. Each write runs in one transaction that re-checks the calendar inside
/// it; on SQLite that transaction is an immediate write transaction, so two concurrent bookings of one slot are
/// serialised and the second sees the first.
/// </summary>
public sealed class BookingService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    ScreeningService screenings,
    Sittings.SittingGuard guard,
    TimeProvider time,
    IValidator<BookSittingCommand> bookValidator,
    IValidator<MoveBookingCommand> moveValidator,
    IValidator<CancelBookingCommand> cancelValidator)
{
    public async Task<ServiceResult<BookingOutcome>> BookAsync(BookSittingCommand command, CancellationToken ct = default)
    {
        var validation = await bookValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<BookingOutcome>.Fail(validation);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        ServiceResult<BookingOutcome> result;
        try
        {
            result = await BookInTransactionAsync(command, ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsOverlapViolation(e))
        {
            return TakenMeanwhile();
        }

        if (result.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>
    /// Books one sitting inside the caller's transaction, so that booking a whole course commits all sittings or none.
    /// The caller validates the command and owns the transaction.
    /// </summary>
    internal async Task<ServiceResult<BookingOutcome>> BookInTransactionAsync(BookSittingCommand command, CancellationToken ct)
    {
        var sitting = await db.PlannedSittings.SingleOrDefaultAsync(s => s.Id == command.SittingId, ct);
        if (sitting is null)
        {
            return ServiceResult<BookingOutcome>.Fail("", "That sitting does not exist.");
        }

        var live = await LiveBookingOfAsync(sitting.Id, ct);
        if (live is not null)
        {
            // Pressing "Book" twice sends the same slot twice: the second press finds the first booking and succeeds quietly.
            return IsSameSlot(live, command, await ClinicTimeAsync(ct))
                ? ServiceResult<BookingOutcome>.Ok(new BookingOutcome(live.Id, null))
                : ServiceResult<BookingOutcome>.Fail("", $"Sitting {sitting.Number} is already booked. Move that booking instead.");
        }

        var check = await CheckSlotAsync(sitting, command, ignoreBookingId: null, ct);
        if (check.Errors.Count > 0)
        {
            return ServiceResult<BookingOutcome>.Fail(check.Errors);
        }

        if (check.Warning is not null && !command.ConfirmLongInterval)
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(null, check.Warning));
        }

        var booking = new Booking
        {
            PlannedSittingId = sitting.Id,
            PatientId = check.PatientId,
            ClinicianId = command.ClinicianId,
            RoomId = command.RoomId!.Value,
            StartUtc = check.Span.StartUtc,
            NeedlingStartUtc = check.NeedlingStartUtc,
            EndUtc = check.Span.EndUtc,
            Status = BookingStatus.Booked,
            History =
            [
                new BookingEvent { Kind = BookingEventKind.Booked, ToStartUtc = check.Span.StartUtc, ToClinicianId = command.ClinicianId, ToRoomId = command.RoomId },
            ],
        };
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(ct);
        return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null));
    }

    public async Task<ServiceResult<BookingOutcome>> MoveAsync(MoveBookingCommand command, CancellationToken ct = default)
    {
        var validation = await moveValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<BookingOutcome>.Fail(validation);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.Include(b => b.Sitting).SingleOrDefaultAsync(b => b.Id == command.BookingId, ct);
        if (booking is null)
        {
            return ServiceResult<BookingOutcome>.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.Booked)
        {
            return ServiceResult<BookingOutcome>.Fail("", $"Only a booked sitting can be moved; this one is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.");
        }

        if (IsSameSlot(booking, command, await ClinicTimeAsync(ct)))
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null));
        }

        var check = await CheckSlotAsync(booking.Sitting!, command, ignoreBookingId: booking.Id, ct);
        if (check.Errors.Count > 0)
        {
            return ServiceResult<BookingOutcome>.Fail(check.Errors);
        }

        if (check.Warning is not null && !command.ConfirmLongInterval)
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(null, check.Warning));
        }

        booking.History.Add(new BookingEvent
        {
            Kind = BookingEventKind.Moved,
            FromStartUtc = booking.StartUtc,
            ToStartUtc = check.Span.StartUtc,
            FromClinicianId = booking.ClinicianId,
            ToClinicianId = command.ClinicianId,
            FromRoomId = booking.RoomId,
            ToRoomId = command.RoomId,
            Reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(),
        });
        booking.ClinicianId = command.ClinicianId;
        booking.RoomId = command.RoomId!.Value;
        booking.StartUtc = check.Span.StartUtc;
        booking.NeedlingStartUtc = check.NeedlingStartUtc;
        booking.EndUtc = check.Span.EndUtc;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsOverlapViolation(e))
        {
            return TakenMeanwhile();
        }

        await transaction.CommitAsync(ct);
        return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null));
    }

    public async Task<ServiceResult> CancelAsync(CancelBookingCommand command, CancellationToken ct = default)
    {
        var validation = await cancelValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        return await ChangeStatusAsync(command.BookingId, BookingStatus.Cancelled, BookingEventKind.Cancelled, command.Reason.Trim(), ct);
    }

    /// <summary>Marks a booked sitting as a no-show, once its start time has passed. The sitting can then be booked again.</summary>
    public Task<ServiceResult> MarkNoShowAsync(int bookingId, CancellationToken ct = default) =>
        ChangeStatusAsync(bookingId, BookingStatus.NoShow, BookingEventKind.NoShow, null, ct);

    /// <summary>The patient has arrived. Only on the day of the booking, and only while the screening allows treatment today.</summary>
    public Task<ServiceResult> CheckInAsync(int bookingId, CancellationToken ct = default) =>
        ChangeStatusAsync(bookingId, BookingStatus.CheckedIn, BookingEventKind.CheckedIn, null, ct);

    /// <summary>
    /// A checked-in sitting that will not go ahead today (the patient left, the clearance did not come, the course went
    /// on hold): it is marked not performed with the reason, and the sitting can be booked again.
    /// </summary>
    public async Task<ServiceResult> MarkNotPerformedAsync(int bookingId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ServiceResult.Fail("NotPerformedReason", "Give the reason the sitting did not go ahead.");
        }

        if (reason.Trim().Length > 1000)
        {
            return ServiceResult.Fail("NotPerformedReason", "The reason can be at most 1000 characters.");
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.Include(b => b.History).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return ServiceResult.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.CheckedIn)
        {
            return ServiceResult.Fail("", $"Only a checked-in sitting can be marked not performed; this one is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.");
        }

        booking.Status = BookingStatus.NotPerformed;
        booking.NotPerformedReason = reason.Trim();
        booking.History.Add(new BookingEvent { Kind = BookingEventKind.NotPerformed, FromStartUtc = booking.StartUtc, Reason = booking.NotPerformedReason });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    private async Task<ServiceResult> ChangeStatusAsync(int bookingId, BookingStatus to, BookingEventKind kind, string? reason, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.Include(b => b.Sitting).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return ServiceResult.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.Booked)
        {
            return ServiceResult.Fail("", $"This sitting is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}, so it cannot be marked {FlagsList.DisplayName(to).ToLowerInvariant()}.");
        }

        var clinicTime = await ClinicTimeAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (to == BookingStatus.NoShow && now < booking.StartUtc)
        {
            return ServiceResult.Fail("", "A sitting can only be marked as a no-show after its start time.");
        }

        if (to == BookingStatus.CheckedIn)
        {
            var refusal = await CheckInRefusalAsync(booking, clinicTime, ct);
            if (refusal is not null)
            {
                return ServiceResult.Fail("", refusal);
            }
        }

        booking.Status = to;
        if (to == BookingStatus.Cancelled)
        {
            booking.CancellationReason = reason;
        }

        booking.History.Add(new BookingEvent { Kind = kind, Reason = reason, FromStartUtc = booking.StartUtc });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    private async Task<string?> CheckInRefusalAsync(Booking booking, ClinicTime clinicTime, CancellationToken ct)
    {
        var today = clinicTime.Today(time);
        if (clinicTime.LocalDate(booking.StartUtc) != today)
        {
            return $"This sitting is booked for {clinicTime.LocalDate(booking.StartUtc):d MMM yyyy}; a patient can only be checked in on the day.";
        }

        var course = await guard.CourseRefusalAsync(booking.Sitting!.CoursePlanId, ct);
        if (course is not null)
        {
            return course;
        }

        var status = await screenings.StatusOnAsync(booking.PatientId, today, ct);
        return status.AllowsTreatment ? null : $"The patient cannot be treated today: {status.Summary} Ask a clinician to re-screen the patient.";
    }

    private async Task<Booking?> LiveBookingOfAsync(int sittingId, CancellationToken ct) =>
        await db.Bookings.Where(Booking.IsLive).SingleOrDefaultAsync(
            b => b.PlannedSittingId == sittingId, ct);

    private async Task<ClinicTime> ClinicTimeAsync(CancellationToken ct) => ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);

    /// <summary>
    /// The database refused an overlap the checks above did not see: on PostgreSQL an exclusion constraint backs up
    /// the write lock, so even a path that skipped the checks cannot double-book.
    /// </summary>
    private static ServiceResult<BookingOutcome> TakenMeanwhile() =>
        ServiceResult<BookingOutcome>.Fail("Time", "Another booking overlaps this time. Choose another time.");

    private static bool IsSameSlot(Booking booking, ISlotCommand command, ClinicTime clinicTime) =>
        booking.ClinicianId == command.ClinicianId
        && booking.RoomId == command.RoomId
        && clinicTime.ToUtc(command.Date!.Value, command.Time!.Value).Utc == booking.StartUtc;

    private sealed record SlotCheck(List<ServiceError> Errors, string? Warning, UtcSpan Span, DateTime NeedlingStartUtc, int PatientId);

    /// <summary>Every rule a slot must pass, collected so the user sees all the reasons at once.</summary>
    private async Task<SlotCheck> CheckSlotAsync(PlannedSitting sitting, ISlotCommand slot, int? ignoreBookingId, CancellationToken ct)
    {
        var errors = new List<ServiceError>();
        var clinic = await settings.GetAsync(ct);
        var clinicTime = ClinicTime.For(clinic.TimeZoneId);
        var plan = await db.CoursePlans.AsNoTracking().SingleAsync(p => p.Id == sitting.CoursePlanId, ct);
        var none = new SlotCheck(errors, null, default, default, plan.PatientId);

        var course = await guard.CourseRefusalAsync(plan.Id, ct);
        if (course is not null)
        {
            errors.Add(new("", $"{course} Its sittings cannot be booked now."));
            return none;
        }

        if (!await Clinicians.Bookable(db).AnyAsync(u => u.Id == slot.ClinicianId, ct))
        {
            errors.Add(new(nameof(ISlotCommand.ClinicianId), "Choose a clinician from the list."));
        }

        if (!await db.Rooms.AnyAsync(r => r.Id == slot.RoomId && r.IsActive, ct))
        {
            errors.Add(new(nameof(ISlotCommand.RoomId), "Choose an active room from the list."));
        }

        var date = slot.Date!.Value;
        var start = clinicTime.ToUtc(date, slot.Time!.Value);
        if (start.Utc is not { } startUtc)
        {
            errors.Add(new(nameof(ISlotCommand.Time), start.Problem!));
            return none;
        }

        if (startUtc < time.GetUtcNow().UtcDateTime)
        {
            errors.Add(new(nameof(ISlotCommand.Time), "That time has already passed."));
        }

        var needlingStart = startUtc.AddMinutes(plan.NumbingLeadMinutes);
        var span = new UtcSpan(startUtc, needlingStart.AddMinutes(plan.MinutesPerSitting + clinic.TurnoverMinutes));
        var localStart = clinicTime.ToLocal(span.StartUtc);
        var localEnd = clinicTime.ToLocal(span.EndUtc);
        var length = (int)(span.EndUtc - span.StartUtc).TotalMinutes;

        await CheckOpeningHoursAsync(errors, date, localStart, localEnd, length, ct);
        if (errors.Count == 0)
        {
            await CheckClinicianHoursAsync(errors, slot.ClinicianId, date, localStart, localEnd, ct);
        }

        await CheckOverlapsAsync(errors, span, slot, plan.PatientId, ignoreBookingId, clinicTime, ct);

        var booked = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.Sitting!.CoursePlanId == plan.Id && b.Id != ignoreBookingId)
            .Select(b => new { b.Sitting!.Number, b.StartUtc })
            .ToListAsync(ct);
        var interval = BookingRules.CheckInterval(
            sitting.Number, date, booked.Select(b => new CourseSittingDate(b.Number, clinicTime.LocalDate(b.StartUtc))), plan.MinIntervalDays, plan.MaxIntervalDays);
        if (interval.Refusal is not null)
        {
            errors.Add(new(nameof(ISlotCommand.Date), interval.Refusal));
        }

        var otherCourse = await NearbySittingOfAnotherCourseAsync(plan, date, startUtc, ignoreBookingId, clinicTime, ct);
        if (otherCourse is not null)
        {
            errors.Add(new(nameof(ISlotCommand.Date), otherCourse));
        }

        var screening = await screenings.StatusOnAsync(plan.PatientId, date, ct);
        if (!screening.AllowsTreatment)
        {
            errors.Add(new("", $"The patient's screening does not allow treatment on {date:d MMM yyyy}: {screening.Summary} Ask a clinician to re-screen the patient."));
        }

        return new SlotCheck(errors, interval.Warning, span, needlingStart, plan.PatientId);
    }

    /// <summary>
    /// The skin needs the minimum interval whichever course a sitting belongs to: cancelling a course and planning a new
    /// one must not allow needling again the next day.
    /// </summary>
    private async Task<string?> NearbySittingOfAnotherCourseAsync(CoursePlan plan, DateOnly date, DateTime startUtc, int? ignoreBookingId, ClinicTime clinicTime, CancellationToken ct)
    {
        var from = startUtc.AddDays(-(plan.MinIntervalDays + 1));
        var to = startUtc.AddDays(plan.MinIntervalDays + 1);
        var nearby = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.PatientId == plan.PatientId && b.Sitting!.CoursePlanId != plan.Id && b.Id != ignoreBookingId
                && b.StartUtc > from && b.StartUtc < to)
            .Select(b => b.StartUtc)
            .ToListAsync(ct);
        var clash = nearby.Select(clinicTime.LocalDate).FirstOrDefault(d => Math.Abs(d.DayNumber - date.DayNumber) < plan.MinIntervalDays);
        return clash == default
            ? null
            : $"The patient has a sitting of another course on {clash:d MMM yyyy}; sittings must be at least {plan.MinIntervalDays} days apart.";
    }

    private async Task CheckOpeningHoursAsync(List<ServiceError> errors, DateOnly date, DateTime localStart, DateTime localEnd, int length, CancellationToken ct)
    {
        var closed = await db.ClosedDays.AsNoTracking().FirstOrDefaultAsync(d => d.Date == date, ct);
        if (closed is not null)
        {
            errors.Add(new(nameof(ISlotCommand.Date), $"The clinic is closed on {date:d MMM yyyy} ({closed.Reason})."));
            return;
        }

        var hours = await db.OpeningHours.AsNoTracking().SingleOrDefaultAsync(h => h.Day == date.DayOfWeek, ct);
        if (hours is not { IsOpen: true })
        {
            errors.Add(new(nameof(ISlotCommand.Date), $"The clinic is closed on {date.DayOfWeek}s."));
            return;
        }

        if (!BookingRules.FitsWithin(localStart, localEnd, hours.Opens, hours.Closes))
        {
            errors.Add(new(nameof(ISlotCommand.Time),
                $"The appointment ({localStart:HH:mm}–{localEnd:HH:mm}, {length} minutes with numbing and turnover) must fit within opening hours, {hours.Opens:HH:mm}–{hours.Closes:HH:mm}."));
        }
    }

    private async Task CheckClinicianHoursAsync(List<ServiceError> errors, string clinicianId, DateOnly date, DateTime localStart, DateTime localEnd, CancellationToken ct)
    {
        var off = await db.TimeOff.AsNoTracking().FirstOrDefaultAsync(t => t.ClinicianId == clinicianId && t.From <= date && t.To >= date, ct);
        if (off is not null)
        {
            errors.Add(new(nameof(ISlotCommand.ClinicianId), $"The clinician is off from {off.From:d MMM} to {off.To:d MMM yyyy}."));
            return;
        }

        var hours = await db.ClinicianHours.AsNoTracking().SingleOrDefaultAsync(h => h.ClinicianId == clinicianId && h.Day == date.DayOfWeek, ct);
        if (hours is null)
        {
            errors.Add(new(nameof(ISlotCommand.ClinicianId), $"The clinician does not work on {date.DayOfWeek}s."));
        }
        else if (!BookingRules.FitsWithin(localStart, localEnd, hours.Start, hours.End))
        {
            errors.Add(new(nameof(ISlotCommand.ClinicianId), $"The clinician works {hours.Start:HH:mm}–{hours.End:HH:mm} on {date.DayOfWeek}s; the appointment runs {localStart:HH:mm}–{localEnd:HH:mm}."));
        }
    }

    private async Task CheckOverlapsAsync(List<ServiceError> errors, UtcSpan span, ISlotCommand slot, int patientId, int? ignoreBookingId, ClinicTime clinicTime, CancellationToken ct)
    {
        // Bounded by the longest possible appointment, so each query is an index range scan on (resource, StartUtc).
        var lookBack = span.StartUtc - BookingRules.LongestAppointment;
        var candidates = db.Bookings.AsNoTracking().Where(Booking.IsLive).Where(b =>
            b.Id != ignoreBookingId
            && b.StartUtc > lookBack && b.StartUtc < span.EndUtc && b.EndUtc > span.StartUtc);

        string Describe(Booking b) => $"{clinicTime.ToLocal(b.StartUtc):HH:mm}–{clinicTime.ToLocal(b.EndUtc):HH:mm}";

        var clinician = await candidates.FirstOrDefaultAsync(b => b.ClinicianId == slot.ClinicianId, ct);
        if (clinician is not null)
        {
            errors.Add(new(nameof(ISlotCommand.ClinicianId), $"The clinician already has a booking from {Describe(clinician)} (numbing and turnover included)."));
        }

        var room = await candidates.FirstOrDefaultAsync(b => b.RoomId == slot.RoomId, ct);
        if (room is not null)
        {
            errors.Add(new(nameof(ISlotCommand.RoomId), $"The room is already booked from {Describe(room)} (numbing and turnover included)."));
        }

        var patient = await candidates.FirstOrDefaultAsync(b => b.PatientId == patientId, ct);
        if (patient is not null)
        {
            errors.Add(new("", $"The patient already has a booking from {Describe(patient)}."));
        }
    }
}
