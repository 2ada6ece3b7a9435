using FluentValidation;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>
/// Books, moves, cancels, checks in and marks no-shows. The booking rule (<see cref="BookingEligibility"/>), the slot
/// policy (<see cref="SlotPolicy"/>) and the interval rule (<see cref="IntervalRule"/>) are asked here, inside the write
/// transaction, for every entry point (pages, the course booking, tests); the calendar and the scheduler ask the same
/// rules beforehand. On SQLite that transaction is an immediate write transaction (PostgreSQL: an advisory lock), so two
/// concurrent bookings of one slot are serialised and the second sees the first.
/// </summary>
public sealed class BookingService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    CourseFactsQuery courses,
    CalendarSnapshotLoader snapshots,
    TimeProvider time,
    Messaging.PatientMessages messages,
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
            if (result.Value!.Created)
            {
                await messages.QueueBookedAsync([result.Value.BookingId!.Value], ct);
            }

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
        var course = await courses.ForSittingAsync(command.SittingId, ct);
        if (course is null)
        {
            return ServiceResult<BookingOutcome>.Fail("", "That sitting does not exist.");
        }

        var clinic = await settings.GetAsync(ct);
        var clock = ClinicTime.For(clinic.TimeZoneId);
        var patientBookings = await PatientBookingsAsync(course.PatientId, ct);
        var live = patientBookings.FirstOrDefault(b => b.SittingId == command.SittingId);
        if (live is not null)
        {
            // Pressing "Book" twice sends the same slot twice: the second press finds the first booking and succeeds quietly.
            return IsSameSlot(live.ClinicianId, live.RoomId, live.StartUtc, command, clock)
                ? ServiceResult<BookingOutcome>.Ok(new BookingOutcome(live.Id, null) { PatientName = course.PatientName })
                : ServiceResult<BookingOutcome>.Fail("", $"Sitting {course.SittingNumber} is already booked. Move that booking instead.");
        }

        var check = await CheckSlotAsync(course, clinic, clock, patientBookings, command, ignoreBookingId: null, ct);
        if (check.Errors.Count > 0)
        {
            return ServiceResult<BookingOutcome>.Fail(check.Errors);
        }

        if (check.Warning is not null && !command.ConfirmLongInterval)
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(null, check.Warning) { PatientName = course.PatientName });
        }

        var booking = new Booking
        {
            PlannedSittingId = command.SittingId,
            PatientId = course.PatientId,
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
        return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null) { PatientName = course.PatientName, Created = true });
    }

    /// <summary>
    /// Whether <paramref name="command"/> would book, without booking: the same final check (booking rule, slot policy,
    /// interval rule) as <see cref="BookAsync"/>, outside a transaction. The waitlist asks it for each candidate; the
    /// booking itself asks again when it is made.
    /// </summary>
    public async Task<(IReadOnlyList<ServiceError> Errors, string? Warning)> WouldBookAsync(BookSittingCommand command, CancellationToken ct = default)
    {
        var course = await courses.ForSittingAsync(command.SittingId, ct);
        if (course is null)
        {
            return ([new("", "That sitting does not exist.")], null);
        }

        var clinic = await settings.GetAsync(ct);
        var patientBookings = await PatientBookingsAsync(course.PatientId, ct);
        if (patientBookings.Any(b => b.SittingId == command.SittingId))
        {
            return ([new("", $"Sitting {course.SittingNumber} is already booked.")], null);
        }

        var check = await CheckSlotAsync(course, clinic, ClinicTime.For(clinic.TimeZoneId), patientBookings, command, ignoreBookingId: null, ct);
        return (check.Errors, check.Warning);
    }

    public async Task<ServiceResult<BookingOutcome>> MoveAsync(MoveBookingCommand command, CancellationToken ct = default)
    {
        var validation = await moveValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<BookingOutcome>.Fail(validation);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == command.BookingId, ct);
        if (booking is null)
        {
            return ServiceResult<BookingOutcome>.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.Booked)
        {
            return ServiceResult<BookingOutcome>.Fail("", $"Only a booked sitting can be moved; this one is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.");
        }

        var clinic = await settings.GetAsync(ct);
        var clock = ClinicTime.For(clinic.TimeZoneId);
        if (IsSameSlot(booking.ClinicianId, booking.RoomId, booking.StartUtc, command, clock))
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null));
        }

        var course = (await courses.ForSittingAsync(booking.PlannedSittingId, ct))!;
        var patientBookings = await PatientBookingsAsync(course.PatientId, ct);
        var check = await CheckSlotAsync(course, clinic, clock, patientBookings, command, ignoreBookingId: booking.Id, ct);
        if (check.Errors.Count > 0)
        {
            return ServiceResult<BookingOutcome>.Fail(check.Errors);
        }

        if (check.Warning is not null && !command.ConfirmLongInterval)
        {
            return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(null, check.Warning) { PatientName = course.PatientName });
        }

        var fromStartUtc = booking.StartUtc;
        booking.History.Add(new BookingEvent
        {
            BookingId = booking.Id,
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

        await messages.QueueMovedAsync(booking.Id, fromStartUtc, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<BookingOutcome>.Ok(new BookingOutcome(booking.Id, null) { PatientName = course.PatientName });
    }

    /// <summary>A booking with its names and history, for the booking pages; null when there is none.</summary>
    public Task<BookingView?> ViewAsync(int bookingId, CancellationToken ct = default) => BookingView.LoadAsync(db, bookingId, ct);

    /// <summary>The clinicians and rooms a booking form offers.</summary>
    public async Task<(IReadOnlyList<ClinicianOption> Clinicians, IReadOnlyList<RoomOption> Rooms)> ChoicesAsync(CancellationToken ct = default) =>
        (await Clinicians.ListAsync(db, ct), await RoomList.ListAsync(db, ct));

    /// <summary>Why the needling of this checked-in booking cannot start now, or null (<see cref="Sittings.SittingGuard.StartRefusalAsync"/>).</summary>
    public async Task<string?> StartRefusalAsync(int bookingId, Sittings.SittingGuard guard, CancellationToken ct = default) =>
        await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct) is { } booking
            ? await guard.StartRefusalAsync(booking, ct)
            : null;

    /// <summary>
    /// For the booking and move forms: each active room, and whether it is free for the sitting at the typed time with the
    /// chosen clinician (the same policy the final check asks). Empty when the date or time is missing or does not exist.
    /// </summary>
    public async Task<IReadOnlyList<(int RoomId, string? TakenBy)>> RoomsForAsync(int sittingId, DateOnly? date, TimeOnly? startTime, int? ignoreBookingId, CancellationToken ct = default)
    {
        if (date is not { } day || startTime is not { } start || day < ClinicDates.First || day > ClinicDates.Last
            || await courses.ForSittingAsync(sittingId, ct) is not { } course)
        {
            return [];
        }

        var clinic = await settings.GetAsync(ct);
        var clock = ClinicTime.For(clinic.TimeZoneId);
        var snapshot = await snapshots.ForDayAsync(clock, day, [], ignoreBookingId, ct);
        return new SlotPolicy(snapshot).RoomsFor(new SlotRequest(day, start, AppointmentLength(course, clinic), null, null));
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
        if (to == BookingStatus.NoShow)
        {
            // The patient may just be late: a no-show only after the clinic's grace period, so a late arrival can still
            // be checked in; and a no-show can be undone the same day (UndoNoShowAsync).
            var grace = (await settings.GetAsync(ct)).NoShowGraceMinutes;
            var from = booking.StartUtc.AddMinutes(grace);
            if (now < from)
            {
                return ServiceResult.Fail("", $"A sitting can be marked as a no-show from {clinicTime.ToLocal(from):HH:mm}, {grace} minutes after its start: the patient may still come.");
            }
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
        if (to == BookingStatus.Cancelled)
        {
            await messages.QueueCancelledAsync([booking.Id], ct);
        }

        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// Puts a no-show back to booked, on the day of the sitting, when the patient turns up after all: provided nothing has
    /// taken the clinician's, the room's or the patient's time meanwhile and the sitting has not been booked again.
    /// </summary>
    public async Task<ServiceResult> UndoNoShowAsync(int bookingId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return ServiceResult.Fail("", "That booking does not exist.");
        }

        if (booking.Status != BookingStatus.NoShow)
        {
            return ServiceResult.Fail("", $"Only a no-show can be undone; this sitting is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.");
        }

        var clinic = await settings.GetAsync(ct);
        var clock = ClinicTime.For(clinic.TimeZoneId);
        var day = clock.LocalDate(booking.StartUtc);
        if (day != clock.Today(time))
        {
            return ServiceResult.Fail("", "A no-show can only be undone on the day of the sitting.");
        }

        // The booking rule still holds: a course cancelled or put on hold since the no-show gets no booking back.
        var course = (await courses.ForSittingAsync(booking.PlannedSittingId, ct))!;
        if (BookingEligibility.Refusal(course, day, clinic.MinimumAge) is { } refusal)
        {
            return ServiceResult.Fail("", refusal);
        }

        var patientBookings = await PatientBookingsAsync(booking.PatientId, ct);
        if (patientBookings.Any(b => b.SittingId == booking.PlannedSittingId))
        {
            return ServiceResult.Fail("", "The sitting has been booked again since; that booking stands.");
        }

        // The slot policy's collisions over the day: nobody may have taken the clinician's, room's or patient's time.
        var snapshot = await snapshots.ForDayAsync(clock, day, patientBookings.Select(b => new UtcSpan(b.StartUtc, b.EndUtc)).ToList(), booking.Id, ct);
        var collisions = new SlotPolicy(snapshot).Collisions(new UtcSpan(booking.StartUtc, booking.EndUtc), booking.ClinicianId, booking.RoomId);
        if (collisions.Count > 0)
        {
            return ServiceResult.Fail("", "The slot has been taken since: " + string.Join(" ", collisions.Select(r => r.Message)));
        }

        booking.Status = BookingStatus.Booked;
        booking.History.Add(new BookingEvent { BookingId = booking.Id, Kind = BookingEventKind.NoShowUndone, FromStartUtc = booking.StartUtc });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsOverlapViolation(e))
        {
            return ServiceResult.Fail("", "The slot has been taken since.");
        }

        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// Arrival needs the day and the booking rule, not a screening valid today: the clinician's re-screen at this
    /// check-in is the screening the needling needs (<see cref="Sittings.SittingGuard.StartRefusalAsync"/>).
    /// </summary>
    private async Task<string?> CheckInRefusalAsync(Booking booking, ClinicTime clinicTime, CancellationToken ct)
    {
        var today = clinicTime.Today(time);
        if (clinicTime.LocalDate(booking.StartUtc) != today)
        {
            return $"This sitting is booked for {clinicTime.LocalDate(booking.StartUtc):d MMM yyyy}; a patient can only be checked in on the day.";
        }

        var course = (await courses.ForSittingAsync(booking.PlannedSittingId, ct))!;
        return BookingEligibility.Refusal(course, today, (await settings.GetAsync(ct)).MinimumAge);
    }

    private async Task<ClinicTime> ClinicTimeAsync(CancellationToken ct) => ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);

    /// <summary>
    /// The database refused an overlap the checks above did not see: on PostgreSQL an exclusion constraint backs up
    /// the write lock, so even a path that skipped the checks cannot double-book.
    /// </summary>
    private static ServiceResult<BookingOutcome> TakenMeanwhile() =>
        ServiceResult<BookingOutcome>.Fail("Time", "Another booking overlaps this time. Choose another time.");

    private static bool IsSameSlot(string clinicianId, int roomId, DateTime startUtc, ISlotCommand command, ClinicTime clinicTime) =>
        clinicianId == command.ClinicianId
        && roomId == command.RoomId
        && clinicTime.ToUtc(command.Date!.Value, command.Time!.Value).Utc == startUtc;

    private static TimeSpan AppointmentLength(CourseFacts course, Settings.ClinicSettings clinic) =>
        TimeSpan.FromMinutes(course.NumbingLeadMinutes + course.MinutesPerSitting + clinic.TurnoverMinutes);

    /// <summary>A live booking of the patient, with its sitting's number and course.</summary>
    private sealed record PatientBooking(int Id, int SittingId, int Number, int PlanId, string ClinicianId, int RoomId, DateTime StartUtc, DateTime EndUtc);

    /// <summary>One command: the patient's live bookings, for the double-press check, the interval rule and the patient's busy time.</summary>
    private async Task<List<PatientBooking>> PatientBookingsAsync(int patientId, CancellationToken ct) =>
        await db.Bookings.AsNoTracking().Where(Booking.IsLive).Where(b => b.PatientId == patientId)
            .Select(b => new PatientBooking(b.Id, b.PlannedSittingId, b.Sitting!.Number, b.Sitting.CoursePlanId, b.ClinicianId, b.RoomId, b.StartUtc, b.EndUtc))
            .ToListAsync(ct);

    private sealed record SlotCheck(List<ServiceError> Errors, string? Warning, UtcSpan Span, DateTime NeedlingStartUtc);

    /// <summary>
    /// The final check, inside the write transaction: the booking rule, the slot policy over a snapshot of the day, and
    /// the interval rule within the course and across courses. Every reason is collected, each keyed to its field.
    /// </summary>
    private async Task<SlotCheck> CheckSlotAsync(
        CourseFacts course, Settings.ClinicSettings clinic, ClinicTime clock, List<PatientBooking> patientBookings, ISlotCommand slot, int? ignoreBookingId, CancellationToken ct)
    {
        var errors = new List<ServiceError>();
        var date = slot.Date!.Value;
        var refusal = BookingEligibility.Refusal(course, date, clinic.MinimumAge);
        if (refusal is not null)
        {
            errors.Add(new("", $"{refusal} Its sittings cannot be booked now."));
            return new SlotCheck(errors, null, default, default);
        }

        var others = patientBookings.Where(b => b.Id != ignoreBookingId).ToList();
        var snapshot = await snapshots.ForDayAsync(clock, date, others.Select(b => new UtcSpan(b.StartUtc, b.EndUtc)).ToList(), ignoreBookingId, ct);
        var decision = new SlotPolicy(snapshot).Check(new SlotRequest(date, slot.Time!.Value, AppointmentLength(course, clinic), slot.ClinicianId, slot.RoomId));
        errors.AddRange(decision.Refusals.Select(r => new ServiceError(FieldOf(r.Field), r.Message)));

        var interval = IntervalRule.Check(
            course.SittingNumber, date,
            others.Where(b => b.PlanId == course.PlanId).Select(b => new CourseSittingDate(b.Number, clock.LocalDate(b.StartUtc))),
            course.MinIntervalDays, course.MaxIntervalDays);
        if (interval.Refusal is not null)
        {
            errors.Add(new(nameof(ISlotCommand.Date), interval.Refusal));
        }

        var otherCourses = others.Where(b => b.PlanId != course.PlanId).Select(b => clock.LocalDate(b.StartUtc));
        if (IntervalRule.OtherCourseClash(date, otherCourses, course.MinIntervalDays) is { } clash)
        {
            errors.Add(new(nameof(ISlotCommand.Date), IntervalRule.OtherCourseMessage(clash, course.MinIntervalDays)));
        }

        var span = decision.Span ?? default;
        return new SlotCheck(errors, interval.Warning, span, span.StartUtc.AddMinutes(course.NumbingLeadMinutes));
    }

    private static string FieldOf(SlotField field) => field switch
    {
        SlotField.Date => nameof(ISlotCommand.Date),
        SlotField.Time => nameof(ISlotCommand.Time),
        SlotField.Clinician => nameof(ISlotCommand.ClinicianId),
        SlotField.Room => nameof(ISlotCommand.RoomId),
        _ => "",
    };
}
