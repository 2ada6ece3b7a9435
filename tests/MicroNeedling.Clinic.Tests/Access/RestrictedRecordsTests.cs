using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Access;

/// <summary>Who sees a restricted record, break-glass emergency access, and the admins' review of it.</summary>
public sealed class RestrictedRecordsTests : IDisposable
{
    private const string Owner = "clinician-owner";
    private const string Other = "clinician-other";
    private const string Reason = "Patient collapsed in the waiting room; owner is on leave.";

    private readonly ClinicTestHost host = new();

    public enum Situation
    {
        OpenRecord,
        RestrictedToMe,
        RestrictedToAnother,
        AnotherWithLiveGrant,
        AnotherWithExpiredGrant,
        FrontDeskOnOpenRecord,
        FrontDeskOnRestrictedRecord,
        AdminOnRestrictedRecord,
    }

    public void Dispose() => host.Dispose();

    [Theory]
    [InlineData(Situation.OpenRecord, true, true)]
    [InlineData(Situation.RestrictedToMe, true, true)]
    [InlineData(Situation.RestrictedToAnother, false, false)]
    [InlineData(Situation.AnotherWithLiveGrant, true, true)]
    [InlineData(Situation.AnotherWithExpiredGrant, false, false)]
    [InlineData(Situation.FrontDeskOnOpenRecord, false, true)]
    [InlineData(Situation.FrontDeskOnRestrictedRecord, false, true)]
    [InlineData(Situation.AdminOnRestrictedRecord, false, true)]
    public async Task Who_sees_the_clinical_record_and_who_may_open_its_pages(Situation situation, bool seesClinicalRecord, bool mayOpenPages)
    {
        var patientId = await host.CreatePatientAsync();
        if (situation is not (Situation.OpenRecord or Situation.FrontDeskOnOpenRecord))
        {
            await RestrictToOwnerAsync(patientId);
        }

        switch (situation)
        {
            case Situation.OpenRecord:
                ActAs(Other, Roles.Clinician);
                break;
            case Situation.RestrictedToMe:
                ActAs(Owner, Roles.Clinician);
                break;
            case Situation.RestrictedToAnother:
                ActAs(Other, Roles.Clinician);
                break;
            case Situation.AnotherWithLiveGrant:
                await GrantAsOtherAsync(patientId);
                host.Clock.Advance(PatientAccess.GrantLifetime - TimeSpan.FromSeconds(1));
                break;
            case Situation.AnotherWithExpiredGrant:
                await GrantAsOtherAsync(patientId);
                host.Clock.Advance(PatientAccess.GrantLifetime);
                break;
            case Situation.FrontDeskOnOpenRecord:
            case Situation.FrontDeskOnRestrictedRecord:
                ActAs("front-desk", Roles.FrontDesk);
                break;
            case Situation.AdminOnRestrictedRecord:
                ActAs("admin", Roles.Admin);
                break;
        }

        Assert.Equal(seesClinicalRecord, await AccessAsync(a => a.CanSeeClinicalRecordAsync(patientId)));
        Assert.Equal(mayOpenPages, await AccessAsync(a => a.MayOpenAsync(patientId)));
    }

    [Fact]
    public async Task A_patient_that_does_not_exist_cannot_be_opened_by_anyone()
    {
        ActAs(Owner, Roles.Clinician);
        Assert.False(await AccessAsync(a => a.MayOpenAsync(987654)));
        Assert.False(await AccessAsync(a => a.MayOpenBookingAsync(987654)));
        Assert.False(await AccessAsync(a => a.MayOpenPlanAsync(987654)));
        Assert.False(await AccessAsync(a => a.MayOpenScreeningAsync(987654)));
        Assert.False(await AccessAsync(a => a.MayOpenSideEffectAsync(987654)));
        Assert.False(await AccessAsync(a => a.MayOpenSittingAsync(987654)));
        ActAs("front-desk", Roles.FrontDesk);
        Assert.False(await AccessAsync(a => a.MayOpenAsync(987654)));
    }

    [Fact]
    public async Task The_screening_and_plan_of_a_restricted_record_are_closed_to_another_clinician_like_the_record()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        var screeningId = plan.ScreeningId;
        await RestrictToOwnerAsync(patientId);

        ActAs(Other, Roles.Clinician);
        Assert.False(await AccessAsync(a => a.MayOpenScreeningAsync(screeningId)));
        Assert.False(await AccessAsync(a => a.MayOpenPlanAsync(plan.Id)));
        Assert.False(await AccessAsync(a => a.MayOpenSittingAsync(plan.Sittings[0].Id)));

