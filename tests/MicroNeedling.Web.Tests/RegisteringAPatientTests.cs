using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class RegisteringAPatientTests(ClinicAppFactory app)
{
    private static List<KeyValuePair<string, string>> ValidForm(string lastName) =>
    [
        new("Input.FirstName", "Amira"),
        new("Input.LastName", lastName),
        new("Input.DateOfBirth", "1988-04-02"),
        new("Input.Phone", "+44 20 7946 0958"),
        new("Input.Email", "amira@example.com"),
        new("Input.SkinType", "4"),
        new("Input.Concerns", "Scars"),
        new("Input.Concerns", "Hyperpigmentation"),
        new("Input.TreatmentAreas", "Face"),
        new("Input.Notes", "Prefers mornings."),
    ];

    private Task<int> CountPatientsNamedAsync(string lastName) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.CountAsync(p => p.LastName == lastName));

    [Fact]
    public async Task Front_desk_registers_a_patient_and_sees_the_details_page()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();

        var response = await client.PostFormAsync("/Patients/Create", ValidForm(lastName));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"Amira {lastName}", details.QuerySelector("h1")!.TextContent);
        Assert.Contains("Acne scars, blemishes and other scars, Hyperpigmentation", details.Body!.TextContent);
        Assert.Equal("Never screened", details.QuerySelector("[data-testid=screening-status]")!.TextContent);
        Assert.Equal(1, await CountPatientsNamedAsync(lastName));
    }

    [Fact]
    public async Task Bad_input_gives_messages_next_to_the_fields_keeps_what_was_typed_and_stores_nothing()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();
        var form = ValidForm(lastName)
            .Where(f => f.Key is not ("Input.FirstName" or "Input.DateOfBirth" or "Input.Phone" or "Input.Email"))
            .Append(new("Input.FirstName", ""))
            .Append(new("Input.DateOfBirth", "2099-01-01"))
            .Append(new("Input.Phone", "call me"))
            .Append(new("Input.Email", "amira-at-example"));

        var response = await client.PostFormAsync("/Patients/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Enter the patient's first name.", page.FieldError("Input.FirstName"));
        Assert.Equal("The date of birth must be in the past.", page.FieldError("Input.DateOfBirth"));
        Assert.StartsWith("Enter a phone number of 7 to 15 digits", page.FieldError("Input.Phone"));
        Assert.Equal("Enter an e-mail address like name@example.com.", page.FieldError("Input.Email"));
        Assert.Equal("true", page.GetElementById("Input_FirstName")!.GetAttribute("aria-invalid"));
        Assert.Equal(lastName, page.GetElementById("Input_LastName")!.GetAttribute("value"));
        Assert.Equal("call me", page.GetElementById("Input_Phone")!.GetAttribute("value"));
        Assert.True(page.GetElementById("Input_Concerns_Scars")!.HasAttribute("checked"));
        Assert.Equal(0, await CountPatientsNamedAsync(lastName));
    }

    [Fact]
    public async Task A_date_of_birth_that_is_not_a_date_gets_a_message_not_a_server_error()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();
        var form = ValidForm(lastName).Where(f => f.Key != "Input.DateOfBirth").Append(new("Input.DateOfBirth", "31/31/1990"));

        var response = await client.PostFormAsync("/Patients/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not valid here", (await response.ReadDocumentAsync()).FieldError("Input.DateOfBirth"));
        Assert.Equal(0, await CountPatientsNamedAsync(lastName));
    }

    [Fact]
    public async Task Same_name_and_date_of_birth_needs_a_confirm_before_a_second_patient_is_stored()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Patients/Create", ValidForm(lastName))).StatusCode);

        var warned = await client.PostFormAsync("/Patients/Create", ValidForm(lastName.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var page = await warned.ReadDocumentAsync();
        Assert.Contains("already registered", page.QuerySelector(".warning")!.TextContent);
        Assert.Equal(1, await CountPatientsNamedAsync(lastName));

        var confirmed = await client.PostFormAsync("/Patients/Create", ValidForm(lastName).Append(new("Input.ConfirmDuplicate", "true")));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, await CountPatientsNamedAsync(lastName));
    }

    [Fact]
    public async Task Search_finds_a_patient_by_name_prefix_and_date_of_birth()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();
        await app.CreatePatientAsync(lastName, new DateOnly(1975, 1, 30));

        var byName = await client.GetDocumentAsync($"/Patients?q={lastName[..8].ToLowerInvariant()}");
        var byNameAndWrongDob = await client.GetDocumentAsync($"/Patients?q={lastName}&dob=1975-01-31");
        var byNameAndDob = await client.GetDocumentAsync($"/Patients?q={lastName}&dob=1975-01-30");

        Assert.Single(byName.QuerySelectorAll("tbody tr"));
        Assert.Empty(byNameAndWrongDob.QuerySelectorAll("tbody tr"));
        Assert.Single(byNameAndDob.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Editing_keeps_the_change_and_records_who_made_it()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var id = await app.CreatePatientAsync();
        var form = ValidForm(ClinicAppFactory.UniqueName()).Where(f => f.Key != "Input.Phone").Append(new("Input.Phone", "020 7946 0000"));

        var response = await client.PostFormAsync($"/Patients/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var patient = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.SingleAsync(p => p.Id == id));
        Assert.Equal("020 7946 0000", patient.Phone);
        Assert.Equal("frontdesk@tests.clinic", patient.UpdatedBy);
    }

    [Fact]
    public async Task Unknown_patient_id_is_not_found()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Patients/Details/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Patients/Edit/999999")).StatusCode);
    }
}
