using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>
/// The clinic's opening hours for each weekday and the dates it is closed. Closed days are setup data, so future ones
/// may be removed; past ones stay as the record.
/// </summary>
public sealed class OpeningHoursService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    TimeProvider time,
    IValidator<SaveOpeningHoursCommand> openingHoursValidator,
    IValidator<AddClosedDayCommand> closedDayValidator)
{
    /// <summary>The seven weekdays, Monday first, as the form edits them.</summary>
    public async Task<SaveOpeningHoursCommand> GetOpeningHoursAsync(CancellationToken ct = default)
    {
        var rows = await db.OpeningHours.AsNoTracking().ToDictionaryAsync(h => h.Day, ct);
        return new SaveOpeningHoursCommand
        {
            Days = Week.MondayFirst.Select(day => rows.TryGetValue(day, out var h)
                ? new OpeningDay { Day = day, IsOpen = h.IsOpen, Opens = h.Opens, Closes = h.Closes }
                : new OpeningDay { Day = day, IsOpen = false }).ToList(),
        };
    }

    public async Task<ServiceResult> SaveOpeningHoursAsync(SaveOpeningHoursCommand command, CancellationToken ct = default)
    {
        if (!Week.HasEachDayOnce(command.Days.Select(d => d.Day)))
        {
            return ServiceResult.Fail("", "The form must hold each of the seven weekdays once. Reload the page and try again.");
        }

        var validation = await openingHoursValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        // The migration seeds one row per weekday; a missing row is added rather than assumed.
        var rows = await db.OpeningHours.ToDictionaryAsync(h => h.Day, ct);
        foreach (var day in command.Days)
        {
            if (!rows.TryGetValue(day.Day, out var row))
            {
                row = new OpeningHours { Day = day.Day };
                db.OpeningHours.Add(row);
            }

            row.IsOpen = day.IsOpen;

            // A closed weekday keeps the times it had when none are given, so re-opening it later starts from them.
            row.Opens = day.Opens ?? row.Opens;
            row.Closes = day.Closes ?? row.Closes;
        }

        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>Closed days from today on, soonest first.</summary>
    public async Task<IReadOnlyList<ClosedDayItem>> UpcomingClosedDaysAsync(CancellationToken ct = default)
    {
        var today = await TodayAsync(ct);
        var days = await db.ClosedDays.AsNoTracking().Where(d => d.Date >= today).OrderBy(d => d.Date).ToListAsync(ct);
        return days.Select(d => new ClosedDayItem(d.Id, d.Date, d.Reason, CanRemove: d.Date > today)).ToList();
    }

    public async Task<ServiceResult> AddClosedDayAsync(AddClosedDayCommand command, CancellationToken ct = default)
    {
        var validation = await closedDayValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var date = command.Date!.Value;
        if (date < await TodayAsync(ct))
        {
            return ServiceResult.Fail(nameof(AddClosedDayCommand.Date), "The date has passed. Enter today or a later date.");
        }

        if (await db.ClosedDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, ct) is { } existing)
        {
            return ClosedAlready(existing);
        }

        db.ClosedDays.Add(new ClosedDay { Date = date, Reason = command.Reason.Trim() });
        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return ClosedAlready(await db.ClosedDays.AsNoTracking().SingleAsync(d => d.Date == date, ct));
        }
    }

    public async Task<ServiceResult> RemoveClosedDayAsync(int closedDayId, CancellationToken ct = default)
    {
        var day = await db.ClosedDays.SingleOrDefaultAsync(d => d.Id == closedDayId, ct);
        if (day is null)
        {
            return ServiceResult.Fail("", "That closed day does not exist. It may have been removed already.");
        }

        if (day.Date <= await TodayAsync(ct))
        {
            return ServiceResult.Fail("", "Only a closed day in the future can be removed; today and past days are kept as the record.");
        }

        db.ClosedDays.Remove(day);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    private static ServiceResult ClosedAlready(ClosedDay existing) =>
        ServiceResult.Fail(nameof(AddClosedDayCommand.Date),
            $"The clinic is already closed on {existing.Date:dddd d MMMM yyyy} ({existing.Reason}).");

    private async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var clinic = await settings.GetAsync(ct);
        return ClinicTime.For(clinic.TimeZoneId).Today(time);
    }
}
