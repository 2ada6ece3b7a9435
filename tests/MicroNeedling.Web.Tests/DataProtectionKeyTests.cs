using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The data-protection key ring lives in the clinic database, so a restarted or second app host reads the sign-in
/// cookies and form tokens the first one issued: a restart signs nobody out and breaks no open form.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class DataProtectionKeyTests(ClinicAppFactory app)
{
    [Fact]
    public async Task A_fresh_host_over_the_same_database_accepts_the_first_hosts_cookie_and_form_token()
    {
        var (first, jar) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());
        var form = await first.GetDocumentAsync("/Patients");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await using var restarted = app.CreateHostOverSameDatabase();
        var sameBrowser = restarted.CreateClient(jar.Copy());

        Assert.Equal(HttpStatusCode.OK, (await sameBrowser.GetAsync("/Patients")).StatusCode);
        var signOut = await sameBrowser.PostFieldsAsync("/Account/Logout", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/Account/Login", signOut.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_keys_are_rows_of_the_clinic_database_under_the_apps_own_name()
    {
        await (await app.LoginAsAsync(MicroNeedling.Clinic.Staff.Roles.Clinician)).GetAsync("/Patients");

        var keys = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().DataProtectionKeys.ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("<key ", k.Xml));
        Assert.Equal("MicroNeedling", app.Get(sp => sp.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator));
    }
}
