using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Audit;

/// <summary>How an entity leads to its patient: directly, through the record it belongs to, or not at all.</summary>
internal readonly record struct PatientLink(int? PatientId, Type? ParentType, int ParentId)
{
    public static PatientLink None => default;

    public static PatientLink Direct(int? patientId) => new(patientId, null, 0);

    public static PatientLink Via<TParent>(int parentId) => new(null, typeof(TParent), parentId);
}

/// <summary>
/// Works out which patient an audited record belongs to, so the Admin page can list everything about one patient.
/// <list type="bullet">
/// <item>A <see cref="Patient"/> is its own patient; any entity with an int <c>PatientId</c> property names it
/// (screenings, course plans, bookings, side effects, emergency-access grants, and any later entity that follows suit).</item>
/// <item>Children are resolved through their parent: a doctor's clearance through its screening, a planned sitting through
/// its course plan, a booking event and a sitting chart through their booking, a chart area through its chart. The parent
/// is taken from the change tracker when it is there (the usual case: it was saved in the same call), otherwise with
/// one small query per parent.</item>
/// <item>Clinic set-up (rooms, hours, settings, depth ranges) and staff accounts belong to no patient: null.</item>
/// </list>
/// </summary>
internal sealed class AuditedPatient(DbContext db)
{
    private const string PatientIdProperty = "PatientId";

    private readonly Dictionary<(Type, int), int?> resolved = [];

    public static PatientLink LinkOf(EntityEntry entry)
    {
        if (entry.Entity is Patient patient)
        {
            return PatientLink.Direct(patient.Id);
        }

        if (entry.Metadata.FindProperty(PatientIdProperty) is { } property && (property.ClrType == typeof(int) || property.ClrType == typeof(int?)))
        {
            return PatientLink.Direct((int?)entry.Property(property.Name).CurrentValue);
        }

        return entry.Entity switch
        {
            Screening.DoctorClearance clearance => PatientLink.Via<ScreeningRecord>(clearance.ScreeningId),
            PlannedSitting sitting => PatientLink.Via<CoursePlan>(sitting.CoursePlanId),
            BookingEvent bookingEvent => PatientLink.Via<Booking>(bookingEvent.BookingId),
            SittingChart chart => PatientLink.Via<Booking>(chart.BookingId),
            ChartArea area => PatientLink.Via<SittingChart>(area.SittingChartId),
            _ => PatientLink.None,
        };
    }

    /// <summary>The link for a record named by type and id, as the page filter names what was viewed.</summary>
    public static PatientLink LinkOf(string entityType, int entityId) => entityType switch
    {
        nameof(Patient) => PatientLink.Direct(entityId),
        "Screening" => PatientLink.Via<ScreeningRecord>(entityId), // nameof(ScreeningRecord) would give the alias's name
        nameof(CoursePlan) => PatientLink.Via<CoursePlan>(entityId),
        nameof(Booking) => PatientLink.Via<Booking>(entityId),
        nameof(SittingChart) => PatientLink.Via<SittingChart>(entityId),
        nameof(SideEffect) => PatientLink.Via<SideEffect>(entityId),
        _ => PatientLink.None,
    };

    /// <summary>Completes synchronously when <paramref name="sync"/>.</summary>
    public async ValueTask<int?> ResolveAsync(PatientLink link, bool sync, CancellationToken ct)
    {
        if (link.ParentType is null)
        {
            return link.PatientId;
        }

        if (resolved.TryGetValue((link.ParentType, link.ParentId), out var known))
        {
            return known;
        }

        var patientId = link.ParentType == typeof(SittingChart)
            ? await ChartPatientAsync(link.ParentId, sync, ct)
            : await DirectParentAsync(link.ParentType, link.ParentId, sync, ct);
        resolved[(link.ParentType, link.ParentId)] = patientId;
        return patientId;
    }

    private async ValueTask<int?> ChartPatientAsync(int chartId, bool sync, CancellationToken ct)
    {
        if (db.Set<SittingChart>().Local.FindEntry(chartId) is { } tracked)
        {
            return await ResolveAsync(PatientLink.Via<Booking>(tracked.Entity.BookingId), sync, ct);
        }

        var query = db.Set<SittingChart>().Where(c => c.Id == chartId)
            .Join(db.Set<Booking>(), c => c.BookingId, b => b.Id, (_, b) => (int?)b.PatientId);
        return sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(ct);
    }

    private ValueTask<int?> DirectParentAsync(Type parentType, int id, bool sync, CancellationToken ct) => parentType switch
    {
        _ when parentType == typeof(ScreeningRecord) => FromParentAsync<ScreeningRecord>(id, sync, ct),
        _ when parentType == typeof(CoursePlan) => FromParentAsync<CoursePlan>(id, sync, ct),
        _ when parentType == typeof(Booking) => FromParentAsync<Booking>(id, sync, ct),
        _ when parentType == typeof(SideEffect) => FromParentAsync<SideEffect>(id, sync, ct),
        _ => ValueTask.FromResult<int?>(null),
    };

    /// <summary>For a parent with an int Id and an int PatientId.</summary>
    private async ValueTask<int?> FromParentAsync<TParent>(int id, bool sync, CancellationToken ct)
        where TParent : class
    {
        if (db.Set<TParent>().Local.FindEntry(id) is { } tracked)
        {
            return tracked.Property<int>(PatientIdProperty).CurrentValue;
        }

        var query = db.Set<TParent>().Where(e => EF.Property<int>(e, "Id") == id).Select(e => (int?)EF.Property<int>(e, PatientIdProperty));
        return sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(ct);
    }
}
