using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Passwords (ASVS 2.1.1, 2.1.7, 2.1.9): at least 12 characters, no composition rules, and well-known passwords refused,
/// with the reason next to the password field, on the admin's new-account form and on the change-password page.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PasswordPolicyTests(ClinicAppFactory app)
{
    private async Task<HttpResponseMessage> CreateAccountAsync(HttpClient admin, string email, string password) =>
        await admin.PostFormAsync("/Admin/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Colleague",
            ["Input.Email"] = email,
            ["Input.Role"] = Roles.FrontDesk,
            ["Input.Password"] = password,
        });

    private static string NewEmail() => $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic";

    private async Task<bool> AccountExistsAsync(string email) =>
        await app.GetAsync(async sp => await sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email) is not null);

    [Theory]
    [InlineData("password1234")]
    [InlineData("Qwertyuiop12")]
    [InlineData("123456789012")]
    [InlineData("iloveyou1234")]
    [InlineData("letmein12345")]
    [InlineData("Sunshine2026!")]
    [InlineData("p a s s w o r d 1 2 3")]
    public async Task A_common_password_is_refused_with_the_reason_next_to_the_field(string password)
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var email = NewEmail();

        var response = await CreateAccountAsync(admin, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CommonPasswordValidator.CommonMessage, (await response.ReadDocumentAsync()).FieldError("Input.Password"));
        Assert.False(await AccountExistsAsync(email));
    }

    [Fact]
    public async Task A_password_containing_the_email_name_is_refused()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var name = ClinicAppFactory.UniqueName().ToLowerInvariant();

        var response = await CreateAccountAsync(admin, $"{name}@tests.clinic", $"my name is {name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CommonPasswordValidator.EmailNameMessage, (await response.ReadDocumentAsync()).FieldError("Input.Password"));
    }

    [Fact]
    public async Task Eleven_characters_are_refused_and_twelve_are_enough()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);

        var eleven = await CreateAccountAsync(admin, NewEmail(), "plum quartz");
        var twelve = await CreateAccountAsync(admin, NewEmail(), "plum quartz!");

        Assert.Equal(HttpStatusCode.OK, eleven.StatusCode);
        Assert.Contains("at least 12 characters", (await eleven.ReadDocumentAsync()).FieldError("Input.Password"));
        Assert.Equal(HttpStatusCode.Redirect, twelve.StatusCode);
    }

    [Fact]
    public async Task A_long_password_of_lowercase_words_only_is_accepted_without_digits_capitals_or_symbols()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var email = NewEmail();

        var response = await CreateAccountAsync(admin, email, "quiet harbour lantern meadow");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await AccountExistsAsync(email));
    }

    [Fact]
    public async Task Change_password_refuses_a_common_new_password_next_to_the_new_password_field()
    {
        var email = await app.CreateOwnAccountAsync(Roles.Clinician);
        var (client, _) = await app.SignInWithJarAsync(email);

        var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ClinicAppFactory.Password,
            ["Input.NewPassword"] = "qwertyuiop12",
            ["Input.ConfirmPassword"] = "qwertyuiop12",
        });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CommonPasswordValidator.CommonMessage, page.FieldError("Input.NewPassword"));
        Assert.DoesNotContain(page.QuerySelectorAll("input[type=password]"), i => !string.IsNullOrEmpty(i.GetAttribute("value")));
        await app.SignInAsync(app.CreateBrowserlessClient(), email);
    }

    [Fact]
    public async Task Change_password_names_a_wrong_current_password_and_a_confirmation_that_differs()
    {
        var (client, _) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());

        var wrongCurrent = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password at all",
            ["Input.NewPassword"] = "velvet compass thistle",
            ["Input.ConfirmPassword"] = "velvet compass thistle",
        });
        var differs = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ClinicAppFactory.Password,
            ["Input.NewPassword"] = "velvet compass thistle",
            ["Input.ConfirmPassword"] = "velvet compass thistles",
        });

        Assert.Equal(HttpStatusCode.OK, wrongCurrent.StatusCode);
        Assert.Equal("This is not your current password.", (await wrongCurrent.ReadDocumentAsync()).FieldError("Input.CurrentPassword"));
        Assert.Equal(HttpStatusCode.OK, differs.StatusCode);
        Assert.Equal("The two new passwords are not the same.", (await differs.ReadDocumentAsync()).FieldError("Input.ConfirmPassword"));
    }

    [Fact]
    public async Task Every_role_finds_change_password_in_the_header()
    {
        foreach (var role in Roles.All)
        {
            var client = await app.LoginAsAsync(role);
            var page = await client.GetDocumentAsync("/Account/ChangePassword");

            Assert.NotNull(page.QuerySelector("header a[href='/Account/ChangePassword']"));
            Assert.NotNull(page.QuerySelector("input[name='Input.CurrentPassword']"));
        }
    }
}

/// <summary>The common-password rule on its own, row by row.</summary>
public sealed class CommonPasswordRuleTests
{
    [Theory]
    [InlineData("password1234", true)]
    [InlineData("PASSWORD1234", true)]
    [InlineData("qwertyuiop12", true)]
    [InlineData("1qaz2wsx3edc", true)]
    [InlineData("Dragon2025!!", true)]
    [InlineData("monkey-12345678", true)]
    [InlineData("correct horse battery staple", true)]
    [InlineData("amber kettle violin orchard", false)]
    [InlineData("password is not my dog", false)]
    [InlineData("730912845561", false)]
    public void Listed_passwords_and_listed_words_followed_by_digits_or_symbols_are_common(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("maria.lopez@clinic.example", "maria.lopez rocks 1", true)]
    [InlineData("maria.lopez@clinic.example", "MariaLopez for ever", true)]
    [InlineData("maria.lopez@clinic.example", "walnut ladder opera", false)]
    [InlineData("jo@clinic.example", "jolly green giant", false)]
    public void Passwords_containing_the_email_name_are_caught(string email, string password, bool contains) =>
        Assert.Equal(contains, CommonPasswordValidator.ContainsEmailName(password, email));
}
