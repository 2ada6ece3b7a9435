using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Tests.Messaging;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// A London clinic (one clinician, one room, open every day) for the clinical reports' hand-counted data sets. The clock
/// only goes forward, so a test sets its data up in time order with <see cref="At"/>, in clinic-local time.
/// </summary>
public sealed class ClinicalReportsClinic : IDisposable
{
    private static readonly ClinicTime London = ClinicTime.For("Europe/London");

    private readonly MailingClinic clinic;

    private ClinicalReportsClinic(MailingClinic clinic) => this.clinic = clinic;

    public ClinicTestHost Host => clinic.Host;

    /// <summary>Opens the clinic with the clock at <paramref name="localStart"/> (London time).</summary>
    public static async Task<ClinicalReportsClinic> OpenAsync(string localStart) =>
        new(await MailingClinic.OpenAsync(new DateTimeOffset(Utc(localStart), TimeSpan.Zero)));

    /// <summary>The UTC instant of a London wall-clock time "yyyy-MM-dd HH:mm".</summary>
    public static DateTime Utc(string local)
    {
        var at = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        return London.ToUtc(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at)).Utc!.Value;
    }

    /// <summary>Moves the clock forward to a London wall-clock time.</summary>
    public void At(string local)
    {
        var utc = Utc(local);
        Assert.True(utc >= Host.UtcNow, $"The clock only goes forward: {local} is before now.");
        Host.Clock.Advance(utc - Host.UtcNow);
    }

    public Task<Report> ReportAsync(ReportKind kind, string from, string to, ReportGrouping by = ReportGrouping.Week) =>
        Host.RunAsync<IServiceProvider, Report>(services => ActivatorUtilities.CreateInstance<ReportService>(services)
            .BuildAsync(kind, new ReportPeriod(DateOnly.Parse(from), DateOnly.Parse(to), by)));

    /// <summary>A patient screened suitable now, with a consented course of <paramref name="sittings"/> sittings planned now
    /// (minimum 28, maximum 42 days apart).</summary>
    public async Task<CoursePlan> CourseAsync(string firstName, int sittings = 3)
    {
        var patientId = await Host.CreateScreenedPatientAsync(firstName, "Report");
        var draft = await Host.RunAsync<PlanService, CreatePlanCommand>(s => s.DraftAsync(patientId));
        draft.SittingCount = sittings;
        draft.SittingCountReason = "A short course agreed with the patient.";
        draft.MinIntervalDays = 28;
        draft.MaxIntervalDays = 42;
        var plan = await Host.CreatePlanAsync(draft);
        Assert.True(plan.Succeeded, string.Join("; ", plan.Errors.Select(e => e.Message)));
        await Host.SignConsentAsync(plan.Value!.Id);
        return plan.Value;
    }

    /// <summary>
    /// Puts a booking of sitting <paramref name="number"/> straight into the database, starting at a London time: the
    /// booking services would need the clock at that day (and charting every earlier sitting would need weeks of fake
    /// time), and the reports read only the booking's status and start.
    /// </summary>
    public Task<int> BookingAsync(CoursePlan plan, int number, string localStart, BookingStatus status) =>
        Host.QueryAsync(async db =>
        {
            var start = Utc(localStart);
            var booking = new Booking
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
                PatientId = plan.PatientId,
                ClinicianId = clinic.ClinicianId,
                RoomId = clinic.RoomId,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
                Status = status,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });

    /// <summary>
    /// The sitting <paramref name="number"/> of the course takes place today at 10:00 (the clock must stand on that day,
    /// before 10:00): checked in at 10:00, re-screened suitable, charted at 11:00 through the real services. When it
    /// is the last sitting, that completes the course.
    /// </summary>
    public async Task<ChartOutcome> SittingTodayAsync(CoursePlan plan, int number)
    {
        var today = DateOnly.FromDateTime(London.ToLocal(Host.UtcNow));
        At($"{today:yyyy-MM-dd} 10:00");
        var bookingId = await BookingAsync(plan, number, $"{today:yyyy-MM-dd} 10:00", BookingStatus.CheckedIn);
        await ReScreenAsync(bookingId, _ => { });
        At($"{today:yyyy-MM-dd} 11:00");
        var charted = await Host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(Commands.Chart(bookingId)));
        Assert.True(charted.Succeeded, string.Join("; ", charted.Errors.Select(e => e.Message)));
        return charted.Value!;
    }

    /// <summary>The re-screen at check-in of a booking of today, with the answers changed as the test says.</summary>
    public async Task<ReScreenOutcome> ReScreenAsync(int bookingId, Action<RecordScreeningCommand> answers)
    {
        var command = Commands.NoToEverything(0);
        answers(command);
        var result = await Host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(bookingId, command));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    /// <summary>Records a side effect now through the real service (any staff may).</summary>
    public async Task<SideEffect> SideEffectAsync(int patientId, SideEffectKind kind, Severity severity, string onset)
    {
        var result = await Host.RunAsync<IServiceProvider, ServiceResult<SideEffect>>(services => ActivatorUtilities.CreateInstance<SideEffectService>(services)
            .RecordAsync(new RecordSideEffectCommand { PatientId = patientId, Kind = kind, Severity = severity, OnsetDate = DateOnly.Parse(onset), Description = "Reported by phone." }));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    /// <summary>A clinician reviews a side effect now through the real service.</summary>
    public async Task ReviewAsync(int sideEffectId, ReviewOutcome outcome)
    {
        var result = await Host.RunAsync<IServiceProvider, ServiceResult>(services => ActivatorUtilities.CreateInstance<SideEffectService>(services)
            .ReviewAsync(new ReviewSideEffectCommand { SideEffectId = sideEffectId, Outcome = outcome, Note = "Seen and advised." }));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    public Task<List<Booking>> BookingsAsync() => Host.QueryAsync(db => db.Bookings.AsNoTracking().ToListAsync());

    public void Dispose() => clinic.Dispose();
}

/// <summary>Reading a report's tables in assertions.</summary>
internal static class ReportReading
{
    public static ReportTable Table(this Report report, string id) =>
        report.Tables.SingleOrDefault(t => t.Id == id) ?? throw new InvalidOperationException($"No table {id}; the report has {string.Join(", ", report.Tables.Select(t => t.Id))}.");

    /// <summary>The table as one line per row, "label: value value …" (null as "-", no trailing zeros), for comparing
    /// with a hand-counted table.</summary>
    public static IReadOnlyList<string> Lines(this ReportTable table) =>
        table.Rows.Select(r => r.Label + ": " + string.Join(" ", r.Values.Select(Text))).ToList();

    public static string Text(decimal? value) =>
        value is { } v ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "-";

    public static decimal? Cell(this ReportTable table, string row, string column)
    {
        var index = table.Columns.ToList().FindIndex(c => c.Header == column);
        Assert.True(index >= 0, $"No column {column} in {table.Id}.");
        return (table.Rows.SingleOrDefault(r => r.Label == row) ?? throw new InvalidOperationException($"No row {row} in {table.Id}.")).Values[index];
    }

    /// <summary>Every table has a note on how it is counted, one value per column in every row, and unique ids.</summary>
    public static void AssertWellFormed(this Report report)
    {
        Assert.Equal(report.Tables.Count, report.Tables.Select(t => t.Id).Distinct().Count());
        foreach (var table in report.Tables)
        {
            Assert.False(string.IsNullOrWhiteSpace(table.Note), $"{table.Id} has no note.");
            Assert.All(table.Rows, r => Assert.Equal(table.Columns.Count, r.Values.Count));
        }
    }
}
