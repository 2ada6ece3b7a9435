using System.Net;
using Deque.AxeCore.Playwright;
using MicroNeedling.Testing;
using Microsoft.Playwright;

// The collections each start an app and a Chromium; on two cores they run one after the other, not side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MicroNeedling.Browser.Tests;

/// <summary>
/// One app on a real Kestrel loopback port and one Debian Chromium, shared by the whole browser collection:
/// starting Chromium costs seconds, so it happens once.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private IPlaywright? playwright;

    public ClinicAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        PageChecks.WatchContentSecurityPolicy(page);
        return page;
    }

    /// <summary>
    /// A new page signed in as a member of staff with <paramref name="role"/> through the login form; an admin enters the
    /// authenticator code too, and that step is checked with axe on the way.
    /// </summary>
    public async Task<IPage> SignInAsync(string role)
    {
        var email = await App.EnsureUserAsync(role);
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await LeaveTheLoginPageAsync(page, url => !url.EndsWith("/Account/Login", StringComparison.Ordinal), role);
        if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await page.AssertAccessibleAsync();
            await page.GetByLabel("Code from the app").FillAsync(await App.AuthenticatorCodeAsync(email));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await LeaveTheLoginPageAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal), role);
        }

        return page;
    }

    /// <summary>
    /// Waits for the sign-in to move on; when it does not, fails with what the page says (a refusal, a status page)
    /// instead of a bare timeout, since a sign-in that stalls once in many CI runs can only be explained from its message.
    /// </summary>
    private static async Task LeaveTheLoginPageAsync(IPage page, Func<string, bool> left, string role)
    {
        try
        {
            await page.WaitForURLAsync(left);
        }
        catch (TimeoutException timeout)
        {
            string said;
            try
            {
                said = (await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 })).Trim();
            }
            catch (PlaywrightException)
            {
                said = "(the page could not be read)";
            }

            throw new TimeoutException($"Signing in as {role} stayed on {page.Url}; the page said: {said}", timeout);
        }
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}

public static class PageChecks
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> PolicyViolations = [];

    /// <summary>Collects what Chromium refuses under the Content Security Policy (an inline script, style or handler).</summary>
    public static void WatchContentSecurityPolicy(IPage page)
    {
        var refused = PolicyViolations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (refused)
                {
                    refused.Add($"{page.Url}: {message.Text}");
                }
            }
        };
    }

    /// <summary>
    /// Runs axe on the page and fails on any serious or critical violation, naming the rule and the elements;
    /// also fails when the browser refused anything on the page under the Content Security Policy.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        if (PolicyViolations.TryGetValue(page, out var refused))
        {
            lock (refused)
            {
                Assert.True(refused.Count == 0, string.Join("; ", refused));
            }
        }

        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{page.Url}: " + string.Join("; ", blocking.Select(v =>
            $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>Saves a full-page screenshot into docs/screenshots of the repository, for the README.</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroNeedling.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        // Caret = Initial: hiding the caret makes Playwright inject a <style> element, which the Content Security Policy refuses.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true, Caret = ScreenshotCaret.Initial });
    }
}
