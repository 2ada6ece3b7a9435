using System.Globalization;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Recalls;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Waitlist;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>The forms of patient communication (waitlist, recalls, outbox, unsubscribe) and the data each needs.</summary>
public sealed partial class HostileInputTests
{
    private async Task<List<FormTarget>> MessagingTargetsAsync()
    {
        var toWaitlist = await app.CreateBookablePatientAsync();
        var waiting = await WaitlistedAsync();
        var (freedBooking, _) = await FreedSlotWithCandidateAsync();
        var (offerBooking, _) = await FreedSlotWithCandidateAsync();
        var recall = await DueRecallAsync();
        var failed = await FailedMessageAsync();
        var token = await SubscribedPatientTokenAsync();

        return
        [
            new(Roles.FrontDesk, $"/Waitlist/Add/{toWaitlist.Id}")
            {
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.WaitlistEntries.Where(w => w.CoursePlanId == toWaitlist.Id).ExecuteDeleteAsync());
                    return null;
                },
            },
            new(Roles.FrontDesk, "/Waitlist")
            {
                Handler = "Remove",
                RowValue = waiting.ToString(CultureInfo.InvariantCulture),
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.WaitlistEntries.Where(w => w.Id == waiting).ExecuteUpdateAsync(w => w.SetProperty(x => x.Status, WaitlistStatus.Waiting)));
                    return "/Waitlist";
                },
            },
            // Booking the freed slot uses it up: the next post gets a slot of its own.
            new(Roles.FrontDesk, $"/Waitlist/Slot/{freedBooking}")
            {
                Handler = "Book",
                AfterAccepted = async _ => $"/Waitlist/Slot/{(await FreedSlotWithCandidateAsync()).BookingId}",
            },
            new(Roles.FrontDesk, $"/Waitlist/Slot/{offerBooking}") { Handler = "Offer" },
            new(Roles.FrontDesk, "/Recalls")
            {
                Handler = "Answer",
                RowValue = recall.ToString(CultureInfo.InvariantCulture),
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.MaintenanceRecalls.Where(r => r.CoursePlanId == recall).ExecuteDeleteAsync());
                    return "/Recalls";
                },
            },
            new(Roles.Admin, "/Admin/Outbox?status=Failed")
            {
                Handler = "Resend",
                RowValue = failed.ToString(CultureInfo.InvariantCulture),
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == failed).ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Failed)));
                    return "/Admin/Outbox?status=Failed";
                },
            },
            new("", $"/Unsubscribe/{token}")
            {
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.Patients.Where(p => p.ContactToken == token).ExecuteUpdateAsync(p => p.SetProperty(x => x.AppointmentEmails, true)));
                    return null;
                },
            },
        ];
    }

    private async Task<int> WaitlistedAsync()
    {
        var plan = await app.CreateBookablePatientAsync();
        var added = await app.GetAsync(sp => sp.GetRequiredService<WaitlistService>().AddAsync(new AddToWaitlistCommand { PlanId = plan.Id }));
        return added.Value;
    }

    /// <summary>A cancelled sitting tomorrow at 10:00 (its own clinician and room) and a waitlisted patient, with e-mail consent, who can take it.</summary>
    private async Task<(int BookingId, int EntryId)> FreedSlotWithCandidateAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var leaving = await BookAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, Today.AddDays(1), new TimeOnly(10, 0));
        var cancelled = await app.GetAsync(sp => sp.GetRequiredService<Clinic.Bookings.BookingService>().CancelAsync(new() { BookingId = leaving, Reason = "Patient is unwell" }));
        Assert.True(cancelled.Succeeded);
        var waiting = await app.CreateBookablePatientAsync();
        await WithDbAsync(db => db.Patients.Where(p => p.Id == waiting.PatientId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.Email, "waiting@example.com").SetProperty(x => x.AppointmentEmails, true)));
        var added = await app.GetAsync(sp => sp.GetRequiredService<WaitlistService>().AddAsync(new AddToWaitlistCommand { PlanId = waiting.Id }));
        return (leaving, added.Value);
    }

    /// <summary>A course completed with its maintenance sitting due today; its id keys the recall list's answer form.</summary>
    private async Task<int> DueRecallAsync()
    {
        var plan = await app.CreateBookablePatientAsync();
        await WithDbAsync(db => db.CoursePlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, Clinic.Plans.PlanStatus.Completed).SetProperty(p => p.MaintenanceDueOn, Today)));
        return plan.Id;
    }

    private async Task<int> FailedMessageAsync() =>
        await app.InsertOutboxMessageAsync(await app.CreatePatientAsync(), OutboxStatus.Failed, "failed@example.com", "The mail server refused the message: 550 Mailbox unavailable");

    private async Task<string> SubscribedPatientTokenAsync()
    {
        var patientId = await app.CreatePatientAsync();
        var token = PatientMessages.NewToken();
        await WithDbAsync(db => db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.Email, "subscribed@example.com").SetProperty(x => x.AppointmentEmails, true).SetProperty(x => x.ContactToken, token)));
        return token;
    }
}
