using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>
/// The count the set-up pages warn with: closing a day (Opening hours) or adding a clinician's time off (Clinician
/// hours) leaves the sittings already booked then in place, so both pages need it and neither service owns it.
/// </summary>
public sealed class BookedSittingsService(ClinicDbContext db, ClinicSettingsService settings)
{
    /// <summary>
    /// How many sittings are still booked (or checked in) on clinic-local days <paramref name="from"/> to <paramref name="to"/>,
    /// for one clinician or the whole clinic. Closing a day or adding time off does not move them: staff must, so the
    /// admin pages say how many there are.
    /// </summary>
    public async Task<int> BookedSittingsBetweenAsync(DateOnly from, DateOnly to, string? clinicianId, CancellationToken ct = default)
    {
        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var fromUtc = clinicTime.StartOfDayUtc(from);
        var toUtc = clinicTime.StartOfDayUtc(to.AddDays(1));
        return await db.Bookings.AsNoTracking()
            .Where(b => (b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn) && b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .Where(b => clinicianId == null || b.ClinicianId == clinicianId)
            .CountAsync(ct);
    }
}
