using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Clinic;

public static class ClinicServiceCollectionExtensions
{
    /// <summary>The data layer and the service layer. The host supplies <see cref="Common.ICurrentUser"/> and <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddClinic(this IServiceCollection services, ClinicDatabase database, Media.MediaStorage media, Messaging.MailOptions? mail = null)
    {
        services.AddSingleton(mail ?? new Messaging.MailOptions());
        // The interceptors hold no per-request state (the user comes from ICurrentUser when a save runs), so they and
        // the context options are built once for the process instead of once per request: building the options was
        // about a tenth of a small page's CPU time (docs/performance.md). The host's ICurrentUser must be a singleton.
        services.AddSingleton<StampingInterceptor>();
        services.AddSingleton<Audit.AuditingInterceptor>();

        // Order matters: the audit notes the changed fields after the stamps are set. The compiled model is named here:
        // left to find it, EF Core reads the assembly's attributes for it each time a context is created (about 4% of a
        // small page's CPU time, docs/performance.md).
        void Configure(IServiceProvider sp, DbContextOptionsBuilder options) => options
            .UseClinicDatabase(database)
            .UseModel(database.Provider == DatabaseProvider.PostgreSQL
                ? CompiledModels.PostgreSql.PostgreSqlClinicDbContextModel.Instance
                : CompiledModels.Sqlite.ClinicDbContextModel.Instance)
            .AddInterceptors(sp.GetRequiredService<StampingInterceptor>(), sp.GetRequiredService<Audit.AuditingInterceptor>());

        // Services ask for ClinicDbContext either way; on PostgreSQL they get the subclass that owns its migrations.
        if (database.Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddDbContextPool<ClinicDbContext, PostgreSqlClinicDbContext>(Configure);
        }
        else
        {
            services.AddDbContextPool<ClinicDbContext>(Configure);
        }

        // Validators are stateless (their rules read the clock when they run), and building one's rules costs more
        // than most queries: one per process, not one per request.
        services.AddValidatorsFromAssemblyContaining<ClinicDbContext>(ServiceLifetime.Singleton);
        services.AddScoped<ClinicSettingsService>();
        services.AddScoped<PatientService>();
        services.AddScoped<PatientAccess>();
        services.AddScoped<ScreeningService>();
        services.AddScoped<ClearanceService>();
        services.AddScoped<PlanService>();
        services.AddScoped<Staff.StaffService>();
        services.AddScoped<RoomService>();
        services.AddScoped<OpeningHoursService>();
        services.AddScoped<ClinicianHoursService>();
        services.AddScoped<BookedSittingsService>();
        services.AddScoped<CourseFactsQuery>();
        services.AddScoped<CalendarSnapshotLoader>();
        services.AddScoped<BookingService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<CourseTimelineService>();
        services.AddScoped<CourseBookingService>();
        services.AddScoped<Sittings.SittingGuard>();
        services.AddScoped<Sittings.SideEffectService>();
        services.AddScoped<Sittings.CheckInService>();
        services.AddScoped<Sittings.ChartService>();
        services.AddScoped<Sittings.DepthRangeService>();
        services.AddScoped<Audit.AuditService>();
        services.AddScoped<Consent.ConsentGate>();
        services.AddScoped<Consent.ConsentTemplateService>();
        services.AddScoped<Consent.ConsentService>();
        services.AddScoped<Messaging.PatientMessages>();
        services.AddScoped<Messaging.OutboxDispatcher>();
        services.AddScoped<Messaging.OutboxService>();
        services.AddScoped<Messaging.UnsubscribeService>();
        services.AddScoped<Recalls.RecallService>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Waitlist.WaitlistService>();
        services.AddScoped<Today.TodayService>();
        if (media.Kind == Media.MediaStoreKind.Database)
        {
            services.AddScoped<Media.IMediaStore, Media.DatabaseMediaStore>();
        }
        else
        {
            services.AddSingleton<Media.IMediaStore>(new Media.FolderMediaStore(new Media.FolderMediaStoreOptions { Root = media.Folder }));
        }

        services.AddSingleton<Media.ImageSanitiser>();
        services.AddSingleton<Media.DocumentCheck>();
        services.AddScoped<Photos.PhotoService>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<Export.PatientRecordExport>();
        services.AddScoped<CalendarFeeds.CalendarFeedService>();
        return services;
    }
}
