using MicroNeedling.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>One Razor Page as the running app routes it: its path (e.g. /Patients/Details) and its compiled descriptor.</summary>
public sealed record AppPage(string Path, CompiledPageActionDescriptor Descriptor)
{
    /// <summary>The page's POST handlers as the URL suffix that selects each: "" for OnPost, "?handler=CheckIn" for OnPostCheckIn.</summary>
    public IEnumerable<string> PostHandlers => Descriptor.HandlerMethods
        .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        .Select(h => string.IsNullOrEmpty(h.Name) ? "" : $"handler={h.Name}")
        .Distinct();

    /// <summary>The page URL with a handler selected, keeping any query the URL has.</summary>
    public static string WithHandler(string url, string handler) =>
        handler.Length == 0 ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + handler;
}

/// <summary>Reads every page from the app's own endpoints, so a page added tomorrow is in every enumeration without a hand list.</summary>
public static class AppPages
{
    public static async Task<IReadOnlyList<AppPage>> LoadAsync(ClinicAppFactory app)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<AppPage>();
        // An Index page has two endpoints ("/Patients" and "/Patients/Index"); both are the same page.
        foreach (var group in app.Services.GetRequiredService<EndpointDataSource>().Endpoints
                     .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
                     .Where(x => x.Page is not null)
                     .GroupBy(x => x.Page!.ViewEnginePath, StringComparer.Ordinal))
        {
            var (endpoint, page) = group.First();
            pages.Add(new AppPage(group.Key, await loader.LoadAsync(page!, endpoint.Metadata)));
        }

        return pages.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }
}
