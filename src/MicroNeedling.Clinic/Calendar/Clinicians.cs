using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

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
