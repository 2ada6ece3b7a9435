using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Messaging;

/// <summary>The waitlist: a freed slot lists who can take it under the slot policy and the interval rule, best first.</summary>
public sealed class WaitlistTests : IAsyncLifetime
{
    private MailingClinic clinic = default!;

    public async Task InitializeAsync() => clinic = await MailingClinic.OpenAsync();

    public Task DisposeAsync()
    {
        clinic.Dispose();
        return Task.CompletedTask;
    }

    private Task<ServiceResult<int>> AddAsync(CoursePlan plan, TimeOfDayPreference time, params Weekdays[] days) =>
        clinic.Host.RunAsync<WaitlistService, ServiceResult<int>>(w => w.AddAsync(new AddToWaitlistCommand { PlanId = plan.Id, PreferredDays = [.. days], PreferredTimeOfDay = time }));

    private async Task<int> AddedAsync(CoursePlan plan, TimeOfDayPreference time, params Weekdays[] days)
    {
        var result = await AddAsync(plan, time, days);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private Task<FreedSlot?> FreedAsync(int bookingId) => clinic.Host.RunAsync<WaitlistService, FreedSlot?>(w => w.FreedSlotAsync(bookingId));

    private Task<IReadOnlyList<WaitlistCandidate>> CandidatesAsync(FreedSlot slot) =>
        clinic.Host.RunAsync<WaitlistService, IReadOnlyList<WaitlistCandidate>>(w => w.CandidatesAsync(slot));

    [Fact]
    public async Task A_cancelled_slot_lists_the_waitlisted_patients_who_can_take_it_best_match_first_and_leaves_out_those_the_interval_rules_out()
    {
        var leaving = await clinic.PatientWithCourseAsync("Lena");
        var freedBooking = await clinic.BookedAsync(leaving, 1, "2026-03-13", "10:00"); // a Friday morning
        var anyDay = await clinic.PatientWithCourseAsync("Cleo");
        var fridayMornings = await clinic.PatientWithCourseAsync("Bea");
        var tooSoon = await clinic.PatientWithCourseAsync("Dana");
        await clinic.BookedAsync(tooSoon, 1, "2026-03-12", "15:00"); // her sitting 2 cannot be the next day
        await AddedAsync(anyDay, TimeOfDayPreference.Afternoon);
        await AddedAsync(fridayMornings, TimeOfDayPreference.Morning, Weekdays.Friday, Weekdays.Saturday);
        await AddedAsync(tooSoon, TimeOfDayPreference.Any);

        Assert.Null(await FreedAsync(freedBooking)); // still booked: nothing freed
        Assert.True((await clinic.CancelAsync(freedBooking)).Succeeded);
        var slot = (await FreedAsync(freedBooking))!;
        Assert.Equal((new DateOnly(2026, 3, 13), new TimeOnly(10, 0), "Dr Post", "Room 1"), (slot.Date, slot.Time, slot.ClinicianName, slot.RoomName));

        var candidates = await CandidatesAsync(slot);
        Assert.Equal(["Bea Smith", "Cleo Smith"], candidates.Select(c => c.Entry.PatientName));
        Assert.True(candidates[0].MatchesDay && candidates[0].MatchesTime);
        Assert.False(candidates[1].MatchesTime);
        Assert.All(candidates, c => Assert.Equal(1, c.SittingNumber));
    }

    [Fact]
    public async Task Booking_from_the_waitlist_books_the_freed_slot_sends_the_confirmation_and_closes_the_entry()
    {
        var leaving = await clinic.PatientWithCourseAsync("Lena");
        var freedBooking = await clinic.BookedAsync(leaving, 1, "2026-03-13", "10:00");
        var waiting = await clinic.PatientWithCourseAsync("Bea");
        var entryId = await AddedAsync(waiting, TimeOfDayPreference.Any);
        Assert.Equal(entryId, await AddedAsync(waiting, TimeOfDayPreference.Any)); // a second press finds the first entry
        Assert.True((await clinic.MoveAsync(freedBooking, "2026-03-14", "11:00")).Succeeded);

        var slot = (await FreedAsync(freedBooking))!;
        Assert.Equal(new TimeOnly(10, 0), slot.Time); // the slot the move gave up
        var booked = await clinic.Host.RunAsync<WaitlistService, ServiceResult<BookingOutcome>>(w => w.BookAsync(entryId, slot));
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors.Select(e => e.Message)));

