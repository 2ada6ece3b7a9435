using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Web.Pages.Screening;

public sealed class DetailsModel(ScreeningService screenings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Screening", Screening.Id, Screening.PatientId);

    public ScreeningRecord Screening { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var screening = await access.MayOpenScreeningAsync(id, ct) ? await screenings.FindAsync(id, ct) : null;
        if (screening is null)
        {
            return NotFound();
        }

        Screening = screening;
        return Page();
    }
}
