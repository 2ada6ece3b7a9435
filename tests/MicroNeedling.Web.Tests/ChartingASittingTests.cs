using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The clock stands at Tuesday 10 March 2026, 09:00 in London (GMT). Each test books its own clinician, room and
/// patient for 10:00 today, the front desk checks the patient in, and a clinician charts the sitting.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ChartingASittingTests(ClinicAppFactory app)
{
    private sealed record Sitting(CoursePlan Plan, int BookingId, string ClinicianId, int RoomId);

    /// <summary>Sitting 1 of a new course booked today at 10:00 through the service, and checked in by the front desk's form.</summary>
    private async Task<Sitting> CheckedInSittingAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 10),
            Time = new TimeOnly(10, 0),
        }));
        var bookingId = booked.Value?.BookingId ?? throw new InvalidOperationException(string.Join("; ", booked.Errors.Select(e => e.Message)));

        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var checkIn = await frontDesk.PostFormAsync($"/Bookings/Details/{bookingId}", [], postUrl: $"/Bookings/Details/{bookingId}?handler=CheckIn");
        Assert.Equal(HttpStatusCode.Redirect, checkIn.StatusCode);
        Assert.Equal(BookingStatus.CheckedIn, await StatusOfAsync(bookingId));

        // The clinician's re-screen for today, all answers "no": without it the needling may not start.
        await app.ReScreenSuitableAsync(bookingId);
        return new Sitting(plan, bookingId, clinician, room);
    }

    private static List<KeyValuePair<string, string>> ChartFields(
        string depth = "0.75", string? reason = null, string numbingRemoved = "08:30", bool confirm = false) =>
    [
        new("Input.NumbingProduct", "Lidocaine 5% cream"),
        new("Input.NumbingApplied", "08:00"),
        new("Input.NumbingRemoved", numbingRemoved),
        new("Input.Device", "Pen A6"),
        new("Input.CartridgeLot", "LOT-2026-031"),
        new("Input.Areas[0].Area", nameof(NeedlingArea.CheeksAndChin)),
        new("Input.Areas[0].DepthMm", depth),
        new("Input.Areas[0].Passes", "3"),
        new("Input.Areas[0].OutOfRangeReason", reason ?? ""),
        new("Input.Areas[1].Area", ""),
        new("Input.Areas[1].DepthMm", ""),
        new("Input.Areas[1].Passes", ""),
        new("Input.Areas[1].OutOfRangeReason", ""),
        new("Input.SerumProduct", "Hyaluronic acid serum"),
        new("Input.ProcedureStart", "08:30"),
        new("Input.ProcedureEnd", "08:45"),
        new("Input.Reaction", nameof(ImmediateReaction.Redness)),
        new("Input.Notes", ""),
        .. confirm ? [new KeyValuePair<string, string>("Input.ConfirmWarnings", "true")] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    private static Task<HttpResponseMessage> ChartAsync(HttpClient client, int bookingId, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostFormAsync($"/Sittings/Chart/{bookingId}", fields);

    private Task<BookingStatus> StatusOfAsync(int bookingId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync());

    private Task<List<SittingChart>> ChartsOfAsync(int bookingId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().SittingCharts.Include(c => c.Areas).Where(c => c.BookingId == bookingId).ToListAsync());

    [Fact]
    public async Task A_clinician_charts_a_checked_in_sitting_and_it_is_completed()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var booking = await clinician.GetDocumentAsync($"/Bookings/Details/{sitting.BookingId}");
        Assert.NotNull(booking.QuerySelector($"a[href='/Sittings/Chart/{sitting.BookingId}']"));

        var response = await ChartAsync(clinician, sitting.BookingId, ChartFields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Sittings/Details/{sitting.BookingId}", response.Headers.Location?.OriginalString);
        Assert.Equal(BookingStatus.Completed, await StatusOfAsync(sitting.BookingId));
        var chart = Assert.Single(await ChartsOfAsync(sitting.BookingId));
        Assert.Equal(1, chart.Version);
        Assert.True(chart.IsCurrent);
        Assert.Equal("clinician@tests.clinic", chart.CreatedBy);
        Assert.Equal(new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), chart.NumbingAppliedAtUtc);
        var area = Assert.Single(chart.Areas);
        Assert.Equal((NeedlingArea.CheeksAndChin, 0.75m, 3), (area.Area, area.DepthMm, area.Passes));

        var details = await clinician.GetDocumentAsync($"/Sittings/Details/{sitting.BookingId}");
        Assert.Contains("Cheeks and chin", details.QuerySelector("[data-testid=chart-areas]")!.TextContent);
        Assert.Contains("Original chart", details.QuerySelector("[data-testid=chart-versions]")!.TextContent);
        Assert.NotNull(details.QuerySelector($"a[href='/Sittings/Chart/{sitting.BookingId}?amend=true']"));
        Assert.NotNull(details.QuerySelector($"a[href='/Aftercare/Sheet/{sitting.BookingId}']"));

        // Pressing "Save" again finds the sitting charted and stores nothing more.
        var again = await clinician.PostFieldsAsync($"/Sittings/Chart/{sitting.BookingId}", [.. ChartFields(),
            new("__RequestVerificationToken", details.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already charted", (await again.ReadDocumentAsync()).QuerySelector("[data-testid=chart-refusal]")!.TextContent);
        Assert.Single(await ChartsOfAsync(sitting.BookingId));
    }

    [Fact]
    public async Task A_depth_outside_the_safe_range_without_a_reason_is_refused_next_to_the_field()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await ChartAsync(clinician, sitting.BookingId, ChartFields(depth: "0.3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("0.3 mm is outside the safe range for Cheeks and chin (0.5–1.0 mm). Give a reason to go ahead.",
            page.FieldError("Input_Areas_0__DepthMm"));
        Assert.Equal("0.3", page.GetElementById("Input_Areas_0__DepthMm")!.GetAttribute("value"));
        Assert.Equal("LOT-2026-031", page.GetElementById("Input_CartridgeLot")!.GetAttribute("value"));
        Assert.Empty(await ChartsOfAsync(sitting.BookingId));
        Assert.Equal(BookingStatus.CheckedIn, await StatusOfAsync(sitting.BookingId));

        var withReason = await ChartAsync(clinician, sitting.BookingId, ChartFields(depth: "0.3", reason: "Thin skin; test patch reacted"));

        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        Assert.Equal("Thin skin; test patch reacted", Assert.Single(Assert.Single(await ChartsOfAsync(sitting.BookingId)).Areas).OutOfRangeReason);
    }

    [Fact]
    public async Task A_warning_needs_the_confirm_before_the_chart_is_saved()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var warned = await ChartAsync(clinician, sitting.BookingId, ChartFields(numbingRemoved: "08:15"));

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var page = await warned.ReadDocumentAsync();
        Assert.Contains("The numbing cream was on for 15 minutes, less than the course's lead time of 30 minutes.",
            page.QuerySelector("[data-testid=chart-warnings]")!.TextContent);
        Assert.NotNull(page.GetElementById("Input_ConfirmWarnings"));
        Assert.Empty(await ChartsOfAsync(sitting.BookingId));

        var confirmed = await ChartAsync(clinician, sitting.BookingId, ChartFields(numbingRemoved: "08:15", confirm: true));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Single(await ChartsOfAsync(sitting.BookingId));
    }

    [Fact]
    public async Task Front_desk_cannot_open_or_post_the_chart()
    {
        var sitting = await CheckedInSittingAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var get = await frontDesk.GetAsync($"/Sittings/Chart/{sitting.BookingId}");
        var post = await frontDesk.PostFormAsync($"/Bookings/Details/{sitting.BookingId}", ChartFields(), postUrl: $"/Sittings/Chart/{sitting.BookingId}");
        var details = await frontDesk.GetAsync($"/Sittings/Details/{sitting.BookingId}");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, details.StatusCode);
        Assert.Empty(await ChartsOfAsync(sitting.BookingId));
        Assert.Equal(BookingStatus.CheckedIn, await StatusOfAsync(sitting.BookingId));
        var booking = await frontDesk.GetDocumentAsync($"/Bookings/Details/{sitting.BookingId}");
        Assert.Null(booking.QuerySelector($"a[href='/Sittings/Chart/{sitting.BookingId}']"));
    }

    [Fact]
    public async Task An_unknown_booking_is_not_found()
    {
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/Sittings/Chart/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/Sittings/Details/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/Aftercare/Sheet/999999")).StatusCode);
    }

    [Fact]
    public async Task A_sitting_that_is_only_booked_shows_the_refusal_and_no_form()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 11),
            Time = new TimeOnly(10, 0),
        }));
        var client = await app.LoginAsAsync(Roles.Clinician);

        var page = await client.GetDocumentAsync($"/Sittings/Chart/{booked.Value!.BookingId}");

        Assert.Contains("Only a checked-in sitting can be charted; this one is booked.", page.QuerySelector("[data-testid=chart-refusal]")!.TextContent);
        Assert.Null(page.QuerySelector("input[name='Input.Device']"));
    }

    [Fact]
    public async Task An_amendment_needs_a_reason_and_keeps_the_original_in_the_history()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Redirect, (await ChartAsync(clinician, sitting.BookingId, ChartFields())).StatusCode);
        var url = $"/Sittings/Chart/{sitting.BookingId}?amend=true";
        var form = await clinician.GetDocumentAsync(url);
        Assert.Equal("0.75", form.GetElementById("Input_Areas_0__DepthMm")!.GetAttribute("value"));

        var noReason = await clinician.PostFormAsync(url, ChartFields(depth: "1.0"));
        Assert.Equal("Give the reason for amending the chart.", (await noReason.ReadDocumentAsync()).FieldError("Input.AmendmentReason"));

        var amended = await clinician.PostFormAsync(url, [.. ChartFields(depth: "1.0"), new("Input.AmendmentReason", "Depth was 1.0 mm, not 0.75.")]);

        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        var charts = (await ChartsOfAsync(sitting.BookingId)).OrderBy(c => c.Version).ToList();
        Assert.Equal([(1, false, 0.75m), (2, true, 1.0m)], charts.Select(c => (c.Version, c.IsCurrent, c.Areas.Single().DepthMm)));
        var details = await clinician.GetDocumentAsync($"/Sittings/Details/{sitting.BookingId}");
        var versions = details.QuerySelector("[data-testid=chart-versions]")!.TextContent;
        Assert.Contains("Depth was 1.0 mm, not 0.75.", versions);
        Assert.Contains("Original chart", versions);
    }

    [Fact]
    public async Task The_aftercare_sheet_shows_the_first_name_the_advice_the_warning_signs_and_the_next_sitting()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Redirect, (await ChartAsync(clinician, sitting.BookingId, ChartFields())).StatusCode);
        var next = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = sitting.Plan.Sittings.Single(s => s.Number == 2).Id,
            ClinicianId = sitting.ClinicianId,
            RoomId = sitting.RoomId,
            Date = new DateOnly(2026, 4, 7),
            Time = new TimeOnly(14, 30),
        }));
        Assert.True(next.Succeeded, string.Join("; ", next.Errors.Select(e => e.Message)));
        var (firstName, lastName) = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients
            .Where(p => p.Id == sitting.Plan.PatientId).Select(p => new Tuple<string, string>(p.FirstName, p.LastName)).SingleAsync());
        var settings = await app.GetAsync(sp => sp.GetRequiredService<ClinicSettingsService>().GetAsync());
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var booking = await frontDesk.GetDocumentAsync($"/Bookings/Details/{sitting.BookingId}");
        Assert.NotNull(booking.QuerySelector($"a[href='/Aftercare/Sheet/{sitting.BookingId}']"));

        var response = await frontDesk.GetAsync($"/Aftercare/Sheet/{sitting.BookingId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var sheet = await response.ReadDocumentAsync();
        Assert.Contains(firstName, sheet.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(lastName, html);
        Assert.Empty(SecurityHeaderAssertions.InlineCode(sheet, "aftercare sheet"));
        Assert.Equal(settings.ClinicName, sheet.QuerySelector("[data-testid=clinic-name]")!.TextContent.Trim());
        Assert.Contains("Tuesday 10 March 2026 · Sitting 1 of 6", sheet.QuerySelector("[data-testid=sitting]")!.TextContent);
        var advice = sheet.QuerySelectorAll("[data-testid=advice] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(settings.AftercareText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), advice);
        var watchFor = sheet.QuerySelector("[data-testid=watch-for]")!.TextContent;
        foreach (var sign in new[] { "infection", "Bruising", "Peeling", "Bleeding" })
        {
            Assert.Contains(sign, watchFor);
        }

        Assert.Contains("Call the clinic at once", html);
        Assert.Equal("Tuesday 7 April 2026 at 14:30", sheet.QuerySelector("[data-testid=next-sitting]")!.TextContent.Trim());
        Assert.NotNull(sheet.QuerySelector("button[type=button][data-print]"));
        Assert.NotNull(sheet.QuerySelector("script[src^='/js/print.js']"));
    }

    [Fact]
    public async Task A_checked_in_sitting_without_todays_re_screen_cannot_be_charted()
    {
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var clinicianId = await app.CreateClinicianAsync();
        var roomId = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.ScreenedDaysAgoAsync(plan.PatientId, 2);
        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinicianId,
            RoomId = roomId,
            Date = new DateOnly(2026, 3, 10),
            Time = new TimeOnly(16, 0),
        }));
        var bookingId = booked.Value!.BookingId!.Value;
        await clinician.PostFormAsync($"/Bookings/Details/{bookingId}", [], postUrl: $"/Bookings/Details/{bookingId}?handler=CheckIn");

        var page = await clinician.GetDocumentAsync($"/Sittings/Chart/{bookingId}");
        var posted = await clinician.PostFieldsAsync($"/Sittings/Chart/{bookingId}",
            [.. ChartFields(), new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);

        Assert.Contains("re-screen the patient today", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form[method=post] button.primary"));
        Assert.Contains("re-screen the patient today", (await posted.ReadDocumentAsync()).Body!.TextContent);
        Assert.Empty(await ChartsOfAsync(bookingId));
        Assert.Equal(BookingStatus.CheckedIn, await StatusOfAsync(bookingId));
    }

    [Fact]
    public async Task Charting_the_last_sitting_completes_the_course_with_a_maintenance_date()
    {
        var clinicianId = await app.CreateClinicianAsync();
        var roomId = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync(5);
        for (var n = 1; n <= 4; n++)
        {
            await app.InsertBookingAsync(plan, n, clinicianId, roomId, new DateTime(2025, 11, 18, 10, 0, 0, DateTimeKind.Utc).AddDays(28 * (n - 1)), BookingStatus.Completed);
        }

        var bookingId = await app.InsertBookingAsync(plan, 5, clinicianId, roomId, new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        await app.ReScreenSuitableAsync(bookingId);
        var maintenanceMonths = (await app.GetAsync(sp => sp.GetRequiredService<ClinicSettingsService>().GetAsync())).MaintenanceMonths;
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await ChartAsync(clinician, bookingId, ChartFields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().CoursePlans.AsNoTracking().SingleAsync(p => p.Id == plan.Id));
        Assert.Equal(PlanStatus.Completed, stored.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.CompletedAtUtc);
        Assert.Equal(new DateOnly(2026, 3, 10).AddMonths(maintenanceMonths), stored.MaintenanceDueOn);
    }

    [Fact]
    public async Task Charting_a_sitting_before_the_last_leaves_the_course_active()
    {
        var sitting = await CheckedInSittingAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        Assert.Equal(HttpStatusCode.Redirect, (await ChartAsync(clinician, sitting.BookingId, ChartFields())).StatusCode);

        var stored = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().CoursePlans.AsNoTracking().SingleAsync(p => p.Id == sitting.Plan.Id));
        Assert.Equal((PlanStatus.Active, (DateOnly?)null), (stored.Status, stored.MaintenanceDueOn));
    }

    [Fact]
    public async Task Admin_cannot_save_a_depth_range_whose_deepest_is_shallower_than_its_shallowest()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var page = await admin.GetDocumentAsync("/Admin/DepthRanges");
        Assert.NotNull(page.QuerySelector("nav a[href='/Admin/DepthRanges']"));
        var fields = page.PostFields().Select(f => f.Key switch
        {
            "Input.Ranges[0].MinMm" => new KeyValuePair<string, string>(f.Key, "0.6"),
            "Input.Ranges[0].MaxMm" => new KeyValuePair<string, string>(f.Key, "0.4"),
            _ => f,
        }).ToList();

        var response = await admin.PostFieldsAsync("/Admin/DepthRanges", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deepest depth cannot be shallower", (await response.ReadDocumentAsync()).FieldError("Input_Ranges_0__MaxMm"));
        var forehead = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().DepthRanges.AsNoTracking().SingleAsync(r => r.Area == NeedlingArea.Forehead));
        Assert.NotEqual((0.6m, 0.4m), (forehead.MinMm, forehead.MaxMm));
    }
}