        ActAs(Owner, Roles.Clinician);
        Assert.True(await AccessAsync(a => a.MayOpenScreeningAsync(screeningId)));
        Assert.True(await AccessAsync(a => a.MayOpenPlanAsync(plan.Id)));
        Assert.True(await AccessAsync(a => a.MayOpenSittingAsync(plan.Sittings[0].Id)));
    }

    [Fact]
    public async Task A_grant_lasts_four_hours_and_records_who_when_and_why()
    {
        var patientId = await host.CreatePatientAsync();
        await RestrictToOwnerAsync(patientId);
        ActAs(Other, Roles.Clinician);
        host.User.UserName = "other@tests.clinic";

        var result = await AccessAsync(a => a.GrantEmergencyAccessAsync(new GrantEmergencyAccessCommand { PatientId = patientId, Reason = "  " + Reason + "  " }));

        Assert.True(result.Succeeded);
        var stored = await host.QueryAsync(db => db.EmergencyAccesses.SingleAsync());
        Assert.Equal((patientId, Other, "other@tests.clinic", Reason), (stored.PatientId, stored.StaffId, stored.StaffUserName, stored.Reason));
        Assert.Equal(host.UtcNow, stored.GrantedAtUtc);
        Assert.Equal(host.UtcNow.AddHours(4), stored.ExpiresAtUtc);
        Assert.Null(stored.ReviewedAtUtc);
    }

    [Fact]
    public async Task A_grant_is_always_in_the_audit_trail_as_emergency_access_without_the_reason()
    {
        var patientId = await host.CreatePatientAsync();
        await RestrictToOwnerAsync(patientId);
        ActAs(Other, Roles.Clinician);
        host.User.UserName = "other@tests.clinic";

        var result = await AccessAsync(a => a.GrantEmergencyAccessAsync(new GrantEmergencyAccessCommand { PatientId = patientId, Reason = Reason }));

        Assert.True(result.Succeeded);
        var entries = await host.QueryAsync(db => db.AuditEntries.Where(e => e.PatientId == patientId && e.UserName == "other@tests.clinic").ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.EmergencyAccess && e.EntityType == "Patient");
        Assert.Contains(entries, e => e.Action == AuditActions.Create && e.EntityType == nameof(EmergencyAccess));
        Assert.DoesNotContain(entries, e => (e.ChangedFields ?? "").Contains(Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("urgent")]
    public async Task A_grant_without_a_real_reason_is_refused_and_nothing_is_stored(string reason)
    {
        var patientId = await host.CreatePatientAsync();
        await RestrictToOwnerAsync(patientId);
        ActAs(Other, Roles.Clinician);

        var result = await AccessAsync(a => a.GrantEmergencyAccessAsync(new GrantEmergencyAccessCommand { PatientId = patientId, Reason = reason }));

        Assert.Equal(nameof(GrantEmergencyAccessCommand.Reason), Assert.Single(result.Errors).Field);
        Assert.Equal(0, await host.QueryAsync(db => db.EmergencyAccesses.CountAsync()));
        Assert.False(await AccessAsync(a => a.CanSeeClinicalRecordAsync(patientId)));
    }

    [Fact]
    public async Task Emergency_access_is_refused_for_an_open_record_for_the_owner_and_while_a_grant_is_live()
    {
        var open = await host.CreatePatientAsync("Open", "Record");
        var restricted = await host.CreatePatientAsync("Closed", "Record");
        await RestrictToOwnerAsync(restricted);

        ActAs(Other, Roles.Clinician);
        var onOpen = await GrantAsync(open);
        ActAs(Owner, Roles.Clinician);
        var byOwner = await GrantAsync(restricted);
        ActAs(Other, Roles.Clinician);
        var first = await GrantAsync(restricted);
        var second = await GrantAsync(restricted);
        ActAs("front-desk", Roles.FrontDesk);
        var byFrontDesk = await GrantAsync(restricted);

        Assert.Contains("not restricted", Assert.Single(onOpen.Errors).Message);
        Assert.Contains("already have access", Assert.Single(byOwner.Errors).Message);
        Assert.True(first.Succeeded);
        Assert.Contains("already have access", Assert.Single(second.Errors).Message);
        Assert.Contains("Only a clinician", Assert.Single(byFrontDesk.Errors).Message);
        Assert.Equal(1, await host.QueryAsync(db => db.EmergencyAccesses.CountAsync()));
    }

    [Fact]
    public async Task After_a_grant_expires_the_clinician_can_break_the_glass_again_with_a_new_reason()
    {
        var patientId = await host.CreatePatientAsync();
        await RestrictToOwnerAsync(patientId);
        await GrantAsOtherAsync(patientId);
        host.Clock.Advance(PatientAccess.GrantLifetime);

        var again = await GrantAsync(patientId);

        Assert.True(again.Succeeded);
        Assert.Equal(2, await host.QueryAsync(db => db.EmergencyAccesses.CountAsync()));
    }

    [Fact]
    public async Task Only_the_clinician_a_record_is_restricted_to_can_lift_it_and_a_grant_does_not_let_another_take_it_over()
    {
        var patientId = await host.CreatePatientAsync();
        await RestrictToOwnerAsync(patientId);
        await GrantAsOtherAsync(patientId);

        var takeOver = await AccessAsync(a => a.RestrictAsync(patientId));
        var liftByOther = await AccessAsync(a => a.LiftRestrictionAsync(patientId));
        Assert.False(takeOver.Succeeded);
        Assert.False(liftByOther.Succeeded);
        Assert.Equal(Owner, await RestrictedToAsync(patientId));

        ActAs(Owner, Roles.Clinician);
        Assert.True((await AccessAsync(a => a.LiftRestrictionAsync(patientId))).Succeeded);
        Assert.Null(await RestrictedToAsync(patientId));
    }

    [Fact]
    public async Task Front_desk_cannot_restrict_a_record()
    {
        var patientId = await host.CreatePatientAsync();
        ActAs("front-desk", Roles.FrontDesk);

        var result = await AccessAsync(a => a.RestrictAsync(patientId));

        Assert.False(result.Succeeded);
        Assert.Null(await RestrictedToAsync(patientId));
    }

    [Fact]
    public async Task Restricting_is_recorded_as_a_change_of_the_patient_by_the_clinician()
    {
        var patientId = await host.CreatePatientAsync();
        host.User.UserName = "owner@tests.clinic";

        await RestrictToOwnerAsync(patientId);

        var patient = await host.QueryAsync(db => db.Patients.SingleAsync(p => p.Id == patientId));
        Assert.Equal((Owner, "owner@tests.clinic"), (patient.RestrictedToStaffId, patient.UpdatedBy));
    }

    [Fact]
    public async Task An_admin_marks_a_grant_reviewed_once_with_a_note_and_the_list_shows_unreviewed_first()
    {
        var first = await host.CreatePatientAsync("First", "Patient");
        var second = await host.CreatePatientAsync("Second", "Patient");
        await RestrictToOwnerAsync(first);
        await RestrictToOwnerAsync(second);
        await GrantAsOtherAsync(first);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await GrantAsOtherAsync(second);
        var firstGrant = await host.QueryAsync(db => db.EmergencyAccesses.SingleAsync(e => e.PatientId == first));

        var byClinician = await AccessAsync(a => a.ReviewAsync(new ReviewEmergencyAccessCommand { GrantId = firstGrant.Id }));
        ActAs("admin", Roles.Admin);
        host.User.UserName = "admin@tests.clinic";
        var review = await AccessAsync(a => a.ReviewAsync(new ReviewEmergencyAccessCommand { GrantId = firstGrant.Id, Note = " Confirmed with the owner. " }));
        var again = await AccessAsync(a => a.ReviewAsync(new ReviewEmergencyAccessCommand { GrantId = firstGrant.Id }));
        var list = await AccessAsync(a => a.ForReviewAsync());

        Assert.Contains("Only an admin", Assert.Single(byClinician.Errors).Message);
        Assert.True(review.Succeeded);
        Assert.Contains("already reviewed", Assert.Single(again.Errors).Message);
        var stored = await host.QueryAsync(db => db.EmergencyAccesses.SingleAsync(e => e.Id == firstGrant.Id));
        Assert.Equal(("admin@tests.clinic", host.UtcNow, "Confirmed with the owner."), (stored.ReviewedBy, stored.ReviewedAtUtc, stored.ReviewNote));
        Assert.Equal(["Second Patient", "First Patient"], list.Select(i => i.PatientName));
        Assert.Null(list[0].ReviewedAtUtc);
    }

    [Fact]
    public async Task Lists_leave_out_only_the_records_the_clinician_may_not_see()
    {
        var open = await host.CreatePatientAsync("Open", "Record");
        var mine = await host.CreatePatientAsync("Mine", "Record");
        var others = await host.CreatePatientAsync("Others", "Record");
        var granted = await host.CreatePatientAsync("Granted", "Record");
        await RestrictToOwnerAsync(others);
        await RestrictToOwnerAsync(granted);
        await GrantAsOtherAsync(granted);
        await AccessAsync(a => a.RestrictAsync(mine));

        var hidden = await AccessAsync(a => a.HiddenAmongAsync([open, mine, others, granted]));
        var restricted = await AccessAsync(a => a.RestrictedAmongAsync([open, mine, others, granted]));

        Assert.Equal([others], hidden);
        Assert.Equal(new HashSet<int> { mine, others, granted }, restricted);
    }

    private void ActAs(string userId, string role)
    {
        host.User.UserId = userId;
        host.User.Roles.Clear();
        host.User.Roles.Add(role);
    }

    private Task<T> AccessAsync<T>(Func<PatientAccess, Task<T>> call) => host.RunAsync(call);

    private Task<string?> RestrictedToAsync(int patientId) =>
        host.QueryAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => p.RestrictedToStaffId).SingleAsync());

    private async Task RestrictToOwnerAsync(int patientId)
    {
        ActAs(Owner, Roles.Clinician);
        Assert.True((await AccessAsync(a => a.RestrictAsync(patientId))).Succeeded);
    }

    private Task<ServiceResult<EmergencyAccess>> GrantAsync(int patientId) =>
        AccessAsync(a => a.GrantEmergencyAccessAsync(new GrantEmergencyAccessCommand { PatientId = patientId, Reason = Reason }));

    /// <summary>The other clinician breaks the glass; they stay the acting user afterwards.</summary>
    private async Task GrantAsOtherAsync(int patientId)
    {
        ActAs(Other, Roles.Clinician);
        Assert.True((await GrantAsync(patientId)).Succeeded);
    }
}
