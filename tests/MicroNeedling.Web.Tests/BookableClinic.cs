using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroNeedling.Web.Tests;

/// <summary>One booking the load will post: a patient's first sitting in a slot of its own.</summary>
public sealed record BookingRequest(int SittingId, string ClinicianId, int RoomId, DateOnly Date, TimeOnly Time);

/// <summary>
/// A clinic in a SQLite file or a PostgreSQL database, ready to take many bookings at once from a real app process: open every day, a front-desk
/// account, and per lane a clinician, a room and patients screened today with a course planned. Each lane's requests
/// are free slots for its own clinician and room, so every one of them can succeed.
/// </summary>
/// <remarks>
/// The real process reads the system clock, so everything is seeded relative to now: screened today, booked from
/// tomorrow on, within the screening's validity. The clinic runs on UTC, so no slot falls into a DST gap. Seeding goes
/// through the app's own wiring (<see cref="HostingExtensions.AddMicroNeedling"/>) and start-up (migrations), without
/// starting a server.
/// </remarks>
public sealed class BookableClinic
{
    public const string FrontDeskEmail = "frontdesk@durability.test";

    private static readonly TimeOnly Opens = new(7, 0);
    private static readonly TimeOnly Closes = new(21, 0);

    private BookableClinic(IReadOnlyList<IReadOnlyList<BookingRequest>> lanes) => Lanes = lanes;

    /// <summary>Per lane, the bookings to post in order.</summary>
    public IReadOnlyList<IReadOnlyList<BookingRequest>> Lanes { get; }

    public static string ConnectionString(string databasePath) => $"Data Source={databasePath}";

    public static Task<BookableClinic> SeedAsync(string databasePath, int lanes, int bookingsPerLane) =>
        SeedAsync(new ClinicDatabase(DatabaseProvider.Sqlite, ConnectionString(databasePath)), lanes, bookingsPerLane);

    /// <summary>Seeds the clinic in any database the app can run on (migrating it first if it is not yet).</summary>
    public static async Task<BookableClinic> SeedAsync(ClinicDatabase database, int lanes, int bookingsPerLane)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Database:Provider"] = database.Provider.ToString();
        builder.Configuration["ConnectionStrings:Clinic"] = database.ConnectionString;
        builder.Logging.ClearProviders();
        builder.AddMicroNeedling();
        await using var host = builder.Build();
        await host.PrepareDatabaseAsync();
        var services = host.Services;

        int appointmentMinutes;
        int validityDays;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var settings = await db.ClinicSettings.SingleAsync();
            settings.TimeZoneId = "UTC";
            appointmentMinutes = settings.NumbingLeadMinutes + settings.MinutesPerSitting + settings.TurnoverMinutes;
            validityDays = settings.ScreeningValidityDays;
            foreach (var day in await db.OpeningHours.ToListAsync())
            {
                day.IsOpen = true;
                day.Opens = Opens;
                day.Closes = Closes;
            }

            await db.SaveChangesAsync();
        }

        await CreateStaffAsync(services, FrontDeskEmail, Roles.FrontDesk);
        var startTimes = StartTimes(appointmentMinutes);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var days = (bookingsPerLane + startTimes.Count - 1) / startTimes.Count;
        if (days >= validityDays - 2)
        {
            throw new InvalidOperationException($"{bookingsPerLane} bookings per lane need {days} days, more than a screening's {validityDays} days of validity.");
        }

        var result = new List<IReadOnlyList<BookingRequest>>();
        for (var lane = 0; lane < lanes; lane++)
        {
            var clinicianId = await CreateClinicianAsync(services, lane);
            var roomId = await CreateRoomAsync(services, lane);
            var sittings = await CreateBookablePatientsAsync(services, bookingsPerLane);
            result.Add(sittings.Select((sittingId, i) =>
                new BookingRequest(sittingId, clinicianId, roomId, tomorrow.AddDays(i / startTimes.Count), startTimes[i % startTimes.Count])).ToList());
        }

        return new BookableClinic(result);
    }

    /// <summary>Back-to-back appointments that fit between opening and closing.</summary>
    private static List<TimeOnly> StartTimes(int appointmentMinutes)
    {
        var times = new List<TimeOnly>();
        for (var start = Opens; start.AddMinutes(appointmentMinutes) <= Closes && start >= Opens; start = start.AddMinutes(appointmentMinutes))
        {
            times.Add(start);
        }

        return times;
    }

    private static async Task<string> CreateStaffAsync(IServiceProvider services, string email, string role)
    {
        using var scope = services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(
            new CreateStaffCommand { Email = email, DisplayName = $"Durability {role}", Role = role, Password = ClinicAppFactory.Password });
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Message)));
        }

        return await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<string> CreateClinicianAsync(IServiceProvider services, int lane)
    {
        var id = await CreateStaffAsync(services, $"clinician{lane}@durability.test", Roles.Clinician);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        db.ClinicianHours.AddRange(Enum.GetValues<DayOfWeek>().Select(day => new ClinicianHours { ClinicianId = id, Day = day, Start = Opens, End = Closes }));
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<int> CreateRoomAsync(IServiceProvider services, int lane)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var room = new Room { Name = $"Room {lane + 1}" };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    /// <summary>
    /// Patients registered, screened suitable today and with a course planned, as ClinicAppFactory.CreateBookablePatientAsync
    /// makes them, through the services. All in one transaction (none of these services opens its own), so hundreds of
    /// patients cost one commit; returns each patient's first sitting.
    /// </summary>
    private static async Task<List<int>> CreateBookablePatientsAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<ClinicDbContext>();
        var patients = provider.GetRequiredService<PatientService>();
        var screenings = provider.GetRequiredService<ScreeningService>();
        var plans = provider.GetRequiredService<PlanService>();
        var sittings = new List<int>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var patient = await patients.CreateAsync(new SavePatientCommand
            {
                FirstName = "Durable",
                LastName = ClinicAppFactory.UniqueName(),
                DateOfBirth = new DateOnly(1990, 5, 17),
                Phone = "+44 20 7946 0958",
                // Opted in, so every booking also writes its confirmation to the outbox in the same transaction.
                Email = $"durable{i}@example.com",
                AppointmentEmails = true,
                Concerns = [Concern.Scars],
                TreatmentAreas = [TreatmentArea.Face],
                ConfirmDuplicate = true,
            });
            var patientId = patient.Value?.PatientId ?? throw new InvalidOperationException(string.Join("; ", patient.Errors.Select(e => e.Message)));
            var screening = await screenings.RecordAsync(new RecordScreeningCommand
            {
                PatientId = patientId,
                Eczema = false,
                Psoriasis = false,
                ActiveAcne = false,
                OpenWounds = false,
                Pregnancy = PregnancyAnswer.No,
                RadiationTherapy = false,
            });
            if (!screening.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", screening.Errors.Select(e => e.Message)));
            }

            var plan = await plans.CreateAsync(await plans.DraftAsync(patientId));
            sittings.Add(plan.Value?.Sittings.Single(s => s.Number == 1).Id ?? throw new InvalidOperationException(string.Join("; ", plan.Errors.Select(e => e.Message))));

            // Each patient stands alone, as in its own request; a growing change tracker would make every save slower.
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync();
        return sittings;
    }
}
