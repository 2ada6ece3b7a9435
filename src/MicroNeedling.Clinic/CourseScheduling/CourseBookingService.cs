using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>
/// "Book remaining sittings": the pure <see cref="CourseScheduler"/> proposes, the front desk reviews and may change any
/// line, and the confirm books every line in one transaction through the same rules as a single booking, or none.
/// </summary>
public sealed class CourseBookingService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    BookingService bookings,
    CourseFactsQuery courses,
    CalendarSnapshotLoader snapshots,
    TimeProvider time,
    Messaging.PatientMessages messages,
    IValidator<BookCourseCommand> validator)
{
    public async Task<CoursePreferences> DefaultPreferencesAsync(int planId, CancellationToken ct = default)
    {
        var plan = await db.CoursePlans.AsNoTracking().Include(p => p.Patient).SingleOrDefaultAsync(p => p.Id == planId, ct);
        return plan is null ? new CoursePreferences() : new CoursePreferences
        {
            Days = FlagsList.Split(plan.Patient!.PreferredDays),
            TimeOfDay = plan.Patient.PreferredTimeOfDay,
        };
    }

    public async Task<ServiceResult<List<CourseLine>>> ProposeAsync(int planId, CoursePreferences preferences, CancellationToken ct = default)
    {
        var course = await courses.ForPlanAsync(planId, ct);
        if (course is null)
        {
            return ServiceResult<List<CourseLine>>.Fail("", "That course does not exist.");
        }

        var clinic = await settings.GetAsync(ct);
        var clinicTime = ClinicTime.For(clinic.TimeZoneId);
        var today = clinicTime.Today(time);
        var refusal = BookingEligibility.Refusal(course, today, clinic.MinimumAge);
        if (refusal is not null)
        {
            return ServiceResult<List<CourseLine>>.Fail("", $"{refusal} Its sittings cannot be booked now.");
        }

        var sittings = await db.PlannedSittings.AsNoTracking().Where(s => s.CoursePlanId == planId).OrderBy(s => s.Number).ToListAsync(ct);
        var live = await LiveBookingsOfPatientAsync(course.PatientId, ct);
        var ofPlan = live.Where(b => b.PlanId == planId).ToList();
        var unbooked = sittings.Where(s => ofPlan.All(b => b.SittingId != s.Id)).ToList();
        if (unbooked.Count == 0)
        {
            return ServiceResult<List<CourseLine>>.Ok([]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var horizonDays = 60 + (unbooked.Count * course.MaxIntervalDays);
        var request = new CourseRequest(
            unbooked.Select(s => new SittingToPlace(s.Id, s.Number)).ToList(),
            ofPlan.Select(b => new BookedSitting(b.Number, clinicTime.LocalDate(b.StartUtc), b.ClinicianId)).ToList(),
            course.MinIntervalDays,
            course.MaxIntervalDays,
            TimeSpan.FromMinutes(course.NumbingLeadMinutes + course.MinutesPerSitting + clinic.TurnoverMinutes),
            now,
            FlagsList.Combine(preferences.Days).ToDays(),
            preferences.TimeOfDay,
            string.IsNullOrEmpty(preferences.ClinicianId) ? null : preferences.ClinicianId,
            HorizonDays: 60)
        {
            OtherCourseDates = live.Where(b => b.PlanId != planId).Select(b => clinicTime.LocalDate(b.StartUtc)).ToList(),
        };
        var calendar = await snapshots.ForRangeAsync(clinicTime, today, today.AddDays(horizonDays), course.PatientId, ct);

        var lines = CourseScheduler.Propose(request, calendar).Select(p =>
        {
            var local = p.StartUtc is { } start ? clinicTime.ToLocal(start) : (DateTime?)null;
            return new CourseLine
            {
                SittingId = p.SittingId,
                Number = p.Number,
                ClinicianId = p.ClinicianId ?? "",
                RoomId = p.RoomId,
                Date = local is { } d ? DateOnly.FromDateTime(d) : null,
                Time = local is { } t ? TimeOnly.FromDateTime(t) : null,
                Problem = p.Problem,
            };
        }).ToList();
        return ServiceResult<List<CourseLine>>.Ok(lines);
    }

    /// <summary>
    /// Books every placed line in one transaction. If any line fails (something changed since the proposal), nothing is
    /// booked and each failing line says why.
    /// </summary>
    public async Task<ServiceResult<CourseBookingOutcome>> BookAsync(BookCourseCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<CourseBookingOutcome>.Fail(validation);
        }

        // Every line must be a sitting of this course: the form is posted back, so its hidden ids are not to be trusted.
        var sittingsOfPlan = await db.PlannedSittings.AsNoTracking().Where(s => s.CoursePlanId == command.PlanId).Select(s => s.Id).ToListAsync(ct);
        if (command.Lines.Any(l => !sittingsOfPlan.Contains(l.SittingId)))
        {
            return ServiceResult<CourseBookingOutcome>.Fail("", "The proposal does not match this course. Propose the times again.");
        }

        var errors = new List<ServiceError>();
        var warnings = new List<string>();
        var created = new List<int>();
        await using (var transaction = await db.Database.BeginWriteTransactionAsync(ct))
        {
            for (var i = 0; i < command.Lines.Count; i++)
            {
                var line = command.Lines[i];
                if (line.Problem is not null)
                {
                    continue;
                }

                var result = await bookings.BookInTransactionAsync(new BookSittingCommand
                {
                    SittingId = line.SittingId,
                    ClinicianId = line.ClinicianId,
                    RoomId = line.RoomId,
                    Date = line.Date,
                    Time = line.Time,
                    ConfirmLongInterval = command.ConfirmLongInterval,
                }, ct);
                var prefix = $"Lines[{i}]";
                errors.AddRange(result.Errors.Select(e => new ServiceError(
                    e.Field == "" ? prefix : $"{prefix}.{e.Field}", $"Sitting {line.Number}: {e.Message}")));
                if (result.Value is { NeedsConfirmation: true } outcome)
                {
                    warnings.Add(outcome.Warning!);
                }
                else if (result.Value is { Created: true, BookingId: { } bookingId })
                {
                    created.Add(bookingId);
                }
            }

            if (errors.Count == 0 && warnings.Count == 0)
            {
                // One confirmation for the course, listing every sitting booked now, in the same transaction.
                await messages.QueueBookedAsync(created, ct);
                await transaction.CommitAsync(ct);
                return ServiceResult<CourseBookingOutcome>.Ok(new CourseBookingOutcome(command.Lines.Count(l => l.Problem is null), null));
            }
        }

        // Nothing was committed; forget the bookings this context added, so the page shows the calendar as it is.
        db.ChangeTracker.Clear();
        return errors.Count > 0
            ? ServiceResult<CourseBookingOutcome>.Fail(errors)
            : ServiceResult<CourseBookingOutcome>.Ok(new CourseBookingOutcome(0, string.Join(" ", warnings)));
    }

    private sealed record LiveBooking(int SittingId, int Number, int PlanId, DateTime StartUtc, string ClinicianId);

    private async Task<List<LiveBooking>> LiveBookingsOfPatientAsync(int patientId, CancellationToken ct) =>
        await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.PatientId == patientId)
            .Select(b => new LiveBooking(b.PlannedSittingId, b.Sitting!.Number, b.Sitting.CoursePlanId, b.StartUtc, b.ClinicianId))
            .ToListAsync(ct);
}
