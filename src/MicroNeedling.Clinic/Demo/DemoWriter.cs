using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Demo;

/// <summary>The rows of one course (or of loose records) waiting to be written.</summary>
internal sealed class DemoBatch
{
    public List<ScreeningRecord> Screenings { get; } = [];

    public List<Booking> Bookings { get; } = [];

    public List<BookingEvent> Events { get; } = [];

    public List<SittingChart> Charts { get; } = [];

    public List<ChartArea> ChartAreas { get; } = [];

    public List<SideEffect> SideEffects { get; } = [];

    public List<Consent.PatientConsent> Consents { get; } = [];
}

/// <summary>
/// Collects finished rows and writes them in chunks of a few thousand, one transaction each, in foreign-key order.
/// </summary>
internal sealed class DemoWriter(ClinicDbContext db, Dictionary<string, int> counts)
{
    private const int ChunkRows = 5_000;

    private readonly BulkInserter inserter = new(db);
    private readonly List<CoursePlan> plans = [];
    private readonly List<PlannedSitting> sittings = [];
    private readonly DemoBatch courses = new();
    private int pending;

    public List<Patient> Patients { get; } = [];

    /// <summary>Screenings outside a course (patients found not suitable).</summary>
    public List<ScreeningRecord> Screenings { get; } = [];

    public void CountPending() => pending++;

    public void Add(DemoBatch rows, CoursePlan plan, IEnumerable<PlannedSitting> planned)
    {
        plans.Add(plan);
        sittings.AddRange(planned);
        courses.Screenings.AddRange(rows.Screenings);
        courses.Bookings.AddRange(rows.Bookings);
        courses.Events.AddRange(rows.Events);
        courses.Charts.AddRange(rows.Charts);
        courses.ChartAreas.AddRange(rows.ChartAreas);
        courses.SideEffects.AddRange(rows.SideEffects);
        courses.Consents.AddRange(rows.Consents);
        pending += 1 + plan.SittingCount + rows.Screenings.Count + rows.Bookings.Count + rows.Events.Count + rows.Charts.Count + rows.SideEffects.Count
            + rows.Consents.Count;
    }

    public async Task<bool> FlushIfFullAsync(CancellationToken ct)
    {
        if (pending + Patients.Count < ChunkRows)
        {
            return false;
        }

        await FlushAsync(ct);
        return true;
    }

    public async Task InsertNowAsync<T>(List<T> rows, string table, CancellationToken ct)
        where T : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await InsertAsync(rows, table, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var screenings = Screenings.Concat(courses.Screenings).ToList();
        var before = screenings.Where(s => s.BookingId is null).ToList();
        var after = screenings.Where(s => s.BookingId is not null).ToList();
        var clearancesBefore = before.Where(s => s.Clearance is not null).Select(s => s.Clearance!).ToList();
        var clearancesAfter = after.Where(s => s.Clearance is not null).Select(s => s.Clearance!).ToList();
        await InsertAsync(Patients, "Patients", ct);
        await InsertAsync(before, "Screenings", ct);
        await InsertAsync(clearancesBefore, "DoctorClearances", ct);
        await InsertAsync(plans, "CoursePlans", ct);
        await InsertAsync(sittings, "PlannedSittings", ct);
        await InsertAsync(courses.Bookings, "Bookings", ct);
        await InsertAsync(courses.Consents, "PatientConsents", ct);
        await InsertAsync(after, "Screenings", ct);
        await InsertAsync(clearancesAfter, "DoctorClearances", ct);
        await InsertAsync(courses.Events, "BookingEvents", ct);
        await InsertAsync(courses.Charts, "SittingCharts", ct);
        await InsertAsync(courses.ChartAreas, "ChartAreas", ct);
        await InsertAsync(courses.SideEffects, "SideEffects", ct);
        await transaction.CommitAsync(ct);
        Screenings.Clear();
        courses.Screenings.Clear();
        courses.Bookings.Clear();
        courses.Events.Clear();
        courses.Charts.Clear();
        courses.ChartAreas.Clear();
        courses.SideEffects.Clear();
        courses.Consents.Clear();
        pending = 0;
    }

    private async Task InsertAsync<T>(List<T> rows, string table, CancellationToken ct)
        where T : class
    {
        await inserter.InsertAsync(rows, ct);
        counts[table] = counts.GetValueOrDefault(table) + rows.Count;
        rows.Clear();
    }
}

/// <summary>
/// The seeder sets every key itself (rows of one course refer to each other before any is written), continuing after
/// the highest key already in each table. PostgreSQL's identity sequences are moved past them afterwards.
/// </summary>
internal sealed class DemoIds
{
    private static readonly string[] Tables =
    [
        "Rooms", "ClinicianHours", "Patients", "Screenings", "DoctorClearances", "CoursePlans", "PlannedSittings", "Bookings",
        "BookingEvents", "SittingCharts", "ChartAreas", "SideEffects", "PatientConsents",
    ];

    private readonly Dictionary<string, int> last = [];

    public static async Task<DemoIds> ReadAsync(ClinicDbContext db, CancellationToken ct)
    {
        var ids = new DemoIds();
        ids.last["Rooms"] = await db.Rooms.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["ClinicianHours"] = await db.ClinicianHours.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["Patients"] = await db.Patients.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["Screenings"] = await db.Screenings.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["DoctorClearances"] = await db.DoctorClearances.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["CoursePlans"] = await db.CoursePlans.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["PlannedSittings"] = await db.PlannedSittings.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["Bookings"] = await db.Bookings.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["BookingEvents"] = await db.BookingEvents.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["SittingCharts"] = await db.SittingCharts.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["ChartAreas"] = await db.ChartAreas.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["SideEffects"] = await db.SideEffects.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        ids.last["PatientConsents"] = await db.PatientConsents.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        return ids;
    }

    public int Next(string table) => last[table] = last[table] + 1;

    public async Task ResetSequencesAsync(ClinicDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return; // SQLite's INTEGER PRIMARY KEY continues after the highest key by itself.
        }

        foreach (var table in Tables)
        {
#pragma warning disable EF1002 // The table names are the constants above, not input.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table}\"), 1))", ct);
#pragma warning restore EF1002
        }
    }
}
