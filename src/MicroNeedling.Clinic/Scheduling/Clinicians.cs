using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Scheduling;

public sealed record ClinicianOption(string Id, string Name);

/// <summary>The clinicians who can be booked: staff in the Clinician role whose account is not disabled.</summary>
public static class Clinicians
{
    public static IQueryable<StaffUser> Bookable(ClinicDbContext db)
    {
        var clinicianRole = Roles.IdOf(Roles.Clinician);
        return db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == clinicianRole));
    }

    public static async Task<IReadOnlyList<ClinicianOption>> ListAsync(ClinicDbContext db, CancellationToken ct = default) =>
        await Bookable(db).OrderBy(u => u.DisplayName).Select(u => new ClinicianOption(u.Id, u.DisplayName)).ToListAsync(ct);
}

/// <summary>The rooms for pick lists and the calendar, active or not (history may name an inactive room).</summary>
public static class RoomList
{
    private static readonly Func<ClinicDbContext, IAsyncEnumerable<RoomOption>> ListQuery =
        EF.CompileAsyncQuery((ClinicDbContext db) => db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoomOption(r.Id, r.Name, r.IsActive)));

    public static async Task<IReadOnlyList<RoomOption>> ListAsync(ClinicDbContext db, CancellationToken ct = default) =>
        await ListQuery(db).ToListAsync(ct);
}
