using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Today;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.MyDay;

/// <summary>A clinician's start page: their sittings today with what is due before each, the reviews waiting and the next free gap.</summary>
public sealed class IndexModel(TodayService today, ICurrentUser user) : PageModel
{
    public ClinicianDay Day { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Day = await today.ClinicianDayAsync(user.UserId ?? throw new InvalidOperationException("A signed-in user has no id."), ct);
}
