using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>The rooms for pick lists and the calendar, active or not (history may name an inactive room).</summary>
public static class RoomList
{
    private static readonly Func<ClinicDbContext, IAsyncEnumerable<RoomOption>> ListQuery =
        EF.CompileAsyncQuery((ClinicDbContext db) => db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoomOption(r.Id, r.Name, r.IsActive)));

    public static async Task<IReadOnlyList<RoomOption>> ListAsync(ClinicDbContext db, CancellationToken ct = default) =>
        await ListQuery(db).ToListAsync(ct);
}
