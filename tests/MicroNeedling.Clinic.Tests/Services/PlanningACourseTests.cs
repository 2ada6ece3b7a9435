using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class PlanningACourseTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_draft_plan_takes_the_clinic_defaults_and_the_patients_concerns()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ChangeSettingsAsync(s =>
        {
            s.SittingsPerCourse = 5;
            s.MinutesPerSitting = 12;
            s.MinIntervalDays = 30;
            s.MaxIntervalDays = 45;
            s.NumbingLeadMinutes = 20;
        });

        var draft = await host.RunAsync<PlanService, CreatePlanCommand>(s => s.DraftAsync(patientId));

        Assert.Equal(patientId, draft.PatientId);
        Assert.Equal((5, 12, 30, 45, 20), (draft.SittingCount, draft.MinutesPerSitting, draft.MinIntervalDays, draft.MaxIntervalDays, draft.NumbingLeadMinutes));
        Assert.Equal([Concern.Scars, Concern.EnlargedPores], draft.Concerns);
        Assert.Equal([TreatmentArea.Face], draft.Areas);
    }

    [Fact]
    public async Task A_plan_has_sittings_1_to_N_all_not_yet_booked()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenSuitableAsync(patientId);
        var command = Commands.Plan(patientId, sittings: 7);
        command.SittingCountReason = "  Deep scarring.  ";
        command.Notes = "  Start on the left cheek.  ";

        var result = await host.CreatePlanAsync(command);

        Assert.True(result.Succeeded);
        var plan = await host.RunAsync<PlanService, CoursePlan?>(s => s.FindAsync(result.Value!.Id));
        Assert.NotNull(plan);
        Assert.Equal(PlanStatus.Active, plan.Status);
        Assert.Equal(patientId, plan.PatientId);
        Assert.Equal(screening.Id, plan.ScreeningId);
        Assert.Equal(Concern.Scars, plan.Concerns);
        Assert.Equal(TreatmentArea.Face, plan.Areas);
        Assert.Equal(7, plan.SittingCount);
        Assert.Equal("Deep scarring.", plan.SittingCountReason);
        Assert.Equal("Start on the left cheek.", plan.Notes);
        Assert.Equal((15, 28, 42, 30), (plan.MinutesPerSitting, plan.MinIntervalDays, plan.MaxIntervalDays, plan.NumbingLeadMinutes));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], plan.Sittings.Select(s => s.Number));
        Assert.All(plan.Sittings, s => Assert.Equal(SittingStatus.NotBooked, s.Status));
        Assert.Equal(TestUser.DefaultName, plan.CreatedBy);
        Assert.Equal(host.UtcNow, plan.CreatedAtUtc);
    }

    [Fact]
    public async Task A_standard_course_drops_a_reason_it_does_not_need()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var command = Commands.Plan(patientId, sittings: 6);
        command.SittingCountReason = "Not needed.";

        var result = await host.CreatePlanAsync(command);

        Assert.Null(result.Value!.SittingCountReason);
    }

    [Fact]
    public async Task The_draft_defaults_make_a_valid_plan()
    {
        var patientId = await host.CreateScreenedPatientAsync();

        var plan = await host.PlanCourseAsync(patientId);

        Assert.Equal(6, plan.Sittings.Count);
    }

    [Fact]
    public async Task Planning_is_refused_for_a_patient_never_screened()
    {
        var patientId = await host.CreatePatientAsync();

        await AssertPlanningRefusedAsync(patientId, "has not been screened");
    }

    [Fact]
    public async Task Planning_is_refused_for_a_patient_not_suitable()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenAsync(patientId, c => c.ActiveAcne = true);

        await AssertPlanningRefusedAsync(patientId, "Not suitable");
    }

    [Fact]
    public async Task Planning_is_refused_while_a_clearance_is_missing()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNeedingClearanceAsync(patientId);

        await AssertPlanningRefusedAsync(patientId, "clearance is required");
    }

    [Fact]
    public async Task Planning_is_refused_once_the_screening_has_expired()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        host.AdvanceDays(30);

        await AssertPlanningRefusedAsync(patientId, "expired");
    }

    [Fact]
    public async Task Planning_is_allowed_with_a_recorded_clearance()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        await host.ClearAsync(screening.Id);

        var plan = await host.PlanCourseAsync(patientId);

        Assert.Equal(screening.Id, plan.ScreeningId);
    }

    [Fact]
    public async Task Planning_is_allowed_on_the_last_valid_day_of_the_screening()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        host.AdvanceDays(29);

        var result = await host.CreatePlanAsync(Commands.Plan(patientId));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Planning_is_refused_while_an_active_course_exists()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var first = await host.PlanCourseAsync(patientId);

        var second = await host.CreatePlanAsync(Commands.Plan(patientId));

        Assert.False(second.Succeeded);
        Assert.Contains("already has an active course", Assert.Single(second.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(first.Id, Assert.Single(await host.PlansOfAsync(patientId)).Id);
    }

    [Fact]
    public async Task Another_patients_course_does_not_block_planning()
    {
        var first = await host.CreateScreenedPatientAsync("Anna", "Smith");
        var second = await host.CreateScreenedPatientAsync("Ben", "Jones");
        await host.PlanCourseAsync(first);

        var result = await host.CreatePlanAsync(Commands.Plan(second));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task The_database_keeps_one_active_course_per_patient_even_if_the_check_is_raced()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);

        var raced = await host.QueryAsync(async db =>
        {
            db.CoursePlans.Add(new CoursePlan { PatientId = patientId, ScreeningId = plan.ScreeningId, SittingCount = 6, Status = PlanStatus.Active });
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<DbUpdateException>(raced);
    }

    [Fact]
    public async Task An_invalid_plan_is_refused_on_its_fields_and_stores_nothing()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var command = Commands.Plan(patientId, sittings: 4);
        command.MinutesPerSitting = 21;

        var result = await host.CreatePlanAsync(command);

        Assert.Equal(["MinutesPerSitting", "SittingCountReason"], result.Errors.Select(e => e.Field).Order());
        Assert.Equal(0, await host.QueryAsync(db => db.CoursePlans.CountAsync()));
    }

    [Fact]
    public async Task A_plan_for_an_unknown_patient_is_refused()
    {
        var result = await host.CreatePlanAsync(Commands.Plan(patientId: 404));

        Assert.False(result.Succeeded);
        Assert.Equal(0, await host.QueryAsync(db => db.CoursePlans.CountAsync()));
    }

    private async Task AssertPlanningRefusedAsync(int patientId, string because)
    {
        var result = await host.CreatePlanAsync(Commands.Plan(patientId));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("", error.Field);
        Assert.StartsWith("A course cannot be planned", error.Message, StringComparison.Ordinal);
        Assert.Contains(because, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.CoursePlans.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(db => db.PlannedSittings.CountAsync()));
    }
}
