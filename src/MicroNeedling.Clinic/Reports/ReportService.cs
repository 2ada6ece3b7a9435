using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;

namespace MicroNeedling.Clinic.Reports;

/// <summary>Builds the clinic's reports. Each report is its own small class; this only picks one and gives it the clinic's clock.</summary>
public sealed class ReportService(ClinicDbContext db, ClinicSettingsService settings, TimeProvider time, IValidator<ReportRequest> validator)
{
    /// <summary>
    /// The period a request asks for, its gaps filled with the defaults (<see cref="ReportRequest.Completed"/>, from the
    /// clinic-local today), or why it cannot be reported on, per field.
    /// </summary>
    public async Task<ServiceResult<ReportPeriod>> PeriodAsync(ReportRequest request, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var completed = request.Completed(ClinicTime.For(clinic.TimeZoneId).Today(time));
        var validation = await validator.ValidateAsync(completed, ct);
        return validation.IsValid ? ServiceResult<ReportPeriod>.Ok(completed.ToPeriod()) : ServiceResult<ReportPeriod>.Fail(validation);
    }

    public async Task<Report> BuildAsync(ReportKind kind, ReportPeriod period, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var context = new ReportContext(db, clinic, ClinicTime.For(clinic.TimeZoneId), time);
        return kind switch
        {
            ReportKind.Utilisation => await UtilisationReport.BuildAsync(context, period, ct),
            ReportKind.NoShows => await NoShowReport.BuildAsync(context, period, ct),
            ReportKind.Courses => await CourseReport.BuildAsync(context, period, ct),
            ReportKind.Screening => await ScreeningReport.BuildAsync(context, period, ct),
            ReportKind.AdverseEvents => await AdverseEventReport.BuildAsync(context, period, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}

/// <summary>What every report needs: the database, the settings in force and the clinic's clock.</summary>
public sealed record ReportContext(ClinicDbContext Db, ClinicSettings Settings, ClinicTime Clock, TimeProvider Time);
