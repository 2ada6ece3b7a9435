using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages;

/// <summary>The start page sends each role to where its work is: clinicians to their day, front desk to the clinic's day.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Clinician) ? RedirectToPage("/MyDay/Index")
        : User.IsInRole(Roles.FrontDesk) ? RedirectToPage("/Today/Index")
        : User.IsInRole(Roles.Admin) ? RedirectToPage("/Admin/Staff/Index") : Forbid();
}
