using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// The one database of the clinic: staff accounts (Identity) and clinical data. Services use it directly. This type
/// is the SQLite database and owns the SQLite migrations; <see cref="PostgreSqlClinicDbContext"/> is the same model on
/// PostgreSQL with its own migrations (ADR 0015).
/// </summary>
public class ClinicDbContext : IdentityDbContext<StaffUser>
{
    public ClinicDbContext(DbContextOptions<ClinicDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclass, whose options are typed to itself.</summary>
    protected ClinicDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>This context's turn in <see cref="SqliteWriterQueue"/>, while it has one.</summary>
    internal QueuedWriteTransaction? WriteTurn { get; set; }

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<ScreeningRecord> Screenings => Set<ScreeningRecord>();

    public DbSet<Screening.DoctorClearance> DoctorClearances => Set<Screening.DoctorClearance>();

    public DbSet<CoursePlan> CoursePlans => Set<CoursePlan>();

    public DbSet<PlannedSitting> PlannedSittings => Set<PlannedSitting>();

    public DbSet<ClinicSettings> ClinicSettings => Set<ClinicSettings>();

    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();

    public DbSet<ClosedDay> ClosedDays => Set<ClosedDay>();

    public DbSet<ClinicianHours> ClinicianHours => Set<ClinicianHours>();

    public DbSet<TimeOff> TimeOff => Set<TimeOff>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<BookingEvent> BookingEvents => Set<BookingEvent>();

    public DbSet<Sittings.SittingChart> SittingCharts => Set<Sittings.SittingChart>();

    public DbSet<Sittings.ChartArea> ChartAreas => Set<Sittings.ChartArea>();

    public DbSet<Sittings.DepthRange> DepthRanges => Set<Sittings.DepthRange>();

    public DbSet<Sittings.SideEffect> SideEffects => Set<Sittings.SideEffect>();

    public DbSet<Consent.ConsentTemplate> ConsentTemplates => Set<Consent.ConsentTemplate>();

    public DbSet<Consent.PatientConsent> PatientConsents => Set<Consent.PatientConsent>();

    public DbSet<Photos.SittingPhoto> SittingPhotos => Set<Photos.SittingPhoto>();

    public DbSet<Documents.PatientDocument> PatientDocuments => Set<Documents.PatientDocument>();

    public DbSet<Media.MediaBlob> MediaBlobs => Set<Media.MediaBlob>();

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Audit.EmergencyAccess> EmergencyAccesses => Set<Audit.EmergencyAccess>();

    public DbSet<Messaging.OutboxMessage> OutboxMessages => Set<Messaging.OutboxMessage>();

    public DbSet<CalendarFeeds.ClinicianCalendarFeed> CalendarFeeds => Set<CalendarFeeds.ClinicianCalendarFeed>();

    public DbSet<Waitlist.WaitlistEntry> WaitlistEntries => Set<Waitlist.WaitlistEntry>();

    public DbSet<Recalls.MaintenanceRecall> MaintenanceRecalls => Set<Recalls.MaintenanceRecall>();

    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the model is a UTC instant; reading it back must say so, or local-time conversions go wrong.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    // Disposing a context rolls back a transaction nobody ended (EF Core disposes it). The writer queue's turn goes
    // back with it, so a path that leaves its write transaction to the context (an exception between begin and
    // dispose) holds the queue no longer than it held SQLite's lock before the queue existed. Contexts are pooled
    // (ADR 0025): the turn is taken off this context before the base class hands it back to the pool, where another
    // request may rent it and take a turn of its own at once.
    public override void Dispose()
    {
        var turn = WriteTurn;
        WriteTurn = null;
        base.Dispose();
        turn?.GiveBackTurn();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        var turn = WriteTurn;
        WriteTurn = null;
        await base.DisposeAsync();
        turn?.GiveBackTurn();
        GC.SuppressFinalize(this);
    }
}
