using System.Data.Common;
using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MicroNeedling.Testing;

/// <summary>
/// The real app over a throwaway database with the real migrations, and a clock the tests control: a SQLite file, or a
/// database of its own on the test PostgreSQL server when the suite runs on PostgreSQL (<see cref="TestDatabases"/>).
/// One instance is shared by a test collection; tests create their own patients so they do not disturb each other.
/// </summary>
public class ClinicAppFactory : WebApplicationFactory<Program>
{
    /// <summary>Every test account's password: long, and on no common-password list.</summary>
    public const string Password = "amber kettle violin orchard";

    private readonly string? databasePath;
    private readonly string connectionString;
    private readonly bool ownsDatabase;
    private readonly SemaphoreSlim usersLock = new(1, 1);

    public ClinicAppFactory()
        : this(startEmpty: false)
    {
    }

    /// <param name="startEmpty">
    /// True for a database with no tables yet (an empty file, or an empty PostgreSQL database); otherwise the app starts
    /// on an already migrated one, which on PostgreSQL is a quick copy of a template.
    /// </param>
    protected ClinicAppFactory(bool startEmpty)
    {
        ownsDatabase = true;
        MediaFolder = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"media-{Guid.NewGuid():N}");
        if (TestDatabases.IsPostgreSql)
        {
            connectionString = startEmpty ? TestDatabases.CreateEmptyPostgreSqlDatabase() : TestDatabases.CreateMigratedPostgreSqlDatabase();
        }
        else
        {
            databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
            if (startEmpty)
            {
                File.WriteAllBytes(databasePath, []); // a zero-length file is an empty SQLite database
            }
        }
    }

    private ClinicAppFactory(ClinicAppFactory sameDatabase)
    {
        databasePath = sameDatabase.databasePath;
        connectionString = sameDatabase.connectionString;
        MediaFolder = sameDatabase.MediaFolder;
        ownsDatabase = false;
    }

    /// <summary>"Testing" unless a test needs the production set-up (cookie names, HSTS).</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Configuration a test host needs on top of the defaults, for example a low sign-in limit.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Tuesday 10 March 2026, 09:00 UTC: a plain working day away from any DST change.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The engine this host runs on: the test run's choice.</summary>
    public static DatabaseProvider Provider => TestDatabases.Provider;

    public string ConnectionString => connectionString;

    /// <summary>A connection of the test's own to this host's database, behind the app's back (for example to tamper).</summary>
    public DbConnection CreateRawConnection() =>
        TestDatabases.IsPostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>Every SQL command the app runs.</summary>
    public CommandLog Sql { get; } = new();

    /// <summary>This host's own media folder (photos, documents), so hosts never share files.</summary>
    public string MediaFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Clinic", ConnectionString);

        // Every test signs in from the same (absent) client address; the throttling tests set their own limit.
        builder.UseSetting("LoginThrottle:PermitLimit", "1000000");
        builder.UseSetting("Media:Folder", MediaFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (TestDatabases.IsPostgreSql)
            {
                services.ConfigureDbContext<PostgreSqlClinicDbContext>(options => options.AddInterceptors(Sql));
            }
            else
            {
                services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(Sql));
            }
        });
    }

    /// <summary>Creates (once) the test account for a role and returns its e-mail.</summary>
    public async Task<string> EnsureUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}@tests.clinic";
        await usersLock.WaitAsync();
        try
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var result = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(
                    new CreateStaffCommand { Email = email, DisplayName = $"Test {role}", Role = role, Password = Password });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
                }

                if (role == Roles.Admin)
                {
                    // The admin pages need two-factor sign-in; the test admins have enrolled an authenticator.
                    await EnrolAuthenticatorAsync(email);
                }
            }

            return email;
        }
        finally
        {
            usersLock.Release();
        }
    }

    /// <summary>An admin account of this test's own that has not set up two-factor sign-in yet; returns its e-mail.</summary>
    public async Task<string> CreateAdminWithoutTwoFactorAsync()
    {
        var email = $"{UniqueName().ToLowerInvariant()}@tests.clinic";
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(
            new CreateStaffCommand { Email = email, DisplayName = "Test new admin", Role = Roles.Admin, Password = Password });
        return result.Succeeded ? email : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>What the user's authenticator app would do at set-up: take a fresh key and turn two-factor sign-in on.</summary>
    public async Task EnrolAuthenticatorAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>The code the user's authenticator app shows now, computed from the key the app holds.</summary>
    public async Task<string> AuthenticatorCodeAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key.");

        // Identity checks codes against the real clock, not the app's TimeProvider, and so does the phone.
        return Totp.Code(key, DateTimeOffset.UtcNow);
    }

    /// <summary>A client that does not follow redirects, so tests can assert exact status codes and locations.</summary>
    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// A client (no redirects) whose cookies live in <paramref name="jar"/>, so a test can copy a session into another
    /// client, or into another host over the same database.
    /// </summary>
    public HttpClient CreateClient(CookieContainer jar, bool https = false) =>
        CreateDefaultClient(new Uri(https ? "https://localhost" : "http://localhost"), new CookieContainerHandler(jar));

    /// <summary>Signs in through the real login form and returns the signed-in client.</summary>
    public async Task<HttpClient> LoginAsAsync(string role)
    {
        var client = CreateBrowserlessClient();
        await SignInAsync(client, await EnsureUserAsync(role));
        return client;
    }

    /// <summary>
    /// Signs <paramref name="client"/> in as <paramref name="email"/> through the real login form, and enters the
    /// authenticator code when the account has two-factor sign-in (every test admin has).
    /// </summary>
    public async Task SignInAsync(HttpClient client, string email, string password = Password)
    {
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            var codePage = response.Headers.Location.OriginalString;
            response = await client.PostFormAsync(codePage, new Dictionary<string, string> { ["Input.Code"] = await AuthenticatorCodeAsync(email) });
        }

        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} failed with {(int)response.StatusCode}.");
        }
    }

    /// <summary>
    /// A second, fresh app host over this host's database file: a restart, or another instance behind a load balancer.
    /// The database stays this host's to delete.
    /// </summary>
    public ClinicAppFactory CreateHostOverSameDatabase() => new(this);

    /// <summary>Registers a patient straight through the service layer, with a name unique to the calling test.</summary>
    public async Task<int> CreatePatientAsync(string? lastName = null, DateOnly? dateOfBirth = null)
    {
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PatientService>().CreateAsync(new SavePatientCommand
        {
            FirstName = "Test",
            LastName = lastName ?? UniqueName(),
            DateOfBirth = dateOfBirth ?? new DateOnly(1990, 5, 17),
            Phone = "+44 20 7946 0958",
            Concerns = [Concern.Scars],
            TreatmentAreas = [TreatmentArea.Face],
            ConfirmDuplicate = true,
        });
        return result.Value?.PatientId ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>Records a screening with the given answers (all "no" by default) straight through the service layer.</summary>
    public async Task<int> ScreenAsync(int patientId, bool eczema = false, PregnancyAnswer pregnancy = PregnancyAnswer.No)
    {
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ScreeningService>().RecordAsync(new RecordScreeningCommand
        {
            PatientId = patientId,
            Eczema = eczema,
            Psoriasis = false,
            ActiveAcne = false,
            OpenWounds = false,
            Pregnancy = pregnancy,
            RadiationTherapy = false,
        });
        return result.Value?.Id ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>
    /// Plans a course of <paramref name="sittings"/> for a screened patient and returns the plan with its sittings. The
    /// patient signs the course's consent too, as at the first visit, so that tests of other rules reach them; tests of
    /// the consent gate pass <paramref name="signConsent"/> false.
    /// </summary>
    public async Task<CoursePlan> PlanCourseAsync(int patientId, int sittings = 6, bool signConsent = true)
    {
        CoursePlan plan;
        using (var scope = Services.CreateScope())
        {
            var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
            var draft = await plans.DraftAsync(patientId);
            draft.SittingCount = sittings;
            draft.SittingCountReason = sittings is 5 or 6 ? null : "Test course";
            var result = await plans.CreateAsync(draft);
            plan = result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        if (signConsent)
        {
            await SignConsentAsync(plan.Id);
        }

        return plan;
    }

    /// <summary>The patient signs the course's consent on the current text (with photos for the clinical record unless told otherwise).</summary>
    public async Task<int> SignConsentAsync(int planId, bool photosForClinicalRecord = true)
    {
        using var scope = Services.CreateScope();
        var consents = scope.ServiceProvider.GetRequiredService<MicroNeedling.Clinic.Consent.ConsentService>();
        var template = await scope.ServiceProvider.GetRequiredService<MicroNeedling.Clinic.Consent.ConsentTemplateService>().CurrentAsync();
        var result = await consents.SignAsync(TestConsents.Form(planId, template.Id, photosForClinicalRecord));
        return result.Value != 0 ? result.Value : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>A patient, screened suitable today, with a planned course: ready to be booked.</summary>
    public async Task<CoursePlan> CreateBookablePatientAsync(int sittings = 6)
    {
        var patientId = await CreatePatientAsync();
        await ScreenAsync(patientId);
        return await PlanCourseAsync(patientId, sittings);
    }

    /// <summary>
    /// Moves the patient's screenings <paramref name="days"/> days back, as if screened before today: the check-in then
    /// needs today's re-screen (a screening recorded today is today's screening and is not asked again).
    /// </summary>
    public async Task ScreenedDaysAgoAsync(int patientId, int days)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        await db.Screenings.Where(s => s.PatientId == patientId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.ScreenedOn, s => s.ScreenedOn.AddDays(-days)));
    }

    /// <summary>A clinician of this test's own, working Monday to Friday 09:00–18:00, so tests never share a diary.</summary>
    public async Task<string> CreateClinicianAsync(string? name = null)
    {
        var email = $"{UniqueName().ToLowerInvariant()}@tests.clinic";
        await EnsureUserAsync(Roles.Clinician, email);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        if (name is not null)
        {
            user.DisplayName = name;
        }

        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = user.Id, Day = day, Start = new TimeOnly(9, 0), End = new TimeOnly(18, 0) });
        }

        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A treatment room of this test's own.</summary>
    public async Task<int> CreateRoomAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var room = new Room { Name = "Room " + UniqueName() };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    /// <summary>
    /// Writes a booking straight to the database, past the booking rules: for a sitting in the past, or one the rules
    /// rightly refuse (an imported appointment), that a test needs as its starting point. 30 minutes of numbing, 60 in all.
    /// </summary>
    public async Task<int> InsertBookingAsync(CoursePlan plan, int number, string clinicianId, int roomId, DateTime startUtc, BookingStatus status)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var booking = new Booking
        {
            PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
            PatientId = plan.PatientId,
            ClinicianId = clinicianId,
            RoomId = roomId,
            Status = status,
            StartUtc = startUtc,
            NeedlingStartUtc = startUtc.AddMinutes(30),
            EndUtc = startUtc.AddMinutes(60),
        };
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();
        return booking.Id;
    }

    /// <summary>An outbox message to the patient in the given state, as the dispatcher would have left it (for the admin's pages).</summary>
    public async Task<int> InsertOutboxMessageAsync(int patientId, MicroNeedling.Clinic.Messaging.OutboxStatus status, string toAddress, string? lastError)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var message = new MicroNeedling.Clinic.Messaging.OutboxMessage
        {
            Kind = MicroNeedling.Clinic.Messaging.MessageKind.Reminder,
            PatientId = patientId,
            ToAddress = toAddress,
            Subject = "Reminder",
            TextBody = "text",
            HtmlBody = "<p>html</p>",
            MessageId = $"{Guid.NewGuid():N}@clinic.test",
            CreatedAtUtc = now,
            DueAtUtc = now,
            NextAttemptAtUtc = now,
            Status = status,
            Attempts = 1,
            LastError = lastError,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>A front photo of the cheeks at a checked-in or completed sitting (a JPEG with GPS EXIF, as a phone sends it).</summary>
    public async Task<int> UploadPhotoAsync(int bookingId, MicroNeedling.Clinic.Photos.PhotoView view = MicroNeedling.Clinic.Photos.PhotoView.Front)
    {
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<MicroNeedling.Clinic.Photos.PhotoService>().UploadAsync(new MicroNeedling.Clinic.Photos.UploadPhotoCommand
        {
            BookingId = bookingId,
            Area = Clinic.Sittings.NeedlingArea.CheeksAndChin,
            View = view,
            Content = ImageFixtures.WithExif(ImageFixtures.Jpeg(800, 600), orientation: 1),
        });
        return result.Succeeded ? result.Value : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>A one-page PDF attached to the patient as an outside report.</summary>
    public async Task<int> AttachDocumentAsync(int patientId, string title = "Dermatology report")
    {
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<MicroNeedling.Clinic.Documents.DocumentService>().AttachAsync(new MicroNeedling.Clinic.Documents.AttachDocumentCommand
        {
            PatientId = patientId,
            Kind = MicroNeedling.Clinic.Documents.DocumentKind.OutsideReport,
            Title = title,
            FileName = "report.pdf",
            Content = MinimalPdf,
        });
        return result.Succeeded ? result.Value : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    public static readonly byte[] MinimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>The clinician's re-screen at a checked-in sitting's check-in, every answer "no".</summary>
    public async Task ReScreenSuitableAsync(int bookingId)
    {
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<Clinic.Sittings.CheckInService>().ReScreenAsync(bookingId, new RecordScreeningCommand
        {
            Eczema = false,
            Psoriasis = false,
            ActiveAcne = false,
            OpenWounds = false,
            Pregnancy = PregnancyAnswer.No,
            RadiationTherapy = false,
        });
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }
    }

    public T Get<T>(Func<IServiceProvider, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider);
    }

    public async Task<T> GetAsync<T>(Func<IServiceProvider, Task<T>> read)
    {
        using var scope = Services.CreateScope();
        return await read(scope.ServiceProvider);
    }

    public static string UniqueName() => "Zz" + Guid.NewGuid().ToString("N")[..10];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            usersLock.Dispose();
            SqliteConnection.ClearAllPools();
            if (!ownsDatabase)
            {
                return;
            }

            if (Directory.Exists(MediaFolder))
            {
                Directory.Delete(MediaFolder, recursive: true);
            }

            if (databasePath is null)
            {
                TestDatabases.DropPostgreSqlDatabase(connectionString);
                return;
            }

            foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
            {
                File.Delete(databasePath + suffix);
            }
        }
    }
}
