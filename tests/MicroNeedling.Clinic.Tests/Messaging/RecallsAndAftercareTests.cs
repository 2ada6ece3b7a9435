using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Recalls;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Tests;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Messaging;

/// <summary>Completing a sitting sends the aftercare sheet; completing the course puts the patient on the recall list with a mail due on the day.</summary>
public sealed class RecallsAndAftercareTests : IAsyncLifetime
{
    private MailingClinic clinic = default!;

    public async Task InitializeAsync() => clinic = await MailingClinic.OpenAsync();

    public Task DisposeAsync()
    {
        clinic.Dispose();
        return Task.CompletedTask;
    }

    private ClinicTestHost Host => clinic.Host;

    /// <summary>Sittings 1–5 done earlier, sitting 6 checked in now and charted: the course completes.</summary>
    private async Task<ServiceResult<ChartOutcome>> CompleteTheCourseAsync(bool recallEmails)
    {
        var plan = await clinic.PatientWithCourseAsync(recallEmails: recallEmails);
        var now = Host.UtcNow;
        var bookingId = await Host.QueryAsync(async db =>
        {
            Booking last = default!;
            foreach (var sitting in plan.Sittings.OrderBy(s => s.Number))
            {
                var start = sitting.Number == 6 ? now : now.AddDays(-30 * (6 - sitting.Number));
                last = new Booking
                {
                    PlannedSittingId = sitting.Id,
                    PatientId = plan.PatientId,
                    ClinicianId = clinic.ClinicianId,
                    RoomId = clinic.RoomId,
                    StartUtc = start,
                    NeedlingStartUtc = start.AddMinutes(30),
                    EndUtc = start.AddMinutes(60),
                    Status = sitting.Number == 6 ? BookingStatus.CheckedIn : BookingStatus.Completed,
                };
                db.Bookings.Add(last);
            }

            await db.SaveChangesAsync();
            return last.Id;
        });
        var reScreen = await Host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(bookingId, Commands.NoToEverything(0)));
        Assert.True(reScreen.Succeeded);
        Host.Clock.Advance(TimeSpan.FromHours(1));
        return await Host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(Commands.Chart(bookingId)));
    }

    private Task<IReadOnlyList<RecallLine>> ListAsync(RecallFilter filter) =>
        Host.RunAsync<RecallService, IReadOnlyList<RecallLine>>(r => r.ListAsync(filter));

    [Fact]
    public async Task A_completed_sitting_sends_the_aftercare_sheet_with_the_clinics_number_and_nothing_of_the_chart()
    {
        var charted = await CompleteTheCourseAsync(recallEmails: true);
        Assert.True(charted.Succeeded, string.Join("; ", charted.Errors.Select(e => e.Message)));

        var aftercare = Assert.Single(await clinic.OutboxAsync(), m => m.Kind == MessageKind.Aftercare);
        Assert.Contains("Avoid the sun", aftercare.TextBody);
        Assert.Contains($"call us at once on {MailingClinic.Phone}", aftercare.TextBody);
        foreach (var chartDetail in new[] { "Lidocaine", "LOT-123", "0.75", "Pen A6", "Hyaluronic" })
        {
            Assert.DoesNotContain(chartDetail, aftercare.TextBody + aftercare.HtmlBody);
        }
    }

    [Fact]
    public async Task A_completed_course_puts_the_patient_on_the_recall_list_with_the_mail_due_on_the_maintenance_day()
    {
        var charted = await CompleteTheCourseAsync(recallEmails: true);
        Assert.True(charted.Value!.CourseCompleted);
        var dueOn = charted.Value.MaintenanceDueOn!.Value;
        Assert.Equal(new DateOnly(2026, 9, 10), dueOn); // 6 months, the default

        var recallMail = Assert.Single(await clinic.OutboxAsync(), m => m.Kind == MessageKind.Recall);
        Assert.Equal(new DateTime(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc), recallMail.DueAtUtc); // 09:00 in London (BST)
        Assert.Empty(await ListAsync(RecallFilter.Due));
        var upcoming = Assert.Single(await ListAsync(RecallFilter.Upcoming));
        Assert.Equal((dueOn, true, OutboxStatus.Pending), (upcoming.DueOn, upcoming.HasMail, upcoming.MailStatus));

        await using var smtp = TestSmtpServer.Start();
        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port)); // only the aftercare goes now
        Host.Clock.Advance(new DateTime(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc) - Host.UtcNow);
        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port));
        var due = Assert.Single(await ListAsync(RecallFilter.Due));
        Assert.NotNull(due.MailSentAtUtc);
        Assert.StartsWith("Time for your maintenance appointment", (await smtp.WaitForAsync(2))[1].Subject);

        var answered = await Host.RunAsync<RecallService, ServiceResult>(r => r.RecordAnswerAsync(due.PlanId, RecallAnswer.WantsSitting, " Booked for October "));
        Assert.True(answered.Succeeded);
        Assert.Empty(await ListAsync(RecallFilter.Due));
        var line = Assert.Single(await ListAsync(RecallFilter.Answered));
        Assert.Equal((RecallAnswer.WantsSitting, "Booked for October", Host.User.UserName), (line.Answer, line.AnswerNote, line.AnsweredBy));
    }

    [Fact]
    public async Task A_patient_without_recall_consent_is_on_the_list_to_be_called_with_no_mail()
    {
        await CompleteTheCourseAsync(recallEmails: false);
        Assert.DoesNotContain(await clinic.OutboxAsync(), m => m.Kind == MessageKind.Recall);
        var line = Assert.Single(await ListAsync(RecallFilter.Upcoming));
        Assert.False(line.HasMail);

        var refused = await Host.RunAsync<RecallService, ServiceResult>(r => r.RecordAnswerAsync(line.PlanId, (RecallAnswer)42, null));
        Assert.Equal("Answer", refused.Errors.Single().Field);
    }

    [Fact]
    public async Task A_course_completed_before_recalls_existed_is_on_the_list_and_its_answer_is_recorded()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await Host.QueryAsync(db => db.CoursePlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, Plans.PlanStatus.Completed).SetProperty(p => p.MaintenanceDueOn, new DateOnly(2026, 3, 1))));

        var line = Assert.Single(await ListAsync(RecallFilter.Due));
        Assert.Equal((plan.Id, new DateOnly(2026, 3, 1), false), (line.PlanId, line.DueOn, line.HasMail));
        Assert.True((await Host.RunAsync<RecallService, ServiceResult>(r => r.RecordAnswerAsync(plan.Id, RecallAnswer.Unreachable, null))).Succeeded);
        Assert.Equal(RecallAnswer.Unreachable, Assert.Single(await ListAsync(RecallFilter.Answered)).Answer);

        var notACompletedCourse = await clinic.PatientWithCourseAsync("Bea");
        var refused = await Host.RunAsync<RecallService, ServiceResult>(r => r.RecordAnswerAsync(notACompletedCourse.Id, RecallAnswer.NotNow, null));
        Assert.Contains("not on the recall list", refused.Errors.Single().Message);
    }
}
