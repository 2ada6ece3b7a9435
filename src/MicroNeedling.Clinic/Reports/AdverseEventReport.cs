namespace MicroNeedling.Clinic.Reports;

internal static class AdverseEventReport
{
    public static Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct) =>
        throw new NotImplementedException();
}
