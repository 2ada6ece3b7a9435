using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class CancellingACourseTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Cancelling_needs_a_reason(string reason)
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);

        var result = await host.CancelPlanAsync(plan.Id, reason);

        Assert.Equal(nameof(CancelPlanCommand.Reason), Assert.Single(result.Errors).Field);
        var stored = Assert.Single(await host.PlansOfAsync(patientId));
        Assert.Equal(PlanStatus.Active, stored.Status);
        Assert.Null(stored.CancelledAtUtc);
    }

    [Fact]
    public async Task Cancelling_records_who_when_and_why_and_keeps_the_course()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        host.User.UserName = "clinician.two@tests.clinic";
        host.AdvanceDays(3);

        var result = await host.CancelPlanAsync(plan.Id, "  Patient moved abroad.  ");

        Assert.True(result.Succeeded);
        var stored = await host.QueryAsync(db => db.CoursePlans.Include(p => p.Sittings).SingleAsync());
        Assert.Equal(PlanStatus.Cancelled, stored.Status);
        Assert.Equal("clinician.two@tests.clinic", stored.CancelledBy);
        Assert.Equal(host.UtcNow, stored.CancelledAtUtc);
        Assert.Equal("Patient moved abroad.", stored.CancellationReason);
        Assert.Equal(TestUser.DefaultName, stored.CreatedBy);
        Assert.Equal(6, stored.Sittings.Count);
    }

    [Fact]
    public async Task A_cancelled_course_cannot_be_cancelled_again()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        await host.CancelPlanAsync(plan.Id, "First reason.");

        var again = await host.CancelPlanAsync(plan.Id, "Second reason.");

        Assert.False(again.Succeeded);
        Assert.Equal("First reason.", (await host.QueryAsync(db => db.CoursePlans.SingleAsync())).CancellationReason);
    }

    [Fact]
    public async Task Cancelling_an_unknown_course_is_refused()
    {
        var result = await host.CancelPlanAsync(planId: 404, "No such course.");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_cancelled_course_makes_room_for_a_new_one()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var cancelled = await host.PlanCourseAsync(patientId);
        Assert.True((await host.CancelPlanAsync(cancelled.Id, "Changed to a scalp course.")).Succeeded);
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var replacement = await host.CreatePlanAsync(Commands.Plan(patientId, sittings: 5));

        Assert.True(replacement.Succeeded);
        var plans = await host.PlansOfAsync(patientId);
        Assert.Equal([replacement.Value!.Id, cancelled.Id], plans.Select(p => p.Id));
        Assert.Equal([PlanStatus.Active, PlanStatus.Cancelled], plans.Select(p => p.Status));
    }
}
