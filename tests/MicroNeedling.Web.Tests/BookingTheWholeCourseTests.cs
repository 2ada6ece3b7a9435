using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class BookingTheWholeCourseTests(ClinicAppFactory app)
{
    private Task<List<Booking>> BookingsOfAsync(CoursePlan plan) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Include(b => b.Sitting)
            .Where(b => b.Sitting!.CoursePlanId == plan.Id && b.Status == BookingStatus.Booked).OrderBy(b => b.Sitting!.Number).ToListAsync());

    /// <summary>A course whose screening stays valid for a year, so that all six sittings can be proposed.</summary>
    private async Task<CoursePlan> LongValidCourseAsync()
    {
        var plan = await app.CreateBookablePatientAsync();
        await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings
            .Where(s => s.PatientId == plan.PatientId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ValidityDays, 365)));
        return plan;
    }

    [Fact]
    public async Task The_proposal_places_every_sitting_as_early_as_the_interval_allows_with_the_chosen_clinician()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync("Dr Proposal");
        await app.CreateRoomAsync();
        var plan = await LongValidCourseAsync();

        var page = await client.GetDocumentAsync($"/Plans/BookCourse/{plan.Id}?propose=1&TimeOfDay=Afternoon&ClinicianId={clinician}");

        string Value(int number, string field) =>
            page.QuerySelector($"[data-testid=proposal-{number}] [name$='.{field}']") switch
            {
                AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value!,
                var input => input!.GetAttribute("value")!,
            };
        Assert.Equal("2026-03-10", Value(1, "Date"));
        Assert.Equal("12:00", Value(1, "Time"));
        Assert.Equal("2026-04-07", Value(2, "Date"));
        Assert.Equal("2026-05-05", Value(3, "Date"));
        Assert.Equal("2026-07-28", Value(6, "Date"));
        Assert.All(Enumerable.Range(1, 6), n => Assert.Equal(clinician, Value(n, "ClinicianId")));
        Assert.All(Enumerable.Range(1, 6), n => Assert.True(string.Compare(Value(n, "Time"), "12:00", StringComparison.Ordinal) >= 0));

        var confirmed = await client.PostFormAsync($"/Plans/BookCourse/{plan.Id}", page.PostFields().Where(f => f.Key != "__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var booked = await BookingsOfAsync(plan);
        Assert.Equal([1, 2, 3, 4, 5, 6], booked.Select(b => b.Sitting!.Number));
        Assert.All(booked, b => Assert.Equal(clinician, b.ClinicianId));
    }

    [Fact]
    public async Task The_front_desk_may_change_a_line_before_confirming()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        await app.CreateRoomAsync();
        var plan = await LongValidCourseAsync();
        var page = await client.GetDocumentAsync($"/Plans/BookCourse/{plan.Id}?propose=1&ClinicianId={clinician}");
        var fields = page.PostFields().Where(f => f.Key != "__RequestVerificationToken")
            .Select(f => f.Key == "Input.Lines[5].Date" ? new KeyValuePair<string, string>(f.Key, "2026-07-30") : f).ToList();

        var confirmed = await client.PostFormAsync($"/Plans/BookCourse/{plan.Id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(new DateOnly(2026, 7, 30), DateOnly.FromDateTime((await BookingsOfAsync(plan))[5].StartUtc));
    }

    [Fact]
    public async Task When_the_calendar_changed_nothing_is_booked_and_the_page_says_what_changed()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var plan = await LongValidCourseAsync();
        var page = await client.GetDocumentAsync($"/Plans/BookCourse/{plan.Id}?propose=1&ClinicianId={clinician}");
        var fields = page.PostFields().Where(f => f.Key != "__RequestVerificationToken").ToList();
        string Field(string name) => fields.Single(f => f.Key == name).Value;

        // Meanwhile a colleague books another patient into the slot proposed for sitting 3.
        var rival = await app.CreateBookablePatientAsync();
        await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings
            .Where(s => s.PatientId == rival.PatientId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ValidityDays, 365)));
        var taken = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = rival.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = Field("Input.Lines[2].ClinicianId"),
            RoomId = int.Parse(Field("Input.Lines[2].RoomId")),
            Date = DateOnly.Parse(Field("Input.Lines[2].Date")),
            Time = TimeOnly.Parse(Field("Input.Lines[2].Time")),
        }));
        Assert.True(taken.Succeeded);

        var response = await client.PostFormAsync($"/Plans/BookCourse/{plan.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadDocumentAsync();
        Assert.Contains("Nothing was booked", result.ErrorSummary());
        Assert.Contains("Sitting 3: The clinician already has a booking", result.ErrorSummary());
        Assert.Empty(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task A_line_for_a_sitting_of_another_course_is_refused_and_nothing_is_booked()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var plan = await LongValidCourseAsync();
        var other = await LongValidCourseAsync();
        var page = await client.GetDocumentAsync($"/Plans/BookCourse/{plan.Id}?propose=1&ClinicianId={clinician}");
        var fields = page.PostFields().Where(f => f.Key != "__RequestVerificationToken")
            .Select(f => f.Key == "Input.Lines[0].SittingId" ? new KeyValuePair<string, string>(f.Key, other.Sittings.Single(s => s.Number == 1).Id.ToString()) : f);

        var response = await client.PostFormAsync($"/Plans/BookCourse/{plan.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("does not match this course", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await BookingsOfAsync(plan));
        Assert.Empty(await BookingsOfAsync(other));
    }

    [Fact]
    public async Task With_default_settings_a_patient_screened_today_has_all_six_sittings_proposed_and_booked_in_one_step()
    {
        // Before ADR 0017 sitting 2 fell after the 30-day screening and sittings 3-6 were refused; "Confirm and book all"
        // was offered anyway and failed. Booking now needs the plan's screening, not one valid on each sitting's date.
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var plan = await app.CreateBookablePatientAsync();

        var page = await client.GetDocumentAsync($"/Plans/BookCourse/{plan.Id}?propose=1&ClinicianId={clinician}");

        for (var number = 1; number <= 6; number++)
        {
            Assert.NotNull(page.QuerySelector($"[data-testid=proposal-{number}] [name$='.Date']"));
            Assert.Null(page.QuerySelector($"[data-testid=proposal-{number}] .problem"));
        }

        var response = await client.PostFormAsync($"/Plans/BookCourse/{plan.Id}", page.PostFields().Where(f => f.Key != "__RequestVerificationToken"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booked = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings
            .Where(b => b.Sitting!.CoursePlanId == plan.Id && b.Status == BookingStatus.Booked).CountAsync());
        Assert.Equal(6, booked);
    }
}
