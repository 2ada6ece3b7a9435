using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>The reports pages: who reads which, the period form and its messages, and the CSV carrying the table's numbers.</summary>
[Collection(SharedApp.Name)]
public sealed class ReadingReportsTests(ClinicAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    [Theory]
    [InlineData(Roles.FrontDesk, new[] { "Utilisation", "No-shows and late cancellations" })]
    [InlineData(Roles.Clinician, new[] { "Utilisation", "No-shows and late cancellations", "Courses", "Screening outcomes", "Adverse events" })]
    [InlineData(Roles.Admin, new[] { "Utilisation", "No-shows and late cancellations", "Courses", "Screening outcomes", "Adverse events" })]
    public async Task The_reports_page_lists_the_reports_the_role_may_read_and_every_role_has_it_in_the_menu(string role, string[] reports)
    {
        var client = await app.LoginAsAsync(role);

        var response = await client.GetAsync("/Reports");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageAsync(response);
        Assert.Equal(reports, page.QuerySelectorAll("ul.report-list a").Select(a => a.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("nav[aria-label=Main] a[href='/Reports']"));
    }

    [Theory]
    [InlineData(Roles.FrontDesk, "utilisation")]
    [InlineData(Roles.FrontDesk, "no-shows")]
    [InlineData(Roles.Clinician, "utilisation")]
    [InlineData(Roles.Clinician, "no-shows")]
    [InlineData(Roles.Admin, "utilisation")]
    [InlineData(Roles.Admin, "no-shows")]
    public async Task An_operational_report_shows_a_chart_and_an_accessible_table_for_each_of_its_tables(string role, string slug)
    {
        await BookedClinicAsync();
        var client = await app.LoginAsAsync(role);

        var response = await client.GetAsync($"/Reports/{slug}?from=2026-03-02&to=2026-03-15&by=week");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageAsync(response);
        var sections = page.QuerySelectorAll("section.report-table");
        Assert.True(sections.Length >= 3, $"{sections.Length} tables");
        foreach (var section in sections)
        {
            Assert.NotNull(section.QuerySelector("h2"));
            var table = section.QuerySelector("table");
            if (table is null)
            {
                Assert.Contains("Nothing to show", section.TextContent, StringComparison.Ordinal);
                continue;
            }

            Assert.Contains("2 Mar 2026 to 15 Mar 2026", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            Assert.All(table.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));
            var canvas = section.QuerySelector("canvas[role=img][aria-label]");
            Assert.NotNull(canvas);
            var island = page.GetElementById(canvas!.GetAttribute("data-chart")!);
            Assert.Equal("application/json", island!.GetAttribute("type"));
        }

        // The charts are drawn by files from this site: no inline script.
        Assert.All(page.QuerySelectorAll("script:not([type='application/json'])"), s => Assert.StartsWith("/", s.GetAttribute("src")));
        Assert.NotNull(page.QuerySelector("script[src^='/lib/chart.js/chart.umd.min.js']"));
        Assert.Equal($"/Reports/{slug}?handler=Csv&from=2026-03-02&to=2026-03-15&by=week", page.QuerySelector("a[download]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_admin_signed_in_without_the_second_factor_reads_no_report()
    {
        var client = app.CreateBrowserlessClient();
        var signIn = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = await app.CreateAdminWithoutTwoFactorAsync(),
            ["Input.Password"] = ClinicAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        foreach (var url in new[] { "/Reports", "/Reports/utilisation", "/Reports/adverse-events", "/Reports/courses?handler=Csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Theory]
    [InlineData("courses")]
    [InlineData("screening")]
    [InlineData("adverse-events")]
    public async Task Front_desk_may_not_read_a_clinical_report_or_download_it(string slug)
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Reports/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Reports/{slug}?handler=Csv&from=2026-03-02&to=2026-03-15&by=week")).StatusCode);
    }

    [Theory]
    [InlineData("/Reports/nothing-like-it")]
    [InlineData("/Reports/Utilisation")]
    [InlineData("/Reports/1")]
    [InlineData("/Reports/%3Cscript%3E")]
    public async Task An_unknown_report_is_not_found(string url)
    {
        var client = await app.LoginAsAsync(Roles.Clinician);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_readers_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/Reports/utilisation?handler=Csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("utilisation")]
    [InlineData("no-shows")]
    public async Task The_csv_download_holds_the_numbers_of_the_tables_on_the_page(string slug)
    {
        await BookedClinicAsync();
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var query = "from=2026-03-02&to=2026-03-29&by=week";

        var page = await PageAsync(await client.GetAsync($"/Reports/{slug}?{query}"));
        var csv = await client.GetAsync($"/Reports/{slug}?handler=Csv&{query}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{slug}_2026-03-02_2026-03-29.csv", csv.Content.Headers.ContentDisposition.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");

        var compared = 0;
        foreach (var table in page.QuerySelectorAll("section.report-table table"))
        {
            var title = table.Closest("section")!.QuerySelector("h2")!.TextContent.Trim();
            var start = Array.IndexOf(lines, title);
            Assert.True(start > 0, $"No section {title} in the CSV");
            var header = string.Join(',', table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
            Assert.Equal(header, lines[start + 1]);
            var rows = table.QuerySelectorAll("tbody tr").ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                // The page shows 42.5% and a dash for none; the CSV 42.5 and nothing.
                var shown = string.Join(',', rows[i].Children.Select(c => c.TextContent.Trim().TrimEnd('%').Replace("–", "", StringComparison.Ordinal)));
                Assert.Equal(shown, lines[start + 2 + i]);
                compared++;
            }
        }

        Assert.True(compared >= 4, $"Only {compared} rows compared.");
    }

    public static TheoryData<string, string, string> HostileQueries => new()
    {
        // query, field, message (part)
        { "from=2026-02-30&to=2026-03-10", "From", "is not valid here" },
        { "from=yesterday&to=2026-03-10", "From", "is not valid here" },
        { "from=2026-03-01&to=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "To", "is not valid here" },
        { "from=2026-03-01&to=2026-03-10&by=year", "By", "Choose week or month." },
        { "from=2026-03-01&to=2026-03-10&by=7", "By", "Choose week or month." },
        { "from=2026-03-01&to=2026-03-10&by=-2147483648", "By", "Choose week or month." },
        { "from=0001-01-01&to=2026-03-10", "From", "Enter a date between" },
        { "from=2026-03-01&to=9999-12-31", "To", "Enter a date between" },
        { "from=2026-03-10&to=2026-03-01", "To", "on or after the first day" },
        { "from=2020-01-01&to=2026-03-01", "To", "at most 731 days" },
        { "to=0001-01-01", "To", "Enter a date between" },
        { "from=9999-12-31", "From", "Enter a date between" },
        { "from=99999999999999999999", "From", "is not valid here" },
        { "from=2026-03-01&to=2026-03-10&by=%3Cb%3Eweek%3C%2Fb%3E", "By", "Choose week or month." },
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task A_bad_period_in_the_query_string_gives_a_message_next_to_its_field_not_an_error(string query, string field, string message)
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        foreach (var url in new[] { $"/Reports/no-shows?{query}", $"/Reports/utilisation?handler=Csv&{query}" })
        {
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PageAsync(response);
            var error = page.GetElementById($"{field}-error");
            Assert.Contains(message, error!.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", page.GetElementById(field)!.GetAttribute("aria-invalid"));
            Assert.Null(page.QuerySelector("section.report-table"));
        }
    }

    [Fact]
    public async Task The_form_shows_back_what_was_typed()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        var page = await PageAsync(await client.GetAsync("/Reports/no-shows?from=2026-02-30&to=2026-03-10&by=Month"));

        Assert.Equal("2026-02-30", page.GetElementById("From")!.GetAttribute("value"));
        Assert.Equal("2026-03-10", page.GetElementById("To")!.GetAttribute("value"));
        Assert.Equal("month", ((IHtmlSelectElement)page.GetElementById("By")!).Value);
    }

    [Fact]
    public async Task Without_dates_the_report_covers_the_last_twelve_weeks()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        var page = await PageAsync(await client.GetAsync("/Reports/no-shows"));

        // The app's clock reads Tuesday 10 March 2026; its week began on Monday 9 March, eleven weeks before is 22 December.
        Assert.Contains("22 Dec 2025 to 10 Mar 2026, by week", page.QuerySelector(".report-period-shown")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.QuerySelectorAll("[data-testid=by-week] tbody tr").Length);
    }

    /// <summary>Some bookings in early March: a clinician and a room of this test's own, with live, no-show and cancelled bookings.</summary>
    private async Task BookedClinicAsync()
    {
        var clinician = await app.CreateClinicianAsync("Report Clinician");
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
        await app.InsertBookingAsync(plan, 2, clinician, room, new DateTime(2026, 3, 4, 11, 0, 0, DateTimeKind.Utc), BookingStatus.NoShow);
        await app.InsertBookingAsync(plan, 3, clinician, room, new DateTime(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
    }
}
