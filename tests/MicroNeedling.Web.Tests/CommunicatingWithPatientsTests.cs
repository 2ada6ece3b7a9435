using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Recalls;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Waitlist;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Issue 17 over HTTP on the shared host (which sends no mail: its outbox only fills): the e-mail opt-ins, the mails a
/// booking queues, the admin outbox, the unsubscribe link, the clinic's contact settings, the waitlist and the recalls.
/// The clock stands at Tuesday 10 March 2026, 09:00 in London.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CommunicatingWithPatientsTests(ClinicAppFactory app)
{
    private Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> work) => app.GetAsync(sp => work(sp.GetRequiredService<ClinicDbContext>()));

    private Task<List<OutboxMessage>> OutboxOfAsync(int patientId) =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.PatientId == patientId).OrderBy(m => m.Id).ToListAsync());

    private async Task<CoursePlan> MailablePatientAsync(bool appointmentEmails = true)
    {
        var plan = await app.CreateBookablePatientAsync();
        await WithDbAsync(db => db.Patients.Where(p => p.Id == plan.PatientId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.Email, "patient@example.com").SetProperty(x => x.AppointmentEmails, appointmentEmails).SetProperty(x => x.RecallEmails, true)));
        return plan;
    }

    private static List<KeyValuePair<string, string>> PatientForm(string lastName, string email, bool appointmentEmails) =>
    [
        new("Input.FirstName", "Amira"),
        new("Input.LastName", lastName),
        new("Input.DateOfBirth", "1988-04-02"),
        new("Input.Phone", "+44 20 7946 0958"),
        new("Input.Email", email),
        new("Input.Concerns", "Scars"),
        new("Input.TreatmentAreas", "Face"),
        .. appointmentEmails ? [new KeyValuePair<string, string>("Input.AppointmentEmails", "true")] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    [Fact]
    public async Task Front_desk_records_the_patients_email_consent_and_a_booking_then_queues_the_confirmation_and_reminder()
    {
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var lastName = ClinicAppFactory.UniqueName();

        var noAddress = await frontDesk.PostFormAsync("/Patients/Create", PatientForm(lastName, "", appointmentEmails: true));
        Assert.Equal(HttpStatusCode.OK, noAddress.StatusCode);
        var page = await noAddress.ReadDocumentAsync();
        Assert.Contains("e-mail address", page.FieldError("Input.Email"));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name='Input.AppointmentEmails'][type=checkbox]")!).IsChecked); // kept as typed

        var created = await frontDesk.PostFormAsync("/Patients/Create", PatientForm(lastName, "amira@example.com", appointmentEmails: true));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var patient = await WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.LastName == lastName));
        Assert.True(patient.AppointmentEmails);
        Assert.False(patient.RecallEmails);

        await app.ScreenAsync(patient.Id);
        var plan = await app.PlanCourseAsync(patient.Id);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var sittingId = plan.Sittings.Single(s => s.Number == 1).Id;
        var booked = await frontDesk.PostFormAsync($"/Bookings/Create?sittingId={sittingId}",
        [
            new("Input.SittingId", sittingId.ToString()), new("Input.ClinicianId", clinician), new("Input.RoomId", room.ToString()),
            new("Input.Date", "2026-03-13"), new("Input.Time", "10:00"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);

        var outbox = await OutboxOfAsync(patient.Id);
        Assert.Equal([MessageKind.Confirmation, MessageKind.Reminder], outbox.Select(m => m.Kind));
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.Contains("Dear Amira,", outbox[0].TextBody);
        Assert.DoesNotContain(lastName, outbox[0].TextBody);

        // Front desk can tell the patient what was sent and when, without seeing the mail itself.
        var details = await frontDesk.GetDocumentAsync($"/Bookings/Details/{outbox[0].BookingId}");
        var mails = details.QuerySelector("[data-testid=booking-mails]")!.TextContent;
        Assert.Contains("Booking confirmation: goes out", mails);
        Assert.Contains("Reminder: goes out 11 Mar 2026 10:00", mails);
    }

    [Fact]
    public async Task The_admin_sees_why_a_message_failed_and_sends_it_again_and_front_desk_may_not_open_the_outbox()
    {
        var plan = await MailablePatientAsync();
        var messageId = await app.InsertOutboxMessageAsync(plan.PatientId, OutboxStatus.Failed, "patient@example.com", "The mail server refused the message: 550 Mailbox unavailable");
        var admin = await app.LoginAsAsync(Roles.Admin);

        var failed = await admin.GetDocumentAsync("/Admin/Outbox?status=Failed");
        Assert.NotNull(failed.QuerySelector("[data-testid=no-transport]"));
        var row = failed.QuerySelectorAll("[data-testid=outbox] tbody tr").Single(r => r.QuerySelector($"input[name=messageId][value='{messageId}']") is not null);
        Assert.Contains("550 Mailbox unavailable", row.TextContent);

        var resend = await admin.PostFormAsync("/Admin/Outbox?status=Failed", [new("messageId", messageId.ToString())], "/Admin/Outbox?handler=Resend");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var message = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId));
        Assert.Equal((OutboxStatus.Pending, 0), (message.Status, message.Attempts));
        Assert.StartsWith("admin", message.ResentBy);

        var again = await admin.PostFormAsync("/Admin/Outbox", [new("messageId", messageId.ToString())], "/Admin/Outbox?handler=Resend");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("only a failed or unconfirmed message", (await again.ReadDocumentAsync()).ErrorSummary());

        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync("/Admin/Outbox")).StatusCode);
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_a_login_shows_only_the_first_name_and_opening_it_changes_nothing()
    {
        var plan = await MailablePatientAsync();
        var token = PatientMessages.NewToken();
        await WithDbAsync(db => db.Patients.Where(p => p.Id == plan.PatientId).ExecuteUpdateAsync(p => p.SetProperty(x => x.ContactToken, token)));
        var patient = await WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == plan.PatientId));
        var anonymous = app.CreateBrowserlessClient();

        var page = await anonymous.GetDocumentAsync($"/Unsubscribe/{token}");
        Assert.Contains("Test, you get appointment e-mails and maintenance reminders", page.Body!.TextContent);
        Assert.DoesNotContain(patient.LastName, page.Body.TextContent);
        Assert.DoesNotContain("patient@example.com", page.Body.TextContent);
        Assert.True((await WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == plan.PatientId))).AppointmentEmails);

        var response = await anonymous.PostFormAsync($"/Unsubscribe/{token}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = await anonymous.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(done.QuerySelector("[data-testid=unsubscribed]"));
        var after = await WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == plan.PatientId));
        Assert.False(after.AppointmentEmails || after.RecallEmails);

        foreach (var wrong in new[] { token[..^2], token + "x", "%2e%2e%2fetc", new string('A', 43) })
        {
            var notValid = await anonymous.GetAsync($"/Unsubscribe/{wrong}");
            Assert.Equal(HttpStatusCode.NotFound, notValid.StatusCode);
            Assert.Contains("not valid", await notValid.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_clinics_phone_and_address_are_settings_shown_on_the_aftercare_sheet_and_bad_values_are_refused_next_to_the_field()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var form = await admin.GetDocumentAsync("/Admin/Settings");
        var fields = form.PostFields().Where(f => f.Key is not ("Input.ClinicPhone" or "Input.ReminderHoursBefore")).ToList();

        var refused = await admin.PostFieldsAsync("/Admin/Settings", [.. fields, new("Input.ClinicPhone", "call us"), new("Input.ReminderHoursBefore", "500")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("7 to 15 digits", page.FieldError("Input.ClinicPhone"));
        Assert.Contains("168", page.FieldError("Input.ReminderHoursBefore"));
        Assert.Equal("call us", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name='Input.ClinicPhone']")!).Value);

        var saved = await admin.PostFieldsAsync("/Admin/Settings", [.. fields, new("Input.ClinicPhone", "+44 20 7946 0000"), new("Input.ReminderHoursBefore", "48")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var clinician = await app.CreateClinicianAsync();
        var plan = await app.CreateBookablePatientAsync();
        var completed = await app.InsertBookingAsync(plan, 1, clinician, await app.CreateRoomAsync(), new DateTime(2026, 3, 9, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
        var sheet = await (await app.LoginAsAsync(Roles.FrontDesk)).GetDocumentAsync($"/Aftercare/Sheet/{completed}");
        Assert.Contains("Call the clinic at once on +44 20 7946 0000", sheet.Body!.TextContent);
        Assert.Contains("+44 20 7946 0000", sheet.QuerySelector("[data-testid=clinic-contact]")!.TextContent);
    }

    [Fact]
    public async Task Front_desk_puts_a_patient_on_the_waitlist_and_fills_a_cancelled_slot_from_it_in_one_click()
    {
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync("Dr Waitlist");
        var room = await app.CreateRoomAsync();
        var leaving = await app.CreateBookablePatientAsync();
        var freed = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = leaving.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 12),
            Time = new TimeOnly(11, 0),
        }));
        var freedId = freed.Value!.BookingId!.Value;
        var waiting = await MailablePatientAsync();

        var course = await frontDesk.GetDocumentAsync($"/Plans/Details/{waiting.Id}");
        Assert.NotNull(course.QuerySelector($"a[href='/Waitlist/Add/{waiting.Id}']"));
        var added = await frontDesk.PostFormAsync($"/Waitlist/Add/{waiting.Id}", [new("Input.PreferredDays", "Thursday"), new("Input.PreferredTimeOfDay", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.NotNull((await frontDesk.GetDocumentAsync($"/Plans/Details/{waiting.Id}")).QuerySelector("[data-testid=waitlist-state]"));

        var cancelled = await frontDesk.PostFormAsync($"/Bookings/Cancel/{freedId}", [new("Input.Reason", "Patient is unwell")]);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var details = await frontDesk.GetDocumentAsync($"/Bookings/Details/{freedId}");
        Assert.Contains("Thu 12 Mar at 11:00", details.QuerySelector("[data-testid=freed-slot-prompt]")!.TextContent);

        var slot = await frontDesk.GetDocumentAsync($"/Waitlist/Slot/{freedId}");
        Assert.Contains("Thursday 12 March 2026 at 11:00 with Dr Waitlist", slot.QuerySelector("[data-testid=freed-slot]")!.TextContent);
        var entryId = await WithDbAsync(db => db.WaitlistEntries.Where(w => w.CoursePlanId == waiting.Id).Select(w => w.Id).SingleAsync());
        var row = slot.QuerySelectorAll("[data-testid=candidates] tbody tr").Single(r => r.QuerySelector($"input[name=entryId][value='{entryId}']") is not null);
        Assert.Contains("Matches day and time", row.TextContent);

        var book = await frontDesk.PostFormAsync($"/Waitlist/Slot/{freedId}", [new("entryId", entryId.ToString())], $"/Waitlist/Slot/{freedId}?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, book.StatusCode);
        var booking = await WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.PatientId == waiting.PatientId));
        Assert.Equal((new DateTime(2026, 3, 12, 11, 0, 0, DateTimeKind.Utc), clinician, room), (booking.StartUtc, booking.ClinicianId, booking.RoomId));
        Assert.Equal(WaitlistStatus.Booked, await WithDbAsync(db => db.WaitlistEntries.Where(w => w.Id == entryId).Select(w => w.Status).SingleAsync()));
        Assert.Contains(await OutboxOfAsync(waiting.PatientId), m => m.Kind == MessageKind.Confirmation);
        var taken = await frontDesk.GetDocumentAsync($"/Waitlist/Slot/{freedId}");
        Assert.DoesNotContain(taken.QuerySelectorAll("input[name=entryId]"), i => i.GetAttribute("value") == entryId.ToString());
    }

    [Fact]
    public async Task Front_desk_sees_who_is_due_a_maintenance_sitting_and_records_the_answer()
    {
        var plan = await MailablePatientAsync();
        // A course completed before recalls existed: on the list from its maintenance date, with no mail queued.
        await WithDbAsync(db => db.CoursePlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, PlanStatus.Completed).SetProperty(p => p.MaintenanceDueOn, new DateOnly(2026, 3, 20))));
        var recallId = plan.Id;
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var due = await frontDesk.GetDocumentAsync("/Recalls");
        var row = due.QuerySelectorAll("[data-testid=recalls] tbody tr").Single(r => r.QuerySelector($"input[name=planId][value='{recallId}']") is not null);
        Assert.Contains("20 Mar 2026", row.TextContent);
        Assert.Contains("No e-mail queued: call", row.TextContent);

        var tampered = await frontDesk.PostFormAsync("/Recalls", [new("planId", recallId.ToString()), new("answer", "42")], "/Recalls?handler=Answer");
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("Choose what the patient answered", (await tampered.ReadDocumentAsync()).ErrorSummary());

        var answered = await frontDesk.PostFormAsync("/Recalls", [new("planId", recallId.ToString()), new("answer", "NotNow"), new("note", "Try again in spring")], "/Recalls?handler=Answer");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var list = await frontDesk.GetDocumentAsync("/Recalls?show=Answered");
        var answeredRow = list.QuerySelectorAll("[data-testid=recalls] tbody tr").Single(r => r.TextContent.Contains("Try again in spring"));
        Assert.Contains("Not now", answeredRow.TextContent);
        Assert.Contains("frontdesk@tests.clinic", answeredRow.TextContent);
    }
}
