namespace MicroNeedling.Clinic.Reports;

internal static class NoShowReport
{
    public static Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct) =>
        throw new NotImplementedException();
}
