using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Sittings;

/// <summary>A sitting's current chart and the history of its versions.</summary>
public sealed class DetailsModel(ChartService charts, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", BookingId, Sitting.PatientId);

    [BindProperty(SupportsGet = true)]
    public int BookingId { get; set; }

    public SittingChartView Sitting { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var sitting = await access.MayOpenBookingAsync(BookingId, ct) ? await charts.LoadAsync(BookingId, ct) : null;
        if (sitting is null)
        {
            return NotFound();
        }

        Sitting = sitting;
        return Page();
    }
}
