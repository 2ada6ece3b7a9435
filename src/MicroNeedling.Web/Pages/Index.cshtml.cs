using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages;

/// <summary>The start page sends each role to where its work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Clinician) || User.IsInRole(Roles.FrontDesk)
            ? RedirectToPage("/Patients/Index")
            : User.IsInRole(Roles.Admin) ? RedirectToPage("/Admin/Staff/Index") : Forbid();
}
