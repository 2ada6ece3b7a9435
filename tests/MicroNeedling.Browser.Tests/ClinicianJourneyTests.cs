using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed class ClinicianJourneyTests(BrowserHost host)
{
    private static Task ExpectText(ILocator locator, string text) =>
        Assertions.Expect(locator).ToContainTextAsync(text);

    [Fact]
    public async Task Clinician_registers_screens_and_plans_a_six_sitting_course_in_the_browser()
    {
        var email = await host.App.EnsureUserAsync(Roles.Clinician);
        var lastName = "Okonkwo" + ClinicAppFactory.UniqueName()[2..6];
        var page = await host.NewPageAsync();

        // Sign in.
        await page.GotoAsync("/Patients");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("01-login.png");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectText(page.Locator("h1"), "Patients");
        await page.AssertAccessibleAsync();

        // Register a patient; a first attempt with missing fields shows messages next to them and keeps what was typed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Register a patient" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await ExpectText(page.Locator("#Input_LastName-error"), "Enter the patient's last name.");
        await Assertions.Expect(page.GetByLabel("First name")).ToHaveValueAsync("Ada");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("02-register-patient-errors.png");

        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByLabel("Date of birth").FillAsync("1987-06-21");
        await page.GetByLabel("Fitzpatrick skin type").SelectOptionAsync("V");
        await page.GetByLabel("Phone").FillAsync("+44 161 496 0000");
        await page.GetByLabel("Acne scars, blemishes and other scars").CheckAsync();
        await page.GetByLabel("Face", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await ExpectText(page.Locator("h1"), $"Ada {lastName}");
        await ExpectText(page.GetByTestId("screening-status"), "Never screened");
        await page.AssertAccessibleAsync();

        // Screen: every question answered "no".
        await page.GetByRole(AriaRole.Link, new() { Name = "Screen patient" }).ClickAsync();
        await page.AssertAccessibleAsync();
        foreach (var question in new[] { "eczema", "psoriasis", "active acne", "open wounds", "radiation therapy" })
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel("No").CheckAsync();
        }

        await page.GetByRole(AriaRole.Group, new() { Name = "pregnant" }).GetByLabel("Not applicable").CheckAsync();
        await page.SaveScreenshotAsync("03-screening-form.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record screening" }).ClickAsync();
        await ExpectText(page.GetByTestId("screening-outcome"), "Suitable");
        await page.AssertAccessibleAsync();

        // Plan the course with the clinic's defaults: six sittings.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ada {lastName}" }).ClickAsync();
        await ExpectText(page.GetByTestId("screening-status"), "Suitable");
        await page.SaveScreenshotAsync("04-patient-suitable.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan a course" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Number of sittings")).ToHaveValueAsync("6");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan course" }).ClickAsync();
        await ExpectText(page.GetByTestId("plan-status"), "Active");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(6);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("05-course-planned.png");
    }

    [Fact]
    public async Task The_first_tab_stop_is_the_skip_link_to_the_content()
    {
        var page = await host.NewPageAsync();

        // The error page, because the login page rightly puts the cursor straight into the e-mail field.
        await page.GotoAsync("/Error/404");
        await page.Keyboard.PressAsync("Tab");

        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");
    }
}
