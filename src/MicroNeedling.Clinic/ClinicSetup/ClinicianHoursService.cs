using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>
/// The clinicians as the admin pages list them, each one's working week, and their time off. Time off is setup data,
/// so time off that has not started may be removed; time off that has started stays as the record.
/// </summary>
public sealed class ClinicianHoursService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    TimeProvider time,
    IValidator<SaveClinicianHoursCommand> clinicianHoursValidator,
    IValidator<AddTimeOffCommand> timeOffValidator)
{
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
