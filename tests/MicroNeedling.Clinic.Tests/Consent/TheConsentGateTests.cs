using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Consent;

public sealed class TheConsentGateTests
{
    private static Task<string?> StartRefusalAsync(ConsentCourse course) =>
        course.Host.RunAsync<SittingGuard, string?>(async g =>
            await g.StartRefusalAsync(await course.Host.QueryAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == course.CheckedInId))));

    [Fact]
    public async Task Without_a_signed_consent_the_needling_cannot_start_and_with_one_it_can()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;

        var before = await StartRefusalAsync(course);
        await host.SignConsentAsync(course.Plan.Id);
        var after = await StartRefusalAsync(course);

        Assert.Equal("The patient has not signed the consent for this course. A clinician presents it and countersigns before the needling.", before);
        Assert.Null(after);
    }

    [Fact]
    public async Task A_sitting_cannot_be_charted_without_the_consent_and_stays_checked_in()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;

        var chart = new ChartSittingCommand
        {
            BookingId = course.CheckedInId,
            NumbingProduct = "Lidocaine 5%",
            NumbingApplied = new TimeOnly(9, 0),
            NumbingRemoved = new TimeOnly(9, 30),
            Device = "Pen A6",
            CartridgeLot = "LOT-123",
            Areas = [new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.75m, Passes = 3 }],
            SerumProduct = "Hyaluronic serum",
            ProcedureStart = new TimeOnly(9, 30),
            ProcedureEnd = new TimeOnly(9, 45),
            Reaction = ImmediateReaction.Redness,
        };

        var result = await host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(chart));

        Assert.Contains(result.Errors, e => e.Message.Contains("has not signed the consent", StringComparison.Ordinal));
        var booking = await host.QueryAsync(db => db.Bookings.SingleAsync(b => b.Id == course.CheckedInId));
        Assert.Equal(BookingStatus.CheckedIn, booking.Status);
        Assert.Equal(0, await host.QueryAsync(db => db.SittingCharts.CountAsync()));
    }

    [Fact]
    public async Task Booking_before_the_consent_is_allowed_because_it_is_signed_at_the_first_visit()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;

        var facts = await host.RunAsync<CourseFactsQuery, CourseFacts?>(q => q.ForPlanAsync(course.Plan.Id));

        Assert.Null(BookingEligibility.Refusal(facts!, new DateOnly(2026, 5, 5), minimumAge: 18));
    }

    [Fact]
    public async Task A_safety_change_to_the_text_stops_the_next_sitting_until_the_patient_signs_the_new_version()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);
        await ConsentTemplateVersioningTests.PublishNewVersionAsync(host, changesSafety: true);

        var refusal = await StartRefusalAsync(course);
        await host.SignConsentAsync(course.Plan.Id);

        Assert.Contains("safety content has changed", refusal);
        Assert.Null(await StartRefusalAsync(course));
    }

    [Fact]
    public async Task Withdrawing_consent_cancels_the_booked_sittings_stops_the_checked_in_one_and_blocks_new_bookings_until_signed_again()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var consentId = await host.SignConsentAsync(course.Plan.Id);

        var result = await host.RunAsync<ConsentService, ServiceResult>(s => s.WithdrawAsync(new WithdrawConsentCommand
        {
            ConsentId = consentId,
            Reason = "Phoned reception to stop the course.",
        }));

        Assert.True(result.Succeeded);
        var bookings = await host.QueryAsync(db => db.Bookings.Include(b => b.History).OrderBy(b => b.Id).ToListAsync());
        Assert.Equal(
            [(BookingStatus.NotPerformed, null, ConsentService.WithdrawnReason), (BookingStatus.Cancelled, ConsentService.WithdrawnReason, null)],
            bookings.Select(b => (b.Status, b.CancellationReason, b.NotPerformedReason)));
        var consent = await host.QueryAsync(db => db.PatientConsents.SingleAsync());
        Assert.Equal(("Phoned reception to stop the course.", host.UtcNow), (consent.WithdrawalReason, consent.WithdrawnAtUtc));
        Assert.True(ConsentSeal.IsIntact(consent)); // the withdrawal is a later event, outside what was signed

        var facts = await host.RunAsync<CourseFactsQuery, CourseFacts?>(q => q.ForPlanAsync(course.Plan.Id));
        Assert.Contains("withdrew consent", BookingEligibility.Refusal(facts!, new DateOnly(2026, 5, 5), 18));

        await host.SignConsentAsync(course.Plan.Id);
        facts = await host.RunAsync<CourseFactsQuery, CourseFacts?>(q => q.ForPlanAsync(course.Plan.Id));
        Assert.Null(BookingEligibility.Refusal(facts!, new DateOnly(2026, 5, 5), 18));
    }

    [Fact]
    public async Task A_withdrawal_needs_a_note_and_happens_once()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var consentId = await host.SignConsentAsync(course.Plan.Id);

        var noNote = await host.RunAsync<ConsentService, ServiceResult>(s => s.WithdrawAsync(new WithdrawConsentCommand { ConsentId = consentId, Reason = "..." }));
        await host.RunAsync<ConsentService, ServiceResult>(s => s.WithdrawAsync(new WithdrawConsentCommand { ConsentId = consentId, Reason = "Told the clinician in person." }));
        var again = await host.RunAsync<ConsentService, ServiceResult>(s => s.WithdrawAsync(new WithdrawConsentCommand { ConsentId = consentId, Reason = "Told the clinician in person." }));

        Assert.Equal(nameof(WithdrawConsentCommand.Reason), noNote.Errors.Single().Field);
        Assert.Contains("already withdrawn", again.Errors.Single().Message);
    }
}
