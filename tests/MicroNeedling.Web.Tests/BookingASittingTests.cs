using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The clock stands at Tuesday 10 March 2026, 09:00 in London (GMT). Each test books its own clinician, room and
/// patients, so tests never meet in the shared calendar.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class BookingASittingTests(ClinicAppFactory app)
{
    private static List<KeyValuePair<string, string>> Slot(string clinicianId, int roomId, string date, string time, bool confirm = false) =>
    [
        new("Input.ClinicianId", clinicianId),
        new("Input.RoomId", roomId.ToString()),
        new("Input.Date", date),
        new("Input.Time", time),
        .. confirm ? [new KeyValuePair<string, string>("Input.ConfirmLongInterval", "true")] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, int sittingId, IEnumerable<KeyValuePair<string, string>> slot) =>
        client.PostFormAsync($"/Bookings/Create?sittingId={sittingId}", [new("Input.SittingId", sittingId.ToString()), .. slot]);

    private Task<List<Booking>> BookingsOfAsync(CoursePlan plan) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Include(b => b.History).Include(b => b.Sitting)
            .Where(b => b.Sitting!.CoursePlanId == plan.Id).ToListAsync());

    private static int Sitting(CoursePlan plan, int number) => plan.Sittings.Single(s => s.Number == number).Id;

    [Fact]
    public async Task Front_desk_books_a_sitting_and_sees_it_on_the_calendar()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = Assert.Single(await BookingsOfAsync(plan));
        Assert.Equal(BookingStatus.Booked, booking.Status);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), booking.StartUtc);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 30, 0, DateTimeKind.Utc), booking.NeedlingStartUtc);
        Assert.Equal(new DateTime(2026, 3, 11, 11, 0, 0, DateTimeKind.Utc), booking.EndUtc);
        var booked = Assert.Single(booking.History);
        Assert.Equal(BookingEventKind.Booked, booked.Kind);
        Assert.Equal("frontdesk@tests.clinic", booked.CreatedBy);

        var calendar = await client.GetDocumentAsync("/Calendar?date=2026-03-11");
        var block = calendar.QuerySelector($"[data-testid=booking-{booking.Id}]")!;
        Assert.Contains("sitting 1/6", block.TextContent);
        Assert.Contains("Booked", block.TextContent);
        Assert.Contains("numbing until 10:30", block.TextContent);
    }

    [Fact]
    public async Task An_empty_calendar_slot_starts_a_booking_for_the_patient_found_by_name()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync("Dr Slot");
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var lastName = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId).Select(p => p.LastName).SingleAsync());

        var calendar = await client.GetDocumentAsync("/Calendar?date=2026-03-11");
        var slot = calendar.QuerySelectorAll("a.cal-slot").First(a => a.GetAttribute("href")!.Contains(clinician) && a.TextContent.Contains("at 14:00"));
        var search = await client.GetDocumentAsync(slot.GetAttribute("href") + "&q=" + lastName);
        var choice = search.QuerySelector("ul.choices a")!;
        Assert.Contains("book sitting 1 of 6", choice.TextContent);
        var form = await client.GetDocumentAsync(choice.GetAttribute("href")!);

        Assert.Equal("2026-03-11", form.GetElementById("Input_Date")!.GetAttribute("value"));
        Assert.Equal("14:00", form.GetElementById("Input_Time")!.GetAttribute("value"));
        Assert.True(form.QuerySelector($"#Input_ClinicianId option[value='{clinician}']")!.HasAttribute("selected"));
        var booked = await client.PostFieldsAsync(choice.GetAttribute("href")!, form.PostFields()
            .Select(f => f.Key == "Input.RoomId" ? new KeyValuePair<string, string>(f.Key, room.ToString()) : f));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Single(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task Pressing_book_twice_creates_one_booking()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        var first = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));
        var second = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await BookingsOfAsync(plan));
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        // date, time, field, message
        { "2026-03-11", "08:00", "Input.Time", "must fit within opening hours, 09:00–18:00" },
        { "2026-03-11", "17:30", "Input.Time", "must fit within opening hours, 09:00–18:00" },
        { "2026-03-14", "10:00", "Input.ClinicianId", "does not work on Saturdays" },
        { "2026-03-15", "10:00", "Input.Date", "closed on Sundays" },
        { "2026-03-09", "10:00", "Input.Time", "already passed" },
        { "2026-03-29", "01:30", "Input.Time", "does not exist in Europe/London: the clocks go forward" },
        { "2026-03-11", "18:00", "Input.Time", "must fit within opening hours, 09:00–18:00" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_slot_that_breaks_a_rule_is_refused_with_the_reason_next_to_the_field(string date, string time, string field, string message)
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, date, time));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, field == "" ? page.ErrorSummary() : page.FieldError(field));
        Assert.Equal(date, page.GetElementById("Input_Date")!.GetAttribute("value"));
        Assert.Empty(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task A_sitting_months_after_the_screening_expires_is_booked_and_flagged_for_a_re_screen_at_check_in()
    {
        // Screened today (10 Mar), valid 30 days: 12 May is long after. Booking ahead needs the plan's screening to have
        // allowed treatment, not a screening valid on the day (ADR 0017); the calendar and the course say "re-screen".
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-05-12", "10:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = Assert.Single(await BookingsOfAsync(plan));
        var calendar = await client.GetDocumentAsync("/Calendar?date=2026-05-12");
        Assert.NotNull(calendar.QuerySelector($"[data-testid=rescreen-{booking.Id}]"));
        var course = await client.GetDocumentAsync($"/Plans/Details/{plan.Id}");
        Assert.Contains("Re-screen at check-in", course.QuerySelector("[data-testid=rescreen-sitting-1]")!.TextContent);
    }

    [Fact]
    public async Task A_sitting_the_screening_still_covers_is_not_flagged_for_a_re_screen()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-12", "10:00"));

        var booking = Assert.Single(await BookingsOfAsync(plan));
        var calendar = await client.GetDocumentAsync("/Calendar?date=2026-03-12");
        Assert.NotNull(calendar.QuerySelector($"[data-testid=booking-{booking.Id}]"));
        Assert.Null(calendar.QuerySelector($"[data-testid=rescreen-{booking.Id}]"));
    }

    [Fact]
    public async Task A_not_suitable_screening_since_the_plan_stops_further_bookings_of_that_course()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.ScreenAsync(plan.PatientId, eczema: true);

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-12", "10:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("found the patient not suitable", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task The_booking_form_lists_which_rooms_are_free_at_the_chosen_time()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var taken = await app.CreateRoomAsync();
        var other = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(other, 1, await app.CreateClinicianAsync(), taken, new DateTime(2026, 3, 18, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var plan = await app.CreateBookablePatientAsync();

        var form = await client.GetDocumentAsync($"/Bookings/Create?sittingId={Sitting(plan, 1)}&date=2026-03-18&time=10:30&clinicianId={clinician}");

        var option = form.QuerySelector($"#Input_RoomId option[value='{taken}']")!.TextContent;
        Assert.Contains("taken 10:00–11:00", option);
        Assert.Contains("rooms free at this time", form.QuerySelector("[data-testid=free-rooms]")!.TextContent);
    }

    [Fact]
    public async Task A_clinician_on_time_off_cannot_be_booked()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            db.TimeOff.Add(new TimeOff { ClinicianId = clinician, From = new DateOnly(2026, 3, 16), To = new DateOnly(2026, 3, 20), Reason = "Leave" });
            return await db.SaveChangesAsync();
        });

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-18", "10:00"));

        Assert.Contains("The clinician is off from 16 Mar to 20 Mar 2026.", (await response.ReadDocumentAsync()).FieldError("Input.ClinicianId"));
        Assert.Empty(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task A_closed_day_cannot_be_booked()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var holiday = new DateOnly(2026, 4, 3);
        await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            if (!await db.ClosedDays.AnyAsync(d => d.Date == holiday))
            {
                db.ClosedDays.Add(new ClosedDay { Date = holiday, Reason = "Good Friday" });
            }

            return await db.SaveChangesAsync();
        });

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-04-03", "10:00"));

        Assert.Contains("The clinic is closed on 3 Apr 2026", (await response.ReadDocumentAsync()).FieldError("Input.Date"));
    }

    [Fact]
    public async Task Overlapping_the_same_clinician_or_room_including_buffers_is_refused()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var otherClinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var otherRoom = await app.CreateRoomAsync();
        var first = await app.CreateBookablePatientAsync();
        var second = await app.CreateBookablePatientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(client, Sitting(first, 1), Slot(clinician, room, "2026-03-12", "10:00"))).StatusCode);

        // 10:45 falls in the first booking's turnover buffer (10:00–11:00).
        var sameClinician = await BookAsync(client, Sitting(second, 1), Slot(clinician, otherRoom, "2026-03-12", "10:45"));
        var sameRoom = await BookAsync(client, Sitting(second, 1), Slot(otherClinician, room, "2026-03-12", "09:15"));
        var backToBack = await BookAsync(client, Sitting(second, 1), Slot(clinician, room, "2026-03-12", "11:00"));

        Assert.Contains("already has a booking from 10:00–11:00", (await sameClinician.ReadDocumentAsync()).FieldError("Input.ClinicianId"));
        Assert.Contains("already booked from 10:00–11:00", (await sameRoom.ReadDocumentAsync()).FieldError("Input.RoomId"));
        Assert.Equal(HttpStatusCode.Redirect, backToBack.StatusCode);
    }

    [Fact]
    public async Task The_interval_between_sittings_is_kept_and_beyond_the_maximum_needs_a_confirm()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync(sittings: 6);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-10", "14:00"))).StatusCode);

        var tooSoon = await BookAsync(client, Sitting(plan, 2), Slot(clinician, room, "2026-04-06", "10:00"));
        Assert.Contains("must be on or after Tue 7 Apr 2026", (await tooSoon.ReadDocumentAsync()).FieldError("Input.Date"));

        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(client, Sitting(plan, 2), Slot(clinician, room, "2026-04-07", "10:00"))).StatusCode);

        var plannedBooking = await BookingsOfAsync(plan);
        Assert.Equal(2, plannedBooking.Count);
    }

    [Fact]
    public async Task Beyond_the_recommended_maximum_warns_and_books_only_after_a_confirm()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId);
        var plan = await app.PlanCourseAsync(patientId);

        // Make sitting 1 a completed past sitting 45 days ago, so sitting 2 today+ would be beyond 42 days.
        await app.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 1, 22, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);

        var warned = await BookAsync(client, Sitting(plan, 2), Slot(clinician, room, "2026-03-11", "10:00"));
        var warning = await warned.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("48 days after sitting 1, more than the recommended 42", warning.QuerySelector(".warning")!.TextContent);
        Assert.Single(await BookingsOfAsync(plan));

        var confirmed = await BookAsync(client, Sitting(plan, 2), Slot(clinician, room, "2026-03-11", "10:00", confirm: true));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, (await BookingsOfAsync(plan)).Count);
    }

    [Fact]
    public async Task Cancelling_the_course_cancels_its_booked_sittings_and_frees_their_slots()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var other = await app.CreateBookablePatientAsync();
        await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Moved abroad." }));

        var booking = (await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Include(b => b.History)
            .Where(b => b.Sitting!.CoursePlanId == plan.Id).ToListAsync())).Single();
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        // Front desk reads the booking: it learns that a clinician ended the course, not why (the course keeps that).
        Assert.Equal(PlanService.EndedByAClinician, booking.CancellationReason);
        Assert.Equal((BookingEventKind.Cancelled, PlanService.EndedByAClinician), (booking.History.OrderBy(e => e.Id).Last().Kind, booking.History.OrderBy(e => e.Id).Last().Reason));
        Assert.Equal("Moved abroad.", (await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().CoursePlans.SingleAsync(p => p.Id == plan.Id))).CancellationReason);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(client, Sitting(other, 1), Slot(clinician, room, "2026-03-11", "10:00"))).StatusCode);
    }

    [Fact]
    public async Task A_patient_cannot_be_in_two_bookings_at_once()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var otherClinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var otherRoom = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();

        // A booking of the same patient that the interval rule alone would not catch: written straight to the database,
        // as an imported or legacy appointment would be.
        await app.InsertBookingAsync(plan, 6, otherClinician, otherRoom, new DateTime(2026, 3, 11, 10, 30, 0, DateTimeKind.Utc), BookingStatus.Booked);

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        Assert.Contains("The patient already has a booking from 10:30–11:30", (await response.ReadDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task A_cancelled_course_cannot_be_booked()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Patient withdrew." }));

        var response = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        Assert.Contains("The course is cancelled", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await BookingsOfAsync(plan));
    }

    [Fact]
    public async Task Moving_and_cancelling_keep_their_history_and_a_cancelled_sitting_can_be_booked_again()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync("Dr Moves");
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));
        var bookingId = (await BookingsOfAsync(plan)).Single().Id;

        var moved = await client.PostFormAsync($"/Bookings/Move/{bookingId}", [.. Slot(clinician, room, "2026-03-12", "14:00"), new("Input.Reason", "Patient asked for the afternoon.")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var noReason = await client.PostFormAsync($"/Bookings/Cancel/{bookingId}", [new("Input.Reason", "")]);
        Assert.Equal("Give a reason for cancelling.", (await noReason.ReadDocumentAsync()).FieldError("Input.Reason"));
        var cancelled = await client.PostFormAsync($"/Bookings/Cancel/{bookingId}", [new("Input.Reason", "Unwell.")]);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var booking = (await BookingsOfAsync(plan)).Single();
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal([BookingEventKind.Booked, BookingEventKind.Moved, BookingEventKind.Cancelled], booking.History.OrderBy(e => e.Id).Select(e => e.Kind));
        var move = booking.History.Single(e => e.Kind == BookingEventKind.Moved);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), move.FromStartUtc);
        Assert.Equal(new DateTime(2026, 3, 12, 14, 0, 0, DateTimeKind.Utc), move.ToStartUtc);
        Assert.Equal("Patient asked for the afternoon.", move.Reason);

        var page = await client.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("Unwell.", page.QuerySelector("[data-testid=booking-status]")!.TextContent);
        Assert.Contains("Patient asked for the afternoon.", page.QuerySelector("table")!.TextContent);

        var again = await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, (await BookingsOfAsync(plan)).Count);
    }

    [Fact]
    public async Task A_no_show_of_today_is_undone_when_the_patient_arrives_late_and_can_then_be_checked_in()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var bookingId = await app.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 3, 10, 8, 15, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await client.PostFormAsync($"/Bookings/Details/{bookingId}", [new("confirm", "true")], $"/Bookings/Details/{bookingId}?handler=NoShow");
        Assert.Equal(BookingStatus.NoShow, (await BookingsOfAsync(plan)).Single().Status);

        var undone = await client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=UndoNoShow");
        var checkedIn = await client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=CheckIn");

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        var booking = (await BookingsOfAsync(plan)).Single();
        Assert.Equal(BookingStatus.CheckedIn, booking.Status);
        Assert.Contains(booking.History, e => e.Kind == BookingEventKind.NoShowUndone);
    }

    [Fact]
    public async Task A_no_show_of_a_course_cancelled_since_is_not_undone()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var plan = await app.CreateBookablePatientAsync();
        var bookingId = await app.InsertBookingAsync(plan, 1, await app.CreateClinicianAsync(), await app.CreateRoomAsync(), new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.NoShow);
        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Patient moved away." }));

        var refused = await client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=UndoNoShow");

        Assert.Contains("The course is cancelled.", (await refused.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(BookingStatus.NoShow, (await BookingsOfAsync(plan)).Single().Status);
    }

    [Fact]
    public async Task A_no_show_cannot_be_undone_once_its_slot_is_taken()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var bookingId = await app.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await client.PostFormAsync($"/Bookings/Details/{bookingId}", [new("confirm", "true")], $"/Bookings/Details/{bookingId}?handler=NoShow");
        var other = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(other, 1, clinician, await app.CreateRoomAsync(), new DateTime(2026, 3, 10, 8, 30, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);

        var refused = await client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=UndoNoShow");

        Assert.Contains("taken since", (await refused.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(BookingStatus.NoShow, (await BookingsOfAsync(plan)).Single().Status);
    }

    [Fact]
    public async Task A_no_show_needs_a_confirm_and_the_grace_period_after_the_start_and_frees_the_sitting()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var later = await app.CreateBookablePatientAsync();
        await BookAsync(client, Sitting(later, 1), Slot(clinician, room, "2026-03-10", "15:00"));
        var laterId = (await BookingsOfAsync(later)).Single().Id;

        // The first press only asks; nothing changes until the confirm.
        var asked = await client.PostFormAsync($"/Bookings/Details/{laterId}", [], $"/Bookings/Details/{laterId}?handler=NoShow");
        Assert.NotNull((await asked.ReadDocumentAsync()).QuerySelector("[data-testid=confirm-no-show]"));
        Assert.Equal(BookingStatus.Booked, (await BookingsOfAsync(later)).Single().Status);

        var early = await client.PostFormAsync($"/Bookings/Details/{laterId}", [new("confirm", "true")], $"/Bookings/Details/{laterId}?handler=NoShow");
        Assert.Contains("can be marked as a no-show from 15:15", (await early.ReadDocumentAsync()).ErrorSummary());

        // Ten minutes late (08:50, the clock reads 09:00) is still within the 15-minute grace period.
        var late10 = await app.CreateBookablePatientAsync();
        var late10Id = await app.InsertBookingAsync(late10, 1, await app.CreateClinicianAsync(), await app.CreateRoomAsync(), new DateTime(2026, 3, 10, 8, 50, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var tooSoon = await client.PostFormAsync($"/Bookings/Details/{late10Id}", [new("confirm", "true")], $"/Bookings/Details/{late10Id}?handler=NoShow");
        Assert.Contains("the patient may still come", (await tooSoon.ReadDocumentAsync()).ErrorSummary());

        // The shared clock cannot run backwards, so the missed sitting is one that started at 08:00 this morning.
        var missed = await app.CreateBookablePatientAsync();
        var missedId = await app.InsertBookingAsync(missed, 1, clinician, await app.CreateRoomAsync(), new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);

        var late = await client.PostFormAsync($"/Bookings/Details/{missedId}", [new("confirm", "true")], $"/Bookings/Details/{missedId}?handler=NoShow");

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal(BookingStatus.NoShow, (await BookingsOfAsync(missed)).Single().Status);
        Assert.Equal(BookingStatus.Booked, (await BookingsOfAsync(later)).Single().Status);
        var details = await client.GetDocumentAsync($"/Patients/Details/{missed.PatientId}");
        Assert.Contains("Not yet booked", details.QuerySelector("[data-testid=sitting-1]")!.TextContent);
    }

    [Fact]
    public async Task Front_desk_checks_in_a_patient_on_the_day()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-10", "15:00"));
        var bookingId = (await BookingsOfAsync(plan)).Single().Id;

        var response = await client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=CheckIn");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(BookingStatus.CheckedIn, (await BookingsOfAsync(plan)).Single().Status);
    }

    [Fact]
    public async Task The_patient_page_shows_the_course_timeline_and_the_next_recommended_window()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync("Dr Timeline");
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await BookAsync(client, Sitting(plan, 1), Slot(clinician, room, "2026-03-11", "10:00"));

        var page = await client.GetDocumentAsync($"/Patients/Details/{plan.PatientId}");

        var first = page.QuerySelector("[data-testid=sitting-1]")!.TextContent;
        Assert.Contains("Wed 11 Mar 2026, 10:00", first);
        Assert.Contains("Dr Timeline", first);
        Assert.Contains("Booked", first);
        Assert.Contains("sitting 2, earliest Wed 8 Apr 2026, recommended by Wed 22 Apr 2026", page.QuerySelector("[data-testid=next-window]")!.TextContent);
    }
}
