using FluentValidation;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Scheduling;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Clinic;

public static class ClinicServiceCollectionExtensions
{
    /// <summary>The data layer and the service layer. The host supplies <see cref="Common.ICurrentUser"/> and <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddClinic(this IServiceCollection services, ClinicDatabase database)
    {
        services.AddScoped<StampingInterceptor>();
        services.AddScoped<Audit.AuditingInterceptor>();

        // Order matters: the audit notes the changed fields after the stamps are set.
        void Configure(IServiceProvider sp, DbContextOptionsBuilder options) => options
            .UseClinicDatabase(database)
            .AddInterceptors(sp.GetRequiredService<StampingInterceptor>(), sp.GetRequiredService<Audit.AuditingInterceptor>());

        // Services ask for ClinicDbContext either way; on PostgreSQL they get the subclass that owns its migrations.
        if (database.Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddDbContext<ClinicDbContext, PostgreSqlClinicDbContext>(Configure);
        }
        else
        {
            services.AddDbContext<ClinicDbContext>(Configure);
        }

        services.AddValidatorsFromAssemblyContaining<ClinicDbContext>(ServiceLifetime.Scoped);
        services.AddScoped<ClinicSettingsService>();
        services.AddScoped<PatientService>();
        services.AddScoped<PatientAccess>();
        services.AddScoped<ScreeningService>();
        services.AddScoped<PlanService>();
        services.AddScoped<Staff.StaffService>();
        services.AddScoped<ClinicSetupService>();
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
        return services;
    }
}
