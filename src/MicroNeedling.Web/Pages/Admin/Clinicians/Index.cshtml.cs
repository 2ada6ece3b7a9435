using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Clinicians;

public sealed class IndexModel(ClinicianHoursService clinicianHours) : PageModel
{
    public IReadOnlyList<ClinicianSummary> Clinicians { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Clinicians = await clinicianHours.ListCliniciansAsync(ct);

    public static string Describe(IReadOnlyList<DayOfWeek> days) =>
        days.Count == 0 ? "No working hours set" : string.Join(", ", days.Select(d => d.ToString()[..3]));
}