        var booking = await clinic.Host.QueryAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.Value!.BookingId));
        Assert.Equal((waiting.PatientId, slot.StartUtc), (booking.PatientId, booking.StartUtc));
        Assert.Equal(WaitlistStatus.Booked, (await clinic.Host.QueryAsync(db => db.WaitlistEntries.SingleAsync(w => w.Id == entryId))).Status);
        Assert.Contains(await clinic.OutboxAsync(), m => m.Kind == MessageKind.Confirmation && m.BookingId == booking.Id);
        Assert.Empty(await CandidatesAsync(slot)); // taken now, and nobody else waits

        var again = await clinic.Host.RunAsync<WaitlistService, ServiceResult<BookingOutcome>>(w => w.BookAsync(entryId, slot));
        Assert.False(again.Succeeded);
    }

    [Fact]
    public async Task Offering_the_slot_by_mail_queues_the_offer_and_marks_the_entry_offered_and_a_patient_without_consent_is_to_be_called()
    {
        var leaving = await clinic.PatientWithCourseAsync("Lena");
        var freedBooking = await clinic.BookedAsync(leaving, 1, "2026-03-13", "10:00");
        Assert.True((await clinic.CancelAsync(freedBooking)).Succeeded);
        var slot = (await FreedAsync(freedBooking))!;
        var keen = await AddedAsync(await clinic.PatientWithCourseAsync("Bea"), TimeOfDayPreference.Any);
        var quiet = await AddedAsync(await clinic.PatientWithCourseAsync("Cleo", appointmentEmails: false), TimeOfDayPreference.Any);

        Assert.True((await clinic.Host.RunAsync<WaitlistService, ServiceResult>(w => w.OfferAsync(keen, slot))).Succeeded);
        var refused = await clinic.Host.RunAsync<WaitlistService, ServiceResult>(w => w.OfferAsync(quiet, slot));
        Assert.Contains("Call them", refused.Errors.Single().Message);

        var offer = Assert.Single(await clinic.OutboxAsync(), m => m.Kind == MessageKind.SlotOffer);
        Assert.Contains("Friday 13 March 2026 at 10:00", offer.TextBody);
        Assert.Equal("bea@example.com", offer.ToAddress);
        var entry = await clinic.Host.QueryAsync(db => db.WaitlistEntries.SingleAsync(w => w.Id == keen));
        Assert.Equal((WaitlistStatus.Offered, slot.StartUtc), (entry.Status, entry.OfferedStartUtc));
    }

    [Fact]
    public async Task A_course_that_may_not_be_booked_cannot_go_on_the_waitlist()
    {
        var plan = await clinic.PatientWithCourseAsync();
        Assert.True((await clinic.Host.CancelPlanAsync(plan.Id, "Patient moved abroad")).Succeeded);

        var result = await AddAsync(plan, TimeOfDayPreference.Any);
        Assert.False(result.Succeeded);
        Assert.Contains("cannot go on the waitlist", result.Errors.Single().Message);
        var tampered = await clinic.Host.RunAsync<WaitlistService, ServiceResult<int>>(w => w.AddAsync(new AddToWaitlistCommand { PlanId = plan.Id, PreferredTimeOfDay = (TimeOfDayPreference)9 }));
        Assert.Equal("PreferredTimeOfDay", tampered.Errors.Single().Field);
    }
}
