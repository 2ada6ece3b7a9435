using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Aftercare;

/// <summary>The printable aftercare sheet the patient takes home. Front desk may print it too.</summary>
public sealed class SheetModel(ChartService charts, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", BookingId);

    [BindProperty(SupportsGet = true)]
    public int BookingId { get; set; }

    public AftercareSheet Sheet { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var sheet = await access.MayOpenBookingAsync(BookingId, ct) ? await charts.AftercareAsync(BookingId, ct) : null;
        if (sheet is null)
        {
            return NotFound();
        }

        Sheet = sheet;
        return Page();
    }
}
