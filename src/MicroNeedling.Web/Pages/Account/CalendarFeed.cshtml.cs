using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

/// <summary>A clinician's own calendar link: make one (replacing any old one), see when it was last read, or turn it off.</summary>
public sealed class CalendarFeedModel(CalendarFeedService feeds, ICurrentUser user) : PageModel
{
    // The new token crosses the redirect after the post in the TempData cookie (encrypted, HttpOnly, read once), so the
    // address is shown exactly once and a reload of the page does not make another link.
    private const string NewTokenKey = "CalendarFeed.NewToken";

    public CalendarFeedStatus? Status { get; private set; }

    /// <summary>The address just made, shown this once; null on every other visit.</summary>
    public string? NewFeedUrl { get; private set; }

    public string? NewWebcalUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (TempData[NewTokenKey] is string token && CalendarFeedService.IsWellFormed(token))
        {
            // Production serves HTTPS only (PlainHttpRefusal), so the scheme here is https there.
            var hostAndPath = $"{Request.Host}{Request.PathBase}{CalendarFeedEndpoint.PathOf(token)}";
            NewFeedUrl = $"{Request.Scheme}://{hostAndPath}";
            NewWebcalUrl = $"webcal://{hostAndPath}";
        }

        Status = await feeds.StatusAsync(ClinicianId, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var made = await feeds.CreateAsync(ClinicianId, ct);
        if (!made.Succeeded)
        {
            return Forbid();
        }

        TempData[NewTokenKey] = made.Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await feeds.RevokeAsync(ClinicianId, ct);
        TempData["Flash"] = "Your calendar link is turned off. Calendars subscribed to it get no more sittings.";
        return RedirectToPage();
    }

    // The page is for clinicians only (Policies.Clinical), so a user id is always there.
    private string ClinicianId => user.UserId ?? throw new InvalidOperationException("A signed-in user has no id.");
}
