using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>A chart saved, or the warnings the clinician must confirm before it is saved.</summary>
public sealed record ChartOutcome(int? ChartId, IReadOnlyList<string> Warnings, bool CourseCompleted = false, DateOnly? MaintenanceDueOn = null)
{
    public bool NeedsConfirmation => ChartId is null && Warnings.Count > 0;
}

/// <summary>One version of a sitting's chart in its history: who wrote it, when, and why it replaced the one before.</summary>
public sealed record ChartVersionLine(int Version, DateTime AtUtc, string By, string? Reason, bool IsCurrent);

/// <summary>A sitting with its current chart and every version of it, for the chart form and the chart page.</summary>
public sealed record SittingChartView(
    int BookingId, int PlanId, int PatientId, string PatientName, int Number, int SittingCount,
    DateOnly SittingDate, DateTime StartUtc, BookingStatus Status, FitzpatrickType? SkinType, string? Caution, int NumbingLeadMinutes,
    SittingChart? Current, IReadOnlyList<ChartVersionLine> Versions, string? ChartRefusal, string? AmendRefusal);

/// <summary>What the patient takes home after a sitting. First name only: the sheet may be left lying about.</summary>
public sealed record AftercareSheet(
    string ClinicName, string FirstName, DateOnly SittingDate, int Number, int SittingCount,
    IReadOnlyList<string> Advice, DateTime? NextSittingLocal, string ClinicPhone = "", string ClinicAddress = "")
{
    /// <summary>The severe side effects of docs/domain.md: the patient must get help at once.</summary>
    public static readonly IReadOnlyList<string> WatchFor =
    [
        "Signs of infection: growing pain, swelling, heat, pus or a fever",
        "Bruising",
        "Peeling",
        "Bleeding that does not stop",
    ];
}

