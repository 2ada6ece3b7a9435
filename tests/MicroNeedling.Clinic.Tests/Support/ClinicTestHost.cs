using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Tests.Support;

/// <summary>
/// The Clinic service layer over a private database with the real migrations applied (in-memory SQLite, or a database
/// of its own on the test PostgreSQL server when the suite runs on PostgreSQL: see <see cref="TestDatabases"/>),
/// a clock the test controls and a user the test chooses. Every call runs in its own DI scope, like a web request,
/// so nothing is answered from a change tracker that a real second request would not share.
/// </summary>
/// <remarks>
/// The migrations run once per test run, with <c>Database.Migrate()</c>, into an in-memory template database; each host
/// then gets its own copy through SQLite's online backup. That keeps every test isolated and the run fast
/// (a migration per test costs about 60-200 ms, a copy well under 1 ms).
/// </remarks>
public sealed class ClinicTestHost : IDisposable
{
    /// <summary>Tuesday 10 March 2026, 10:00 UTC (10:00 in London): a plain working day away from any DST change.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lock TemplateLock = new();

    private static readonly Lazy<SqliteConnection> MigratedTemplate = new(() =>
    {
        var template = new SqliteConnection("Data Source=:memory:");
        template.Open();
        using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(template).Options);
        db.Database.Migrate();
        return template;
    });

    private readonly SqliteConnection? connection;
    private readonly string? postgreSqlDatabase;
    private readonly ServiceProvider provider;

    public ClinicTestHost(DateTimeOffset? now = null)
    {
        Clock = new FakeTimeProvider(now ?? DefaultNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ICurrentUser>(User);
        if (TestDatabases.IsPostgreSql)
        {
            postgreSqlDatabase = TestDatabases.CreateMigratedPostgreSqlDatabase();
            services.AddDbContext<ClinicDbContext, PostgreSqlClinicDbContext>(options => options
                .UseNpgsql(postgreSqlDatabase)
                .AddInterceptors(new StampingInterceptor(Clock, User), new MicroNeedling.Clinic.Audit.AuditingInterceptor(Clock, User), Sql));
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            services.AddDbContext<ClinicDbContext>(options => options
                .UseSqlite(connection)
                .AddInterceptors(new StampingInterceptor(Clock, User), new MicroNeedling.Clinic.Audit.AuditingInterceptor(Clock, User), Sql));

            // A SqliteConnection is not thread-safe, and test classes run in parallel.
            lock (TemplateLock)
            {
                MigratedTemplate.Value.BackupDatabase(connection);
            }
        }

        // The registrations of ClinicServiceCollectionExtensions.AddClinic for the services tested here
        // (StaffService needs Identity and is left out).
        services.AddValidatorsFromAssemblyContaining<ClinicDbContext>(ServiceLifetime.Scoped);
        services.AddScoped<ClinicSettingsService>();
        services.AddScoped<PatientService>();
        services.AddScoped<PatientAccess>();
        services.AddScoped<ScreeningService>();
        services.AddScoped<PlanService>();
        services.AddScoped<CourseFactsQuery>();
        services.AddScoped<CalendarSnapshotLoader>();
        services.AddScoped<BookingService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<CourseBookingService>();
        services.AddScoped<CourseTimelineService>();
        services.AddScoped<Clinic.Sittings.SittingGuard>();
        services.AddScoped<Clinic.Sittings.CheckInService>();
        services.AddScoped<MicroNeedling.Clinic.Sittings.ChartService>();
        services.AddScoped<MicroNeedling.Clinic.Audit.AuditService>();
        services.AddScoped<ClearanceService>();
        services.AddScoped<MicroNeedling.Clinic.Consent.ConsentGate>();
        services.AddScoped<MicroNeedling.Clinic.Consent.ConsentTemplateService>();
        services.AddScoped<MicroNeedling.Clinic.Consent.ConsentService>();
        services.AddSingleton<MicroNeedling.Clinic.Media.IMediaStore>(new MicroNeedling.Clinic.Media.FolderMediaStore(new MicroNeedling.Clinic.Media.FolderMediaStoreOptions { Root = MediaFolder }));
        services.AddSingleton<MicroNeedling.Clinic.Media.ImageSanitiser>();
        services.AddSingleton<MicroNeedling.Clinic.Media.DocumentCheck>();
        services.AddScoped<MicroNeedling.Clinic.Photos.PhotoService>();
        services.AddScoped<MicroNeedling.Clinic.Documents.DocumentService>();
        services.AddScoped<MicroNeedling.Clinic.Export.PatientRecordExport>();
        services.AddLogging();
        services.AddSingleton(Mail);
        services.AddScoped<MicroNeedling.Clinic.Messaging.PatientMessages>();
        services.AddScoped<MicroNeedling.Clinic.Messaging.OutboxDispatcher>();
        services.AddScoped<MicroNeedling.Clinic.Messaging.OutboxService>();
        services.AddScoped<MicroNeedling.Clinic.Messaging.UnsubscribeService>();
        services.AddScoped<MicroNeedling.Clinic.Recalls.RecallService>();
        services.AddScoped<MicroNeedling.Clinic.Waitlist.WaitlistService>();
        services.AddScoped<MicroNeedling.Clinic.CalendarFeeds.CalendarFeedService>();
        services.AddScoped<MicroNeedling.Clinic.Reports.ReportService>();
        services.AddScoped<MicroNeedling.Clinic.Sittings.SideEffectService>();
        services.AddScoped<MicroNeedling.Clinic.Today.TodayService>();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Every SQL command the services ran, to show that a read does not grow with the data behind it.</summary>
    public SqlCommandCounter Sql { get; } = new();

    /// <summary>The mail settings the services see; a test points <c>SmtpHost</c> at its <see cref="MicroNeedling.Tests.TestSmtpServer"/>.</summary>
    public MicroNeedling.Clinic.Messaging.MailOptions Mail { get; } = new() { PublicBaseUrl = "https://clinic.test", FromAddress = "clinic@clinic.test", Security = MicroNeedling.Clinic.Messaging.SmtpSecurity.None, SmtpHost = "127.0.0.1" };

    /// <summary>This host's own folder for photos and documents, removed with the host.</summary>
    public string MediaFolder { get; } = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"clinic-media-{Guid.NewGuid():N}");

    public TestUser User { get; } = new();

    /// <summary>The UTC instant the fake clock reads, as the database stores it.</summary>
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    public void AdvanceDays(int days) => Clock.Advance(TimeSpan.FromDays(days));

    /// <summary>Runs one service call in a fresh scope, as one web request would.</summary>
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> call)
        where TService : notnull
    {
        await using var scope = provider.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Reads the database directly, in a fresh scope, to see what was really stored.</summary>
    public Task<TResult> QueryAsync<TResult>(Func<ClinicDbContext, Task<TResult>> query) => RunAsync(query);

    public Task<ServiceResult<SavePatientOutcome>> SavePatientAsync(SavePatientCommand command) =>
        RunAsync<PatientService, ServiceResult<SavePatientOutcome>>(s => s.CreateAsync(command));

    public Task<PatientPage> SearchPatientsAsync(string? name, DateOnly? dateOfBirth = null, int page = 1) =>
        RunAsync<PatientService, PatientPage>(s => s.SearchAsync(name, dateOfBirth, page));

    public Task<ServiceResult<ScreeningRecord>> RecordScreeningAsync(RecordScreeningCommand command) =>
        RunAsync<ScreeningService, ServiceResult<ScreeningRecord>>(s => s.RecordAsync(command));

    public Task<ServiceResult> RecordClearanceAsync(RecordClearanceCommand command) =>
        RunAsync<ClearanceService, ServiceResult>(s => s.RecordClearanceAsync(command));

    public Task<ScreeningStatus> CurrentStatusAsync(int patientId) =>
        RunAsync<ScreeningService, ScreeningStatus>(s => s.CurrentStatusAsync(patientId));

    public Task<ServiceResult<CoursePlan>> CreatePlanAsync(CreatePlanCommand command) =>
        RunAsync<PlanService, ServiceResult<CoursePlan>>(s => s.CreateAsync(command));

    public Task<ServiceResult> CancelPlanAsync(int planId, string reason) =>
        RunAsync<PlanService, ServiceResult>(s => s.CancelAsync(new CancelPlanCommand { PlanId = planId, Reason = reason }));

    public Task<IReadOnlyList<CoursePlan>> PlansOfAsync(int patientId) =>
        RunAsync<PlanService, IReadOnlyList<CoursePlan>>(s => s.ForPatientAsync(patientId));

    public Task<ClinicSettings> SettingsAsync() => RunAsync<ClinicSettingsService, ClinicSettings>(s => s.GetAsync());

    public Task<ServiceResult> UpdateSettingsAsync(UpdateSettingsCommand command) =>
        RunAsync<ClinicSettingsService, ServiceResult>(s => s.UpdateAsync(command));

    /// <summary>Changes some settings and keeps the rest, failing the test if the change is refused.</summary>
    public async Task ChangeSettingsAsync(Action<UpdateSettingsCommand> change)
    {
        var command = UpdateSettingsCommand.From(await SettingsAsync());
        change(command);
        Succeeded(await UpdateSettingsAsync(command));
    }

    public async Task<int> CreatePatientAsync(string firstName = "Anna", string lastName = "Smith", DateOnly? dateOfBirth = null)
    {
        var result = await SavePatientAsync(Commands.Patient(firstName, lastName, dateOfBirth));
        Succeeded(result);
        return result.Value!.PatientId ?? throw new InvalidOperationException($"{firstName} {lastName} was taken for a duplicate.");
    }

    public async Task<ScreeningRecord> ScreenAsync(int patientId, Action<RecordScreeningCommand>? answers = null)
    {
        var command = Commands.NoToEverything(patientId);
        answers?.Invoke(command);
        var result = await RecordScreeningAsync(command);
        Succeeded(result);
        return result.Value!;
    }

    public Task<ScreeningRecord> ScreenSuitableAsync(int patientId, string? reversalNote = null) => ScreenAsync(patientId, c => c.ReversalNote = reversalNote);

    public Task<ScreeningRecord> ScreenNotSuitableAsync(int patientId) => ScreenAsync(patientId, c => c.Eczema = true);

    public Task<ScreeningRecord> ScreenNeedingClearanceAsync(int patientId) => ScreenAsync(patientId, c => c.Pregnancy = PregnancyAnswer.Yes);

    public async Task ClearAsync(int screeningId, string doctorName = "Dr Priya Patel") =>
        Succeeded(await RecordClearanceAsync(Commands.Clearance(screeningId, doctorName)));

    /// <summary>A registered patient whose screening today found them suitable.</summary>
    public async Task<int> CreateScreenedPatientAsync(string firstName = "Anna", string lastName = "Smith")
    {
        var patientId = await CreatePatientAsync(firstName, lastName);
        await ScreenSuitableAsync(patientId);
        return patientId;
    }

    /// <summary>
    /// Plans a course from the clinic's defaults, failing the test if planning is refused. The patient signs the course's
    /// consent too, as at the first visit, so that tests of other rules reach them; consent tests pass false.
    /// </summary>
    public async Task<CoursePlan> PlanCourseAsync(int patientId, bool signConsent = true)
    {
        var draft = await RunAsync<PlanService, CreatePlanCommand>(s => s.DraftAsync(patientId));
        var result = await CreatePlanAsync(draft);
        Succeeded(result);
        if (signConsent)
        {
            await SignConsentAsync(result.Value!.Id);
        }

        return result.Value!;
    }

    public Task<ServiceResult<int>> SignConsentAsync(MicroNeedling.Clinic.Consent.SignConsentCommand command) =>
        RunAsync<MicroNeedling.Clinic.Consent.ConsentService, ServiceResult<int>>(s => s.SignAsync(command));

    /// <summary>The patient signs the course's consent on the current text, failing the test if it is refused.</summary>
    public async Task<int> SignConsentAsync(int planId, bool photosForClinicalRecord = true)
    {
        var template = await RunAsync<MicroNeedling.Clinic.Consent.ConsentTemplateService, MicroNeedling.Clinic.Consent.ConsentTemplate>(s => s.CurrentAsync());
        var result = await SignConsentAsync(TestConsents.Form(planId, template.Id, photosForClinicalRecord));
        Succeeded(result);
        return result.Value;
    }

    public void Dispose()
    {
        provider.Dispose();
        connection?.Dispose();
        if (Directory.Exists(MediaFolder))
        {
            Directory.Delete(MediaFolder, recursive: true);
        }

        if (postgreSqlDatabase is not null)
        {
            TestDatabases.DropPostgreSqlDatabase(postgreSqlDatabase);
        }
    }

    private static void Succeeded(ServiceResult result) =>
        Assert.True(result.Succeeded, "Setup step refused: " + string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
}
