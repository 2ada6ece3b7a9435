using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Scheduling;

public sealed record RoomListItem(int Id, string Name, bool IsActive);

/// <summary>A closed day to show; only one still in the future can be removed.</summary>
public sealed record ClosedDayItem(int Id, DateOnly Date, string Reason, bool CanRemove);

/// <summary>A member of staff in the Clinician role, with the weekdays they work.</summary>
public sealed record ClinicianSummary(string Id, string DisplayName, string Email, bool IsDisabled, IReadOnlyList<DayOfWeek> WorkingDays);

/// <summary>Time off to show; only time off that has not started yet can be removed.</summary>
public sealed record TimeOffItem(int Id, DateOnly From, DateOnly To, string? Reason, bool CanRemove);

/// <summary>
/// What an Admin sets up before anything can be booked: rooms, the clinic's opening hours and closed days, and each
/// clinician's working week and time off. Rooms are deactivated, never deleted, because bookings refer to them.
/// Closed days and time off are setup data, so future ones may be removed; past ones stay as the record.
/// </summary>
public sealed class ClinicSetupService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    TimeProvider time,
    IValidator<SaveRoomCommand> roomValidator,
    IValidator<SaveOpeningHoursCommand> openingHoursValidator,
    IValidator<AddClosedDayCommand> closedDayValidator,
    IValidator<SaveClinicianHoursCommand> clinicianHoursValidator,
    IValidator<AddTimeOffCommand> timeOffValidator)
{
    /// <summary>
    /// How many sittings are still booked (or checked in) on clinic-local days <paramref name="from"/> to <paramref name="to"/>,
    /// for one clinician or the whole clinic. Closing a day or adding time off does not move them: staff must, so the
    /// admin pages say how many there are.
    /// </summary>
    public async Task<int> BookedSittingsBetweenAsync(DateOnly from, DateOnly to, string? clinicianId, CancellationToken ct = default)
    {
        var clinicTime = Common.ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var fromUtc = clinicTime.StartOfDayUtc(from);
        var toUtc = clinicTime.StartOfDayUtc(to.AddDays(1));
        return await db.Bookings.AsNoTracking()
            .Where(b => (b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn) && b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .Where(b => clinicianId == null || b.ClinicianId == clinicianId)
            .CountAsync(ct);
    }

    public async Task<IReadOnlyList<RoomListItem>> ListRoomsAsync(CancellationToken ct = default)
    {
        var rooms = await db.Rooms.AsNoTracking().Select(r => new RoomListItem(r.Id, r.Name, r.IsActive)).ToListAsync(ct);
        return rooms.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public Task<RoomListItem?> FindRoomAsync(int roomId, CancellationToken ct = default) =>
        db.Rooms.AsNoTracking().Where(r => r.Id == roomId).Select(r => new RoomListItem(r.Id, r.Name, r.IsActive)).SingleOrDefaultAsync(ct);

    public async Task<ServiceResult> AddRoomAsync(SaveRoomCommand command, CancellationToken ct = default)
    {
        var validation = await roomValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var name = command.Name.Trim();
        if (await RoomNamedAsync(name, exceptId: null, ct) is { } taken)
        {
            return RoomNameTaken(taken);
        }

        db.Rooms.Add(new Room { Name = name, IsActive = true });
        return await SaveRoomAsync(name, ct);
    }

    public async Task<ServiceResult> RenameRoomAsync(int roomId, SaveRoomCommand command, CancellationToken ct = default)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return ServiceResult.Fail("", "That room does not exist.");
        }

        var validation = await roomValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var name = command.Name.Trim();
        if (await RoomNamedAsync(name, exceptId: roomId, ct) is { } taken)
        {
            return RoomNameTaken(taken);
        }

        room.Name = name;
        return await SaveRoomAsync(name, ct);
    }

    /// <summary>A deactivated room keeps its bookings and history but is offered for no new booking.</summary>
    public async Task<ServiceResult> SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return ServiceResult.Fail("", "That room does not exist.");
        }

        room.IsActive = active;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    // The unique index compares names exactly; people do not, so "Room 1" and "room 1" are the same room. Rooms are a
    // handful of rows, so the comparison runs here, where it also folds non-ASCII letters (SQLite's upper() does not).
    private async Task<string?> RoomNamedAsync(string name, int? exceptId, CancellationToken ct)
    {
        var names = await db.Rooms.AsNoTracking().Where(r => r.Id != exceptId).Select(r => r.Name).ToListAsync(ct);
        return names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private static ServiceResult RoomNameTaken(string existing) =>
        ServiceResult.Fail(nameof(SaveRoomCommand.Name), $"There is already a room called \"{existing}\". Choose another name.");

    private async Task<ServiceResult> SaveRoomAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // A double submit or a colleague raced past the check above; the unique index kept one.
            db.ChangeTracker.Clear();
            return RoomNameTaken(name);
        }
    }

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

    /// <summary>Every account in the Clinician role, disabled ones included, by name.</summary>
    public async Task<IReadOnlyList<ClinicianSummary>> ListCliniciansAsync(CancellationToken ct = default)
    {
        var clinicians = await Clinicians().OrderBy(c => c.DisplayName).ToListAsync(ct);
        var ids = clinicians.Select(c => c.Id).ToList();
        var days = await db.ClinicianHours.AsNoTracking()
            .Where(h => ids.Contains(h.ClinicianId))
            .Select(h => new { h.ClinicianId, h.Day })
            .ToListAsync(ct);
        var byClinician = days.ToLookup(d => d.ClinicianId, d => d.Day);
        return clinicians
            .Select(c => new ClinicianSummary(c.Id, c.DisplayName, c.Email ?? "", c.IsDisabled,
                Week.MondayFirst.Where(byClinician[c.Id].Contains).ToList()))
            .ToList();
    }

    /// <summary>The clinician with this id, or null when there is no such account or it is not in the Clinician role.</summary>
    public async Task<ClinicianSummary?> FindClinicianAsync(string clinicianId, CancellationToken ct = default)
    {
        var clinician = await Clinicians().SingleOrDefaultAsync(c => c.Id == clinicianId, ct);
        if (clinician is null)
        {
            return null;
        }

        var days = await db.ClinicianHours.AsNoTracking().Where(h => h.ClinicianId == clinicianId).Select(h => h.Day).ToListAsync(ct);
        return new ClinicianSummary(clinician.Id, clinician.DisplayName, clinician.Email ?? "", clinician.IsDisabled,
            Week.MondayFirst.Where(days.Contains).ToList());
    }

    /// <summary>
    /// The clinician's week, Monday first. A day they do not work yet is filled in with the clinic's opening hours, so
    /// ticking "Works" is usually all it takes.
    /// </summary>
    public async Task<SaveClinicianHoursCommand> GetClinicianHoursAsync(string clinicianId, CancellationToken ct = default)
    {
        var hours = await db.ClinicianHours.AsNoTracking().Where(h => h.ClinicianId == clinicianId).ToDictionaryAsync(h => h.Day, ct);
        var opening = await db.OpeningHours.AsNoTracking().ToDictionaryAsync(h => h.Day, ct);
        return new SaveClinicianHoursCommand
        {
            Days = Week.MondayFirst.Select(day =>
            {
                if (hours.TryGetValue(day, out var h))
                {
                    return new WorkingDay { Day = day, Works = true, Start = h.Start, End = h.End };
                }

                return opening.TryGetValue(day, out var o) && o.IsOpen
                    ? new WorkingDay { Day = day, Works = false, Start = o.Opens, End = o.Closes }
                    : new WorkingDay { Day = day, Works = false };
            }).ToList(),
        };
    }

    public async Task<ServiceResult> SaveClinicianHoursAsync(string clinicianId, SaveClinicianHoursCommand command, CancellationToken ct = default)
    {
        if (!await IsClinicianAsync(clinicianId, ct))
        {
            return ServiceResult.Fail("", "That clinician does not exist.");
        }

        if (!Week.HasEachDayOnce(command.Days.Select(d => d.Day)))
        {
            return ServiceResult.Fail("", "The form must hold each of the seven weekdays once. Reload the page and try again.");
        }

        var validation = await clinicianHoursValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        // No row for a weekday means the clinician does not work that day.
        var rows = await db.ClinicianHours.Where(h => h.ClinicianId == clinicianId).ToDictionaryAsync(h => h.Day, ct);
        foreach (var day in command.Days)
        {
            rows.TryGetValue(day.Day, out var row);
            if (!day.Works)
            {
                if (row is not null)
                {
                    db.ClinicianHours.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new ClinicianHours { ClinicianId = clinicianId, Day = day.Day };
                db.ClinicianHours.Add(row);
            }

            row.Start = day.Start!.Value;
            row.End = day.End!.Value;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // Two saves of the same week raced; one of them is stored whole.
            db.ChangeTracker.Clear();
            return ServiceResult.Fail("", "These hours were changed a moment ago by someone else. Check them and save again.");
        }
    }

    /// <summary>Time off that has not ended yet, soonest first.</summary>
    public async Task<IReadOnlyList<TimeOffItem>> CurrentTimeOffAsync(string clinicianId, CancellationToken ct = default)
    {
        var today = await TodayAsync(ct);
        var rows = await db.TimeOff.AsNoTracking()
            .Where(t => t.ClinicianId == clinicianId && t.To >= today)
            .OrderBy(t => t.From).ThenBy(t => t.To)
            .ToListAsync(ct);
        return rows.Select(t => new TimeOffItem(t.Id, t.From, t.To, t.Reason, CanRemove: t.From > today)).ToList();
    }

    public async Task<ServiceResult> AddTimeOffAsync(string clinicianId, AddTimeOffCommand command, CancellationToken ct = default)
    {
        if (!await IsClinicianAsync(clinicianId, ct))
        {
            return ServiceResult.Fail("", "That clinician does not exist.");
        }

        var validation = await timeOffValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var from = command.From!.Value;
        var to = command.To!.Value;
        if (to < await TodayAsync(ct))
        {
            return ServiceResult.Fail(nameof(AddTimeOffCommand.To), "This time off has already ended. Enter dates that end today or later.");
        }

        var overlapping = await db.TimeOff.AsNoTracking()
            .Where(t => t.ClinicianId == clinicianId && t.From <= to && from <= t.To)
            .OrderBy(t => t.From)
            .FirstOrDefaultAsync(ct);
        if (overlapping is not null)
        {
            return ServiceResult.Fail(nameof(AddTimeOffCommand.From),
                $"This overlaps time off already recorded from {overlapping.From:d MMM yyyy} to {overlapping.To:d MMM yyyy}.");
        }

        db.TimeOff.Add(new TimeOff
        {
            ClinicianId = clinicianId,
            From = from,
            To = to,
            Reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    public async Task<ServiceResult> RemoveTimeOffAsync(string clinicianId, int timeOffId, CancellationToken ct = default)
    {
        var timeOff = await db.TimeOff.SingleOrDefaultAsync(t => t.Id == timeOffId && t.ClinicianId == clinicianId, ct);
        if (timeOff is null)
        {
            return ServiceResult.Fail("", "That time off does not exist. It may have been removed already.");
        }

        if (timeOff.From <= await TodayAsync(ct))
        {
            return ServiceResult.Fail("", "Only time off that has not started yet can be removed; time off that has started is kept as the record.");
        }

        db.TimeOff.Remove(timeOff);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    private IQueryable<StaffUser> Clinicians() =>
        from user in db.Users.AsNoTracking()
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == Roles.Clinician
        select user;

    private Task<bool> IsClinicianAsync(string clinicianId, CancellationToken ct) => Clinicians().AnyAsync(c => c.Id == clinicianId, ct);

    private async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var clinic = await settings.GetAsync(ct);
        return ClinicTime.For(clinic.TimeZoneId).Today(time);
    }
}
