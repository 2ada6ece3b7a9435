using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class RegisteringAndFindingPatientsTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Registering_a_patient_stores_the_details_and_who_registered_them()
    {
        var command = Commands.Patient("  Anna ", " Smith  ", new DateOnly(1990, 5, 17));
        command.Email = "  ";
        command.Notes = "  Prefers morning appointments.  ";

        var result = await host.SavePatientAsync(command);

        Assert.True(result.Succeeded);
        Assert.False(result.Value!.NeedsDuplicateConfirmation);
        var stored = await host.QueryAsync(db => db.Patients.SingleAsync());
        Assert.Equal(result.Value.PatientId, stored.Id);
        Assert.Equal(("Anna", "Smith"), (stored.FirstName, stored.LastName));
        Assert.Equal(new DateOnly(1990, 5, 17), stored.DateOfBirth);
        Assert.Equal("+44 20 7946 0958", stored.Phone);
        Assert.Null(stored.Email);
        Assert.Equal(FitzpatrickType.III, stored.SkinType);
        Assert.Equal(Concern.Scars | Concern.EnlargedPores, stored.Concerns);
        Assert.Equal(TreatmentArea.Face, stored.TreatmentAreas);
        Assert.Equal("Prefers morning appointments.", stored.Notes);
        Assert.Equal(TestUser.DefaultName, stored.CreatedBy);
        Assert.Equal(host.UtcNow, stored.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAtUtc.Kind);
        Assert.Null(stored.UpdatedAtUtc);
    }

    [Fact]
    public async Task Invalid_details_store_nothing_and_name_the_fields()
    {
        var command = Commands.Patient(firstName: "");
        command.Phone = "call me";
        command.DateOfBirth = null;

        var result = await host.SavePatientAsync(command);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(["DateOfBirth", "FirstName", "Phone"], result.Errors.Select(e => e.Field).Order());
        Assert.Equal(0, await host.QueryAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Same_name_and_birth_date_asks_for_confirmation_before_storing_a_second_patient()
    {
        var dateOfBirth = new DateOnly(1985, 11, 2);
        var firstId = await host.CreatePatientAsync("Maria", "Garcia", dateOfBirth);
        var again = Commands.Patient(" maria ", "GARCIA", dateOfBirth);

        var unconfirmed = await host.SavePatientAsync(again);

        Assert.True(unconfirmed.Succeeded);
        Assert.True(unconfirmed.Value!.NeedsDuplicateConfirmation);
        Assert.Null(unconfirmed.Value.PatientId);
        Assert.Equal(firstId, Assert.Single(unconfirmed.Value.PossibleDuplicates).Id);
        Assert.Equal(1, await host.QueryAsync(db => db.Patients.CountAsync()));

        again.ConfirmDuplicate = true;
        var confirmed = await host.SavePatientAsync(again);

        Assert.False(confirmed.Value!.NeedsDuplicateConfirmation);
        Assert.NotNull(confirmed.Value.PatientId);
        Assert.NotEqual(firstId, confirmed.Value.PatientId);
        Assert.Equal(2, await host.QueryAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Same_name_with_another_birth_date_is_not_a_duplicate()
    {
        await host.CreatePatientAsync("Maria", "Garcia", new DateOnly(1985, 11, 2));

        var result = await host.SavePatientAsync(Commands.Patient("Maria", "Garcia", new DateOnly(1985, 11, 3)));

        Assert.NotNull(result.Value!.PatientId);
        Assert.Equal(2, await host.QueryAsync(db => db.Patients.CountAsync()));
    }

    // SQLite's upper() folds A–Z only, so the check compares columns upper-cased by .NET when the patient was saved.
    [Theory]
    [InlineData("Zoë", "Brown")]
    [InlineData("José", "Muñoz")]
    [InlineData("Anna", "Sørensen")]
    public async Task Registering_the_same_accented_name_twice_asks_for_confirmation(string firstName, string lastName)
    {
        var dateOfBirth = new DateOnly(1992, 4, 8);
        await host.CreatePatientAsync(firstName, lastName, dateOfBirth);

        var again = await host.SavePatientAsync(Commands.Patient(firstName, lastName, dateOfBirth));

        Assert.True(again.Value!.NeedsDuplicateConfirmation, $"{firstName} {lastName} was registered twice without a warning.");
        Assert.Equal(1, await host.QueryAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Editing_a_patient_records_who_changed_them_and_when()
    {
        var id = await host.CreatePatientAsync();
        host.User.UserName = "frontdesk@tests.clinic";
        host.Clock.Advance(TimeSpan.FromHours(3));
        var command = Commands.Patient();
        command.Phone = "07700 900123";

        var result = await host.RunAsync<PatientService, ServiceResult<SavePatientOutcome>>(s => s.UpdateAsync(id, command));

        Assert.True(result.Succeeded);
        var stored = await host.QueryAsync(db => db.Patients.SingleAsync());
        Assert.Equal("07700 900123", stored.Phone);
        Assert.Equal(TestUser.DefaultName, stored.CreatedBy);
        Assert.Equal("frontdesk@tests.clinic", stored.UpdatedBy);
        Assert.Equal(host.UtcNow, stored.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("ann", new[] { "Anna Smith", "Annabel Jones", "Kofi Annan" })]
    [InlineData("ANN", new[] { "Anna Smith", "Annabel Jones", "Kofi Annan" })]
    [InlineData("ann smi", new[] { "Anna Smith" })]
    [InlineData("smi ann", new[] { "Anna Smith" })]
    [InlineData("jo", new[] { "Annabel Jones", "Joanne Brown" })]
    [InlineData("nna", new string[0])] // prefixes only: "nna" is inside Anna but starts no name
    [InlineData("", new[] { "Kofi Annan", "Joanne Brown", "Annabel Jones", "Anna Smith" })]
    public async Task Searching_by_name_finds_names_that_start_with_each_word(string search, string[] expected)
    {
        await host.CreatePatientAsync("Anna", "Smith");
        await host.CreatePatientAsync("Annabel", "Jones");
        await host.CreatePatientAsync("Kofi", "Annan");
        await host.CreatePatientAsync("Joanne", "Brown");

        var page = await host.SearchPatientsAsync(search);

        // Ordered by last name, then first name.
        var expectedOrder = expected.OrderBy(n => n.Split(' ')[1], StringComparer.Ordinal).ToList();
        Assert.Equal(expectedOrder, page.Items.Select(p => $"{p.FirstName} {p.LastName}"));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Searching_by_date_of_birth_finds_only_that_day()
    {
        await host.CreatePatientAsync("Anna", "Smith", new DateOnly(1990, 5, 17));
        await host.CreatePatientAsync("Ben", "Smith", new DateOnly(1990, 5, 18));
        await host.CreatePatientAsync("Cara", "Jones", new DateOnly(1990, 5, 17));

        var sameDay = await host.SearchPatientsAsync(null, new DateOnly(1990, 5, 17));
        var sameDayAndName = await host.SearchPatientsAsync("smith", new DateOnly(1990, 5, 17));

        Assert.Equal(["Cara", "Anna"], sameDay.Items.Select(p => p.FirstName));
        Assert.Equal("Anna", Assert.Single(sameDayAndName.Items).FirstName);
    }

    [Fact]
    public async Task Forty_five_patients_make_three_pages_of_twenty()
    {
        for (var i = 1; i <= 45; i++)
        {
            await host.CreatePatientAsync("Pat", $"Patient{i:00}");
        }

        var pages = new List<PatientPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await host.SearchPatientsAsync(null, page: page));
        }

        Assert.All(pages, p => Assert.Equal((45, 3, 20), (p.TotalCount, p.PageCount, p.PageSize)));
        Assert.Equal([20, 20, 5], pages.Select(p => p.Items.Count));
        Assert.Equal([1, 2, 3], pages.Select(p => p.Page));
        var everyone = pages.SelectMany(p => p.Items).Select(p => p.LastName).ToList();
        Assert.Equal(Enumerable.Range(1, 45).Select(i => $"Patient{i:00}"), everyone);
    }

    [Fact]
    public async Task A_page_out_of_range_shows_the_nearest_page()
    {
        for (var i = 1; i <= 45; i++)
        {
            await host.CreatePatientAsync("Pat", $"Patient{i:00}");
        }

        (int Asked, int Shown)[] requests = [(0, 1), (-5, 1), (4, 3), (99, 3)];
        foreach (var (asked, shown) in requests)
        {
            var page = await host.SearchPatientsAsync(null, page: asked);

            Assert.Equal(shown, page.Page);
            Assert.Equal(shown == 3 ? "Patient41" : "Patient01", page.Items[0].LastName);
        }
    }

    [Fact]
    public async Task An_empty_list_is_one_empty_page()
    {
        var page = await host.SearchPatientsAsync("nobody", page: 2);

        Assert.Equal((1, 1, 0), (page.Page, page.PageCount, page.TotalCount));
        Assert.Empty(page.Items);
    }

    // SQLite's LIKE ignores case for A–Z only; the search matches the upper-cased columns instead.
    [Theory]
    [InlineData("élodie", "Élodie")]
    [InlineData("öz", "Özil")]
    public async Task Searching_ignores_the_case_of_accented_letters(string search, string lastName)
    {
        await host.CreatePatientAsync("Anna", lastName);

        var page = await host.SearchPatientsAsync(search);

        Assert.Equal(lastName, Assert.Single(page.Items).LastName);
    }

    [Theory]
    [InlineData("o_", new[] { "O_Neil" })]
    [InlineData("%", new[] { "%Percy" })]
    [InlineData("o%", new string[0])]
    [InlineData("\\", new[] { "\\Slash" })]
    public async Task Wildcards_in_the_search_are_taken_literally(string search, string[] expectedLastNames)
    {
        await host.CreatePatientAsync("Ann", "O_Neil");
        await host.CreatePatientAsync("Ann", "Oxford");
        await host.CreatePatientAsync("Ann", "Owen");
        await host.CreatePatientAsync("Ann", "%Percy");
        await host.CreatePatientAsync("Ann", "\\Slash");

        var page = await host.SearchPatientsAsync(search);

        Assert.Equal(expectedLastNames, page.Items.Select(p => p.LastName));
    }
}