/// <summary>
/// Charts a sitting (which completes it, and the course with its last sitting) and amends charts. Each write runs in
/// one transaction. Charts are versioned: an amendment writes a new version and keeps every earlier one unchanged.
/// </summary>
public sealed class ChartService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    SittingGuard guard,
    TimeProvider time,
    Messaging.PatientMessages messages,
    Recalls.RecallService recalls,
    IValidator<ChartSittingCommand> validator)
{
    public async Task<SittingChartView?> LoadAsync(int bookingId, CancellationToken ct = default)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Sitting).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return null;
        }

        var plan = await db.CoursePlans.AsNoTracking().Include(p => p.Patient).SingleAsync(p => p.Id == booking.Sitting!.CoursePlanId, ct);
        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var charts = await db.SittingCharts.AsNoTracking().Include(c => c.Areas.OrderBy(a => a.Id))
            .Where(c => c.BookingId == bookingId).OrderBy(c => c.Version).ToListAsync(ct);
        var authors = charts.Select(c => c.CreatedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authors.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        var versions = charts.Select(c => new ChartVersionLine(c.Version, c.CreatedAtUtc, names.GetValueOrDefault(c.CreatedBy, c.CreatedBy), c.AmendmentReason, c.IsCurrent))
            .ToList();

        return new SittingChartView(
            booking.Id, plan.Id, plan.PatientId, plan.Patient!.FullName, booking.Sitting!.Number, plan.SittingCount,
            clinicTime.LocalDate(booking.StartUtc), booking.StartUtc, booking.Status, plan.Patient.SkinType,
            ChartRules.SkinTypeCaution(plan.Patient.SkinType), plan.NumbingLeadMinutes,
            charts.SingleOrDefault(c => c.IsCurrent), versions,
            await ChartGuard.RefusalAsync(db, guard, booking, amending: false, ct),
            await ChartGuard.RefusalAsync(db, guard, booking, amending: true, ct));
    }

    /// <summary>The form's starting values: blank for a new chart, the current version's values for an amendment.</summary>
    public async Task<ChartSittingCommand> DraftAsync(int bookingId, bool amend, CancellationToken ct = default)
    {
        var draft = new ChartSittingCommand { BookingId = bookingId };
        var current = amend
            ? await db.SittingCharts.AsNoTracking().Include(c => c.Areas.OrderBy(a => a.Id)).SingleOrDefaultAsync(c => c.BookingId == bookingId && c.IsCurrent, ct)
            : null;
        if (current is null)
        {
            return draft;
        }

        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        TimeOnly Local(DateTime utc) => TimeOnly.FromDateTime(clinicTime.ToLocal(utc));
        draft.NumbingProduct = current.NumbingProduct;
        draft.NumbingApplied = Local(current.NumbingAppliedAtUtc);
        draft.NumbingRemoved = Local(current.NumbingRemovedAtUtc);
        draft.Device = current.Device;
        draft.CartridgeLot = current.CartridgeLot;
        draft.Areas = current.Areas.Select(a => new ChartAreaRow { Area = a.Area, DepthMm = a.DepthMm, Passes = a.Passes, OutOfRangeReason = a.OutOfRangeReason }).ToList();
        draft.SerumProduct = current.SerumProduct;
        draft.ProcedureStart = Local(current.ProcedureStartUtc);
        draft.ProcedureEnd = Local(current.ProcedureEndUtc);
        draft.Reaction = current.Reaction;
        draft.ReactionOther = current.ReactionOther;
        draft.Notes = current.Notes;
        draft.BaseVersion = current.Version;
        return draft;
    }

    public async Task<IReadOnlyList<DepthRange>> DepthRangesAsync(CancellationToken ct = default) =>
        await db.DepthRanges.AsNoTracking().OrderBy(r => r.Area).ToListAsync(ct);

    /// <summary>Saves version 1 of a checked-in sitting's chart and completes the sitting; the last sitting completes the course.</summary>
    public Task<ServiceResult<ChartOutcome>> CompleteAsync(ChartSittingCommand command, CancellationToken ct = default) =>
        SaveAsync(command, amending: false, ct);

    /// <summary>Writes the next version of a completed sitting's chart, with the reason; earlier versions stay as they were.</summary>
    public Task<ServiceResult<ChartOutcome>> AmendAsync(ChartSittingCommand command, CancellationToken ct = default) =>
        SaveAsync(command, amending: true, ct);

    public async Task<AftercareSheet?> AftercareAsync(int bookingId, CancellationToken ct = default)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Sitting).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return null;
        }

        var clinic = await settings.GetAsync(ct);
        var clinicTime = ClinicTime.For(clinic.TimeZoneId);
        var plan = await db.CoursePlans.AsNoTracking().Include(p => p.Patient).SingleAsync(p => p.Id == booking.Sitting!.CoursePlanId, ct);
        var next = await db.Bookings.AsNoTracking()
            .Where(b => b.Sitting!.CoursePlanId == plan.Id && b.Status == BookingStatus.Booked && b.StartUtc > booking.StartUtc)
            .OrderBy(b => b.StartUtc).Select(b => (DateTime?)b.StartUtc).FirstOrDefaultAsync(ct);
        var advice = clinic.AftercareText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return new AftercareSheet(clinic.ClinicName, plan.Patient!.FirstName, clinicTime.LocalDate(booking.StartUtc), booking.Sitting!.Number,
            plan.SittingCount, advice, next is { } utc ? clinicTime.ToLocal(utc) : null, clinic.ClinicPhone, clinic.ClinicAddress);
    }

    private async Task<ServiceResult<ChartOutcome>> SaveAsync(ChartSittingCommand command, bool amending, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(command, ct);
        var invalid = validation.Errors.Select(e => new ServiceError(e.PropertyName, e.ErrorMessage)).ToList();
        if (amending && string.IsNullOrWhiteSpace(command.AmendmentReason))
        {
            invalid.Add(new(nameof(ChartSittingCommand.AmendmentReason), "Give the reason for amending the chart."));
        }

        if (invalid.Count > 0)
        {
            return ServiceResult<ChartOutcome>.Fail(invalid);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var booking = await db.Bookings.Include(b => b.Sitting).SingleOrDefaultAsync(b => b.Id == command.BookingId, ct);
        if (booking is null)
        {
            return ServiceResult<ChartOutcome>.Fail("", "That booking does not exist.");
        }

        var refusal = await ChartGuard.RefusalAsync(db, guard, booking, amending, ct);
        if (refusal is not null)
        {
            return ServiceResult<ChartOutcome>.Fail("", refusal);
        }

        var clinic = await settings.GetAsync(ct);
        var clinicTime = ClinicTime.For(clinic.TimeZoneId);
        var plan = await db.CoursePlans.Include(p => p.Patient).SingleAsync(p => p.Id == booking.Sitting!.CoursePlanId, ct);

        // The times are typed as the clinic's wall clock on the day of the sitting.
        var day = clinicTime.LocalDate(booking.StartUtc);
        var timeErrors = new List<ServiceError>();
        DateTime Utc(TimeOnly local, string field)
        {
            var converted = clinicTime.ToUtc(day, local);
            if (converted.Utc is null)
            {
                timeErrors.Add(new(field, converted.Problem!));
            }

            return converted.Utc ?? default;
        }

        var numbingApplied = Utc(command.NumbingApplied!.Value, nameof(command.NumbingApplied));
        var numbingRemoved = Utc(command.NumbingRemoved!.Value, nameof(command.NumbingRemoved));
        var procedureStart = Utc(command.ProcedureStart!.Value, nameof(command.ProcedureStart));
        var procedureEnd = Utc(command.ProcedureEnd!.Value, nameof(command.ProcedureEnd));
        if (timeErrors.Count > 0)
        {
            return ServiceResult<ChartOutcome>.Fail(timeErrors);
        }

        // A chart records what happened: nothing in it may lie in the future. Saving it completes the sitting, so a chart
        // typed ahead would complete it early.
        var now = time.GetUtcNow().UtcDateTime;
        var local = $"{clinicTime.ToLocal(now):HH:mm}";
        var whenErrors = new List<ServiceError>();
        foreach (var (at, field, what) in new[]
        {
            (numbingApplied, nameof(command.NumbingApplied), "The numbing cream cannot have gone on"),
            (numbingRemoved, nameof(command.NumbingRemoved), "The numbing cream cannot have come off"),
            (procedureStart, nameof(command.ProcedureStart), "The needling cannot have started"),
            (procedureEnd, nameof(command.ProcedureEnd), "The needling cannot have ended"),
        })
        {
            if (at > now)
            {
                whenErrors.Add(new(field, $"{what} later than now ({local}). Chart the sitting once it has happened."));
            }
        }

        if (whenErrors.Count > 0)
        {
            return ServiceResult<ChartOutcome>.Fail(whenErrors);
        }

        var ranges = await db.DepthRanges.AsNoTracking().ToDictionaryAsync(r => r.Area, ct);
        var filled = command.FilledAreas().ToList();
        var check = ChartRules.Check(new ChartFacts(
            filled, ranges, numbingRemoved - numbingApplied, plan.NumbingLeadMinutes, procedureEnd - procedureStart, plan.Patient!.SkinType));
        if (check.Errors.Count > 0)
        {
            return ServiceResult<ChartOutcome>.Fail(check.Errors);
        }

        if (check.Warnings.Count > 0 && !command.ConfirmWarnings)
        {
            return ServiceResult<ChartOutcome>.Ok(new ChartOutcome(null, check.Warnings));
        }

        var chart = new SittingChart
        {
            BookingId = booking.Id,
            Version = 1,
            IsCurrent = true,
            NumbingProduct = command.NumbingProduct.Trim(),
            NumbingAppliedAtUtc = numbingApplied,
            NumbingRemovedAtUtc = numbingRemoved,
            Device = command.Device.Trim(),
            CartridgeLot = command.CartridgeLot.Trim(),
            Areas = filled.Select(x => new ChartArea
            {
                Area = x.Row.Area!.Value,
                DepthMm = x.Row.DepthMm!.Value,
                Passes = x.Row.Passes!.Value,
                OutOfRangeReason = string.IsNullOrWhiteSpace(x.Row.OutOfRangeReason) ? null : x.Row.OutOfRangeReason.Trim(),
            }).ToList(),
            SerumProduct = command.SerumProduct.Trim(),
            ProcedureStartUtc = procedureStart,
            ProcedureEndUtc = procedureEnd,
            Reaction = command.Reaction!.Value,
            ReactionOther = command.Reaction == ImmediateReaction.Other ? command.ReactionOther?.Trim() : null,
            Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim(),
        };

        if (amending)
        {
            var current = await db.SittingCharts.SingleOrDefaultAsync(c => c.BookingId == booking.Id && c.IsCurrent, ct);
            if (current is null)
            {
                return ServiceResult<ChartOutcome>.Fail("", "This sitting has no chart to amend.");
            }

            if (command.BaseVersion is { } baseVersion && baseVersion != current.Version)
            {
                return ServiceResult<ChartOutcome>.Fail("", $"The chart was amended by {current.CreatedBy} while you were editing (now version {current.Version}). Reload it and amend again.");
            }

            // The filtered unique index allows one current version per sitting, so the old one steps down first.
            current.IsCurrent = false;
            await db.SaveChangesAsync(ct);
            chart.Version = current.Version + 1;
            chart.AmendmentReason = command.AmendmentReason!.Trim();
        }
        else
        {
            booking.Status = BookingStatus.Completed;
            booking.History.Add(new BookingEvent { Kind = BookingEventKind.Completed, FromStartUtc = booking.StartUtc });
        }

        db.SittingCharts.Add(chart);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // A double submit or a colleague raced past the guard; the unique indexes kept one chart.
            return ServiceResult<ChartOutcome>.Fail("", amending
                ? "Someone else amended this chart at the same moment. Open it again to see their version."
                : "This sitting was already charted.");
        }

        var outcome = new ChartOutcome(chart.Id, check.Warnings);
        if (!amending)
        {
            await messages.QueueAftercareAsync(booking.Id, booking.PatientId, ct);
        }

        if (!amending && await CourseIsCompleteAsync(plan.Id, ct))
        {
            plan.Status = PlanStatus.Completed;
            plan.CompletedAtUtc = time.GetUtcNow().UtcDateTime;
            plan.MaintenanceDueOn = clinicTime.Today(time).AddMonths(clinic.MaintenanceMonths);
            await db.SaveChangesAsync(ct);
            await recalls.AddAsync(plan.Id, plan.PatientId, plan.MaintenanceDueOn.Value, ct);
            outcome = outcome with { CourseCompleted = true, MaintenanceDueOn = plan.MaintenanceDueOn };
        }

        await transaction.CommitAsync(ct);
        return ServiceResult<ChartOutcome>.Ok(outcome);
    }

    private Task<bool> CourseIsCompleteAsync(int planId, CancellationToken ct) =>
        db.PlannedSittings.Where(s => s.CoursePlanId == planId)
            .AllAsync(s => db.Bookings.Any(b => b.PlannedSittingId == s.Id && b.Status == BookingStatus.Completed), ct);
}
