using System.Text.RegularExpressions;
using MicroNeedling.Testing;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed partial class AdminTwoFactorJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    [GeneratedRegex("/Account/TwoFactor/Setup")]
    private static partial Regex SetupPage();

    [GeneratedRegex("/Admin/Staff$")]
    private static partial Regex StaffPage();

    [Fact]
    public async Task A_new_admin_sets_up_the_authenticator_at_first_sign_in_and_then_reaches_the_admin_pages()
    {
        var email = await App.CreateAdminWithoutTwoFactorAsync();
        var page = await host.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Sent to the setup page instead of the staff list; the key is typed into the phone as shown.
        await Assertions.Expect(page).ToHaveURLAsync(SetupPage());
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("11-two-factor-setup.png");
        var key = await page.GetByTestId("shared-key").TextContentAsync();
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept them safe, continue" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(StaffPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Staff");
    }
}
