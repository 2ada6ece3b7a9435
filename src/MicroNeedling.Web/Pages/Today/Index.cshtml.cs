using MicroNeedling.Clinic.Today;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Today;

/// <summary>
/// Front desk's start page: today's arrivals for every clinician, who is late, who needs a re-screen or consent first, and
/// today's cancellations with the waitlist's candidates. Operational only (ADR 0007): no screening or side-effect detail.
/// </summary>
public sealed class IndexModel(TodayService today) : PageModel
{
    public FrontDeskDay Day { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Day = await today.FrontDeskDayAsync(ct);
}
