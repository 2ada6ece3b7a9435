using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The problem has been logged. Please try again, or tell your administrator if it keeps happening.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        switch (code)
        {
            case 403:
                Title = "You do not have access to this page";
                Message = "Your role does not allow this. Ask a colleague with the right role, or your administrator.";
                break;
            case 404:
                Title = "Not found";
                Message = "There is nothing at this address. It may have been mistyped, or you may not have access to it.";
                break;
            case 429:
                Title = "Too many sign-in attempts";
                Message = "Sign-in from this network is paused for a minute after many attempts. Wait a minute, then try again.";
                break;
            case 400:
                Title = "The form could not be sent";
                Message = "The page may have been open too long. Go back, reload it and try again.";
                break;
        }
    }
}
