using MicroNeedling.Clinic.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Reports;

/// <summary>The reports the signed-in user may read: front desk the operational two, admins and clinicians all.</summary>
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<ReportKind> Readable { get; private set; } = [];

    public void OnGet() => Readable = ReportAccess.Readable(User.IsInRole);

    public static string Describe(ReportKind kind) => kind switch
    {
        ReportKind.Utilisation => "Booked hours against working hours, per clinician and per room, by week or month.",
        ReportKind.NoShows => "No-shows and late cancellations by week or month, by weekday and by hour of the day.",
        ReportKind.Courses => "Courses started, completed and abandoned; sittings per completed course; days between sittings.",
        ReportKind.Screening => "Screening outcomes and the reasons for \"not suitable\"; doctors' clearances recorded.",
        ReportKind.AdverseEvents => "Adverse events per 100 sittings by kind and severity, time to clinician review, courses stopped.",
        _ => "",
    };
}
