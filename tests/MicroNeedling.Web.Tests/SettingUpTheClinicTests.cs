using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// An Admin sets the clinic up for scheduling: rooms, opening hours, closed days, clinicians' weeks and time off.
/// The database is shared with every other scenario, so each test leaves the clinic as it found it: its rooms end
/// inactive, opening hours are restored, closed days are removed, and its clinicians are its own.
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class SettingUpTheClinicTests(ClinicAppFactory app)
{
    private sealed record DayRow(DayOfWeek Day, bool On, string Start, string End);

    /// <summary>The week as the pages post it: one row per weekday, Monday first, under the given field names.</summary>
    private static List<KeyValuePair<string, string>> WeekForm(string onField, string startField, string endField, IEnumerable<DayRow> rows) =>
        rows.SelectMany((row, i) => new KeyValuePair<string, string>[]
        {
            new($"Input.Days[{i}].Day", row.Day.ToString()),
            new($"Input.Days[{i}].{onField}", row.On ? "true" : "false"),
            new($"Input.Days[{i}].{startField}", row.Start),
            new($"Input.Days[{i}].{endField}", row.End),
        }).ToList();

    private static List<DayRow> ToRows(SaveOpeningHoursCommand hours) =>
        hours.Days.Select(d => new DayRow(d.Day, d.IsOpen, $"{d.Opens:HH:mm}", $"{d.Closes:HH:mm}")).ToList();

    /// <summary>The message next to a field whose name has an index, e.g. Input.Days[2].Closes (ids turn . [ ] into _).</summary>
    private static string ErrorNextTo(IHtmlDocument page, string fieldName) =>
        page.GetElementById($"{FieldId(fieldName)}-error")?.TextContent.Trim() ?? "";

    private static string FieldId(string fieldName) => NotIdCharacter().Replace(fieldName, "_");

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotIdCharacter();

    private Task<List<Room>> RoomsNamedAsync(string name) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Rooms.AsNoTracking()
            .Where(r => r.Name.ToUpper() == name.ToUpper()).ToListAsync());

    private Task<SaveOpeningHoursCommand> StoredOpeningHoursAsync() =>
        app.GetAsync(sp => sp.GetRequiredService<OpeningHoursService>().GetOpeningHoursAsync());

    private async Task<string> NewClinicianAsync()
    {
        var email = $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic";
        await app.EnsureUserAsync(Roles.Clinician, email);
        return await UserIdAsync(email);
    }

    private Task<string> UserIdAsync(string email) =>
        app.GetAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id);

    private static async Task<string> FlashAfterRedirectAsync(HttpClient client, HttpResponseMessage redirect) =>
        (await client.GetDocumentAsync(redirect.Headers.Location!.OriginalString)).QuerySelector(".flash")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Admin_adds_a_room_a_duplicate_name_is_refused_and_the_room_is_deactivated_not_deleted()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var name = $"Room {ClinicAppFactory.UniqueName()}";

        var added = await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", $"  {name} ")]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/Admin/Rooms", added.Headers.Location!.OriginalString);
        Assert.Equal($"The room \"{name}\" is added.", await FlashAfterRedirectAsync(admin, added));
        var room = Assert.Single(await RoomsNamedAsync(name));
        Assert.Equal(name, room.Name);
        Assert.True(room.IsActive);

        var duplicate = await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", name.ToLowerInvariant())]);

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await duplicate.ReadDocumentAsync();
        Assert.Equal($"There is already a room called \"{name}\". Choose another name.", page.FieldError("Input.Name"));
        Assert.Equal("true", page.GetElementById("Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal(name.ToLowerInvariant(), page.GetElementById("Input_Name")!.GetAttribute("value"));
        Assert.Single(await RoomsNamedAsync(name));

        var empty = await (await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", "   ")])).ReadDocumentAsync();
        var tooLong = await (await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", new string('x', 81))])).ReadDocumentAsync();
        Assert.Equal("Enter the room's name.", empty.FieldError("Input.Name"));
        Assert.Equal("A room's name can be at most 80 characters.", tooLong.FieldError("Input.Name"));

        var deactivated = await admin.PostFormAsync("/Admin/Rooms", [new("roomId", room.Id.ToString())], postUrl: "/Admin/Rooms?handler=Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var stored = Assert.Single(await RoomsNamedAsync(name));
        Assert.False(stored.IsActive);
        var list = await admin.GetDocumentAsync("/Admin/Rooms");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent == name);
        Assert.Equal("Inactive", row.QuerySelectorAll("td")[1].TextContent);
        Assert.NotNull(row.QuerySelector($"button[aria-label='Activate {name}']"));
    }

    [Fact]
    public async Task Admin_renames_a_room_but_not_to_the_name_of_another_room()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var first = $"Room {ClinicAppFactory.UniqueName()}";
        var second = $"Room {ClinicAppFactory.UniqueName()}";
        var renamed = $"Room {ClinicAppFactory.UniqueName()}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", first)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Rooms", [new("Input.Name", second)])).StatusCode);
        var firstId = Assert.Single(await RoomsNamedAsync(first)).Id;
        var secondId = Assert.Single(await RoomsNamedAsync(second)).Id;

        var form = await admin.GetDocumentAsync($"/Admin/Rooms?rename={firstId}");
        Assert.Equal(first, form.GetElementById("Rename_Name")!.GetAttribute("value"));

        var taken = await admin.PostFormAsync($"/Admin/Rooms?rename={firstId}",
            [new("RenameId", firstId.ToString()), new("Rename.Name", second.ToUpperInvariant())], postUrl: "/Admin/Rooms?handler=Rename");

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal($"There is already a room called \"{second}\". Choose another name.", (await taken.ReadDocumentAsync()).FieldError("Rename.Name"));
        Assert.Single(await RoomsNamedAsync(first));

        var done = await admin.PostFormAsync($"/Admin/Rooms?rename={firstId}",
            [new("RenameId", firstId.ToString()), new("Rename.Name", renamed)], postUrl: "/Admin/Rooms?handler=Rename");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Empty(await RoomsNamedAsync(first));
        Assert.Equal(firstId, Assert.Single(await RoomsNamedAsync(renamed)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Rooms?rename=999999")).StatusCode);

        foreach (var id in new[] { firstId, secondId })
        {
            var off = await admin.PostFormAsync("/Admin/Rooms", [new("roomId", id.ToString())], postUrl: "/Admin/Rooms?handler=Deactivate");
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }
    }

    [Fact]
    public async Task Admin_saves_opening_hours_and_a_closing_time_before_the_opening_time_is_refused_next_to_the_field()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var original = await StoredOpeningHoursAsync();
        try
        {
            var page = await admin.GetDocumentAsync("/Admin/OpeningHours");
            Assert.Equal(7, page.QuerySelectorAll("table.week tbody tr").Length);
            Assert.Equal("Monday", page.QuerySelector("table.week tbody tr th")!.FirstChild!.TextContent);
            Assert.Equal("time", page.GetElementById("Input_Days_0__Opens")!.GetAttribute("type"));
            Assert.NotNull(page.QuerySelector("label[for='Input_Days_0__Opens']"));

            // Index 5 is Saturday: the form lists Monday first.
            var rows = ToRows(original);
            Assert.Equal(DayOfWeek.Saturday, rows[5].Day);
            rows[5] = rows[5] with { On = true, Start = "09:30", End = "13:30" };
            rows[6] = rows[6] with { On = false };

            var saved = await admin.PostFormAsync("/Admin/OpeningHours", WeekForm("IsOpen", "Opens", "Closes", rows));

            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal("The opening hours are saved.", await FlashAfterRedirectAsync(admin, saved));
            var stored = await StoredOpeningHoursAsync();
            Assert.Equal(new TimeOnly(9, 30), stored.Days[5].Opens);
            Assert.Equal(new TimeOnly(13, 30), stored.Days[5].Closes);
            Assert.True(stored.Days[5].IsOpen);

            var bad = ToRows(stored);
            bad[0] = bad[0] with { Start = "07:00" };
            bad[5] = bad[5] with { Start = "14:00", End = "13:00" };
            bad[2] = bad[2] with { On = true, Start = "", End = "" };

            var refused = await admin.PostFormAsync("/Admin/OpeningHours", WeekForm("IsOpen", "Opens", "Closes", bad));

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var form = await refused.ReadDocumentAsync();
            Assert.Equal("On Saturday the closing time must be after the opening time.", ErrorNextTo(form, "Input.Days[5].Closes"));
            Assert.Equal("Enter the time the clinic opens on Wednesday, or untick \"Open\".", ErrorNextTo(form, "Input.Days[2].Opens"));
            Assert.Equal("", ErrorNextTo(form, "Input.Days[0].Closes"));
            Assert.Equal("true", form.GetElementById(FieldId("Input.Days[5].Closes"))!.GetAttribute("aria-invalid"));
            Assert.Equal("13:00", form.GetElementById(FieldId("Input.Days[5].Closes"))!.GetAttribute("value"));
            Assert.Equal("07:00", form.GetElementById(FieldId("Input.Days[0].Opens"))!.GetAttribute("value"));
            var unchanged = await StoredOpeningHoursAsync();
            Assert.Equal(stored.Days[0].Opens, unchanged.Days[0].Opens);
            Assert.Equal(new TimeOnly(13, 30), unchanged.Days[5].Closes);
        }
        finally
        {
            await app.GetAsync(sp => sp.GetRequiredService<OpeningHoursService>().SaveOpeningHoursAsync(original));
        }
    }

    [Fact]
    public async Task Admin_adds_a_closed_day_once_and_can_remove_it_while_it_is_in_the_future()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);

        // The clock stands at 10 March 2026; a date far beyond any booking horizon keeps other scenarios undisturbed.
        var date = new DateOnly(2027, 2, 17);
        var added = await admin.PostFormAsync("/Admin/OpeningHours",
            [new("ClosedDay.Date", "2027-02-17"), new("ClosedDay.Reason", "Staff training")], postUrl: "/Admin/OpeningHours?handler=AddClosedDay");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/Admin/OpeningHours", added.Headers.Location!.OriginalString);
        Assert.Equal("The clinic is closed on Wednesday 17 February 2027.", await FlashAfterRedirectAsync(admin, added));
        var closed = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().ClosedDays.AsNoTracking().SingleAsync(d => d.Date == date));
        Assert.Equal("Staff training", closed.Reason);
        var page = await admin.GetDocumentAsync("/Admin/OpeningHours");
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Wednesday 17 February 2027") && r.TextContent.Contains("Staff training"));

        var again = await admin.PostFormAsync("/Admin/OpeningHours",
            [new("ClosedDay.Date", "2027-02-17"), new("ClosedDay.Reason", "Something else")], postUrl: "/Admin/OpeningHours?handler=AddClosedDay");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refused = await again.ReadDocumentAsync();
        Assert.Equal("The clinic is already closed on Wednesday 17 February 2027 (Staff training).", refused.FieldError("ClosedDay.Date"));
        Assert.Equal("Something else", refused.GetElementById("ClosedDay_Reason")!.GetAttribute("value"));

        var incomplete = await (await admin.PostFormAsync("/Admin/OpeningHours",
            [new("ClosedDay.Date", ""), new("ClosedDay.Reason", "")], postUrl: "/Admin/OpeningHours?handler=AddClosedDay")).ReadDocumentAsync();
        Assert.Equal("Enter the date the clinic is closed.", incomplete.FieldError("ClosedDay.Date"));
        Assert.StartsWith("Enter why the clinic is closed", incomplete.FieldError("ClosedDay.Reason"));

        var past = await (await admin.PostFormAsync("/Admin/OpeningHours",
            [new("ClosedDay.Date", "2026-03-09"), new("ClosedDay.Reason", "Yesterday")], postUrl: "/Admin/OpeningHours?handler=AddClosedDay")).ReadDocumentAsync();
        Assert.Equal("The date has passed. Enter today or a later date.", past.FieldError("ClosedDay.Date"));

        var removed = await admin.PostFormAsync("/Admin/OpeningHours",
            [new("closedDayId", closed.Id.ToString())], postUrl: "/Admin/OpeningHours?handler=RemoveClosedDay");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().ClosedDays.AnyAsync(d => d.Date == date || d.Date == new DateOnly(2026, 3, 9))));
    }

    [Fact]
    public async Task Admin_sets_a_clinicians_weekly_hours_and_time_off()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var clinicianId = await NewClinicianAsync();
        var url = $"/Admin/Clinicians/Hours/{clinicianId}";

        var list = await admin.GetDocumentAsync("/Admin/Clinicians");
        Assert.NotNull(list.QuerySelector($"a[href='{url}']"));
        Assert.Equal(7, (await admin.GetDocumentAsync(url)).QuerySelectorAll("table.week tbody tr").Length);

        // Monday runs past the clinic's 18:00 closing: allowed, the booking rules use the overlap.
        var week = new List<DayRow>
        {
            new(DayOfWeek.Monday, true, "08:00", "20:00"),
            new(DayOfWeek.Tuesday, true, "10:00", "16:00"),
            new(DayOfWeek.Wednesday, false, "09:00", "18:00"),
            new(DayOfWeek.Thursday, false, "", ""),
            new(DayOfWeek.Friday, false, "", ""),
            new(DayOfWeek.Saturday, false, "", ""),
            new(DayOfWeek.Sunday, false, "", ""),
        };
        var saved = await admin.PostFormAsync(url, WeekForm("Works", "Start", "End", week));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.OriginalString);
        Assert.Equal("Test Clinician's working hours are saved.", await FlashAfterRedirectAsync(admin, saved));
        var hours = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().ClinicianHours.AsNoTracking()
            .Where(h => h.ClinicianId == clinicianId).OrderBy(h => h.Day).ToListAsync());
        Assert.Equal(
            new[] { (DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(20, 0)), (DayOfWeek.Tuesday, new TimeOnly(10, 0), new TimeOnly(16, 0)) },
            hours.Select(h => (h.Day, h.Start, h.End)).ToList());
        var row = (await admin.GetDocumentAsync("/Admin/Clinicians")).QuerySelector($"a[href='{url}']")!.Closest("tr")!;
        Assert.Contains("Mon, Tue", row.TextContent);

        week[2] = week[2] with { On = true, Start = "15:00", End = "09:00" };
        var refused = await admin.PostFormAsync(url, WeekForm("Works", "Start", "End", week));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await refused.ReadDocumentAsync();
        Assert.Equal("On Wednesday the end time must be after the start time.", ErrorNextTo(form, "Input.Days[2].End"));
        Assert.Equal("09:00", form.GetElementById(FieldId("Input.Days[2].End"))!.GetAttribute("value"));
        Assert.Equal(2, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().ClinicianHours.CountAsync(h => h.ClinicianId == clinicianId)));

        var backwards = await admin.PostFormAsync(url,
            [new("NewTimeOff.From", "2026-04-10"), new("NewTimeOff.To", "2026-04-06"), new("NewTimeOff.Reason", "Holiday")], postUrl: $"{url}?handler=AddTimeOff");

        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        var backwardsPage = await backwards.ReadDocumentAsync();
        Assert.Equal("The last day off cannot be before the first day off.", backwardsPage.FieldError("NewTimeOff.To"));
        Assert.Equal("2026-04-06", backwardsPage.GetElementById("NewTimeOff_To")!.GetAttribute("value"));
        Assert.Equal("08:00", backwardsPage.GetElementById(FieldId("Input.Days[0].Start"))!.GetAttribute("value"));
        Assert.False(await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().TimeOff.AnyAsync(t => t.ClinicianId == clinicianId)));

        var added = await admin.PostFormAsync(url,
            [new("NewTimeOff.From", "2026-04-06"), new("NewTimeOff.To", "2026-04-10"), new("NewTimeOff.Reason", "Holiday")], postUrl: $"{url}?handler=AddTimeOff");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("Test Clinician is off from 6 Apr 2026 to 10 Apr 2026.", await FlashAfterRedirectAsync(admin, added));
        var timeOff = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().TimeOff.AsNoTracking().SingleAsync(t => t.ClinicianId == clinicianId));
        Assert.Equal((new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 10), "Holiday", "admin@tests.clinic"),
            (timeOff.From, timeOff.To, timeOff.Reason, timeOff.CreatedBy));
        Assert.Contains((await admin.GetDocumentAsync(url)).QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Mon 6 Apr 2026"));

        var overlapping = await admin.PostFormAsync(url,
            [new("NewTimeOff.From", "2026-04-09"), new("NewTimeOff.To", "2026-04-09")], postUrl: $"{url}?handler=AddTimeOff");
        Assert.Equal("This overlaps time off already recorded from 6 Apr 2026 to 10 Apr 2026.", (await overlapping.ReadDocumentAsync()).FieldError("NewTimeOff.From"));

        var removed = await admin.PostFormAsync(url, [new("timeOffId", timeOff.Id.ToString())], postUrl: $"{url}?handler=RemoveTimeOff");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().TimeOff.AnyAsync(t => t.ClinicianId == clinicianId)));

        // Unticking every day removes the working hours again, so this clinician offers no slots to other scenarios.
        var cleared = await admin.PostFormAsync(url, WeekForm("Works", "Start", "End", week.Select(d => d with { On = false })));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal(0, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().ClinicianHours.CountAsync(h => h.ClinicianId == clinicianId)));
    }

    [Fact]
    public async Task Time_off_that_has_started_cannot_be_removed()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var clinicianId = await NewClinicianAsync();
        var url = $"/Admin/Clinicians/Hours/{clinicianId}";

        // Today is Tuesday 10 March 2026 in the clinic.
        var added = await admin.PostFormAsync(url,
            [new("NewTimeOff.From", "2026-03-09"), new("NewTimeOff.To", "2026-03-11")], postUrl: $"{url}?handler=AddTimeOff");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var timeOff = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().TimeOff.AsNoTracking().SingleAsync(t => t.ClinicianId == clinicianId));
        var page = await admin.GetDocumentAsync(url);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Started; cannot be removed"));

        var refused = await admin.PostFormAsync(url, [new("timeOffId", timeOff.Id.ToString())], postUrl: $"{url}?handler=RemoveTimeOff");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("has not started yet", (await refused.ReadDocumentAsync()).ErrorSummary());
        Assert.True(await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().TimeOff.AnyAsync(t => t.Id == timeOff.Id)));
    }

    [Fact]
    public async Task Hours_of_an_unknown_account_or_of_someone_who_is_not_a_clinician_are_not_found()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var adminId = await UserIdAsync("admin@tests.clinic");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Clinicians/Hours/no-such-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Clinicians/Hours/{adminId}")).StatusCode);
        var posted = await admin.PostFormAsync("/Admin/Clinicians", [new("NewTimeOff.From", "2026-04-06"), new("NewTimeOff.To", "2026-04-06")],
            postUrl: $"/Admin/Clinicians/Hours/{adminId}?handler=AddTimeOff");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Clinician)]
    public async Task Front_desk_and_clinicians_get_403_on_every_clinic_setup_page(string role)
    {
        var clinicianId = await UserIdAsync(await app.EnsureUserAsync(Roles.Clinician));
        var hours = $"/Admin/Clinicians/Hours/{clinicianId}";
        var client = await app.LoginAsAsync(role);
        var roomName = $"Room {ClinicAppFactory.UniqueName()}";
        var week = WeekForm("Works", "Start", "End", Week.MondayFirst.Select(d => new DayRow(d, true, "06:00", "23:00")));

        var results = new List<(string Request, HttpStatusCode Status)>();
        foreach (var url in new[] { "/Admin/Rooms", "/Admin/Rooms?rename=1", "/Admin/OpeningHours", "/Admin/Clinicians", hours })
        {
            results.Add(($"GET {url}", (await client.GetAsync(url)).StatusCode));
        }

        // The token comes from a page these roles may open; the post itself must still be refused by role.
        var posts = new (string Url, List<KeyValuePair<string, string>> Fields)[]
        {
            ("/Admin/Rooms", [new("Input.Name", roomName)]),
            ("/Admin/Rooms?handler=Rename", [new("RenameId", "1"), new("Rename.Name", roomName)]),
            ("/Admin/Rooms?handler=Deactivate", [new("roomId", "1")]),
            ("/Admin/Rooms?handler=Activate", [new("roomId", "1")]),
            ("/Admin/OpeningHours", WeekForm("IsOpen", "Opens", "Closes", Week.MondayFirst.Select(d => new DayRow(d, true, "06:00", "23:00")))),
            ("/Admin/OpeningHours?handler=AddClosedDay", [new("ClosedDay.Date", "2027-03-03"), new("ClosedDay.Reason", roomName)]),
            ("/Admin/OpeningHours?handler=RemoveClosedDay", [new("closedDayId", "1")]),
            ("/Admin/Clinicians", []),
            (hours, week),
            ($"{hours}?handler=AddTimeOff", [new("NewTimeOff.From", "2027-03-03"), new("NewTimeOff.To", "2027-03-04"), new("NewTimeOff.Reason", roomName)]),
            ($"{hours}?handler=RemoveTimeOff", [new("timeOffId", "1")]),
        };
        foreach (var (url, fields) in posts)
        {
            results.Add(($"POST {url}", (await client.PostFormAsync("/Patients/Create", fields, postUrl: url)).StatusCode));
        }

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        Assert.Empty(await RoomsNamedAsync(roomName));
        var stored = await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            return (
                await db.OpeningHours.AnyAsync(h => h.Opens == new TimeOnly(6, 0)),
                await db.ClosedDays.AnyAsync(d => d.Reason == roomName),
                await db.TimeOff.AnyAsync(t => t.Reason == roomName));
        });
        Assert.Equal((false, false, false), stored);
    }

    [Fact]
    public async Task Admin_sees_the_setup_links_and_other_roles_do_not()
    {
        var admin = await (await app.LoginAsAsync(Roles.Admin)).GetDocumentAsync("/Admin/Rooms");
        var frontDesk = await (await app.LoginAsAsync(Roles.FrontDesk)).GetDocumentAsync("/Patients");

        var adminLinks = admin.QuerySelectorAll("nav a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Staff", "/Admin/Staff"), adminLinks);
        Assert.Contains(("Clinic settings", "/Admin/Settings"), adminLinks);
        Assert.Contains(("Rooms", "/Admin/Rooms"), adminLinks);
        Assert.Contains(("Opening hours", "/Admin/OpeningHours"), adminLinks);
        Assert.Contains(("Clinicians' hours", "/Admin/Clinicians"), adminLinks);
        Assert.Equal("page", admin.QuerySelector("nav a[href='/Admin/Rooms']")!.GetAttribute("aria-current"));
        Assert.Null(frontDesk.QuerySelector("nav a[href='/Admin/Rooms']"));
    }
}
