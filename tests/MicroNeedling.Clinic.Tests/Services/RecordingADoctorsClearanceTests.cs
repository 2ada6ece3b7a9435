using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class RecordingADoctorsClearanceTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Pregnancy_leaves_the_clearance_missing_until_it_is_recorded()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNeedingClearanceAsync(patientId);

        var status = await host.CurrentStatusAsync(patientId);

        Assert.Equal(ScreeningStatusKind.ClearanceMissing, status.Kind);
        Assert.False(status.AllowsTreatment);
    }

    [Fact]
    public async Task A_clearance_makes_the_patient_suitable_with_clearance_and_records_who_and_when()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        host.User.UserName = "clinician.two@tests.clinic";
        host.Clock.Advance(TimeSpan.FromHours(1));
        var command = Commands.Clearance(screening.Id, "  Dr Priya Patel ");
        command.Note = "  Obstetrician agrees.  ";

        var result = await host.RecordClearanceAsync(command);
        var status = await host.CurrentStatusAsync(patientId);

        Assert.True(result.Succeeded);
        Assert.Equal(ScreeningStatusKind.SuitableWithClearance, status.Kind);
        Assert.True(status.AllowsTreatment);
        var clearance = await host.QueryAsync(db => db.DoctorClearances.SingleAsync());
        Assert.Equal(screening.Id, clearance.ScreeningId);
        Assert.Equal("Dr Priya Patel", clearance.DoctorName);
        Assert.Equal(new DateOnly(2026, 3, 9), clearance.ClearedOn);
        Assert.Equal("Obstetrician agrees.", clearance.Note);
        Assert.Equal("clinician.two@tests.clinic", clearance.CreatedBy);
        Assert.Equal(host.UtcNow, clearance.CreatedAtUtc);
    }

    [Fact]
    public async Task Recent_radiation_on_an_unknown_date_is_cleared_the_same_way()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenAsync(patientId, c => (c.RadiationTherapy, c.RadiationDate) = (true, null));

        await host.ClearAsync(screening.Id);

        Assert.Equal(ScreeningStatusKind.SuitableWithClearance, (await host.CurrentStatusAsync(patientId)).Kind);
    }

    [Fact]
    public async Task A_clearance_cannot_override_a_not_suitable_screening()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenAsync(patientId, c => (c.Psoriasis, c.Pregnancy) = (true, PregnancyAnswer.Yes));

        var result = await host.RecordClearanceAsync(Commands.Clearance(screening.Id));

        Assert.False(result.Succeeded);
        Assert.Contains("cannot override", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.DoctorClearances.CountAsync()));
        Assert.Equal(ScreeningStatusKind.NotSuitable, (await host.CurrentStatusAsync(patientId)).Kind);
    }

    [Fact]
    public async Task A_suitable_screening_needs_no_clearance()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenSuitableAsync(patientId);

        var result = await host.RecordClearanceAsync(Commands.Clearance(screening.Id));

        Assert.False(result.Succeeded);
        Assert.Equal(0, await host.QueryAsync(db => db.DoctorClearances.CountAsync()));
    }

    [Fact]
    public async Task A_second_clearance_for_the_same_screening_is_refused()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        await host.ClearAsync(screening.Id, "Dr First");

        var second = await host.RecordClearanceAsync(Commands.Clearance(screening.Id, "Dr Second"));

        Assert.False(second.Succeeded);
        Assert.Contains("already recorded", Assert.Single(second.Errors).Message, StringComparison.Ordinal);
        var kept = await host.QueryAsync(db => db.DoctorClearances.SingleAsync());
        Assert.Equal("Dr First", kept.DoctorName);
    }

    [Fact]
    public async Task A_clearance_for_an_unknown_screening_is_refused()
    {
        var result = await host.RecordClearanceAsync(Commands.Clearance(screeningId: 404));

        Assert.False(result.Succeeded);
        Assert.Equal(0, await host.QueryAsync(db => db.DoctorClearances.CountAsync()));
    }

    [Fact]
    public async Task A_clearance_without_a_doctor_is_refused_on_that_field()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);

        var result = await host.RecordClearanceAsync(Commands.Clearance(screening.Id, doctorName: ""));

        Assert.Equal(nameof(RecordClearanceCommand.DoctorName), Assert.Single(result.Errors).Field);
        Assert.Equal(0, await host.QueryAsync(db => db.DoctorClearances.CountAsync()));
    }

    [Fact]
    public async Task A_clearance_does_not_carry_over_to_a_newer_screening()
    {
        var patientId = await host.CreatePatientAsync();
        var first = await host.ScreenNeedingClearanceAsync(patientId);
        await host.ClearAsync(first.Id);
        host.AdvanceDays(31);

        await host.ScreenNeedingClearanceAsync(patientId);

        Assert.Equal(ScreeningStatusKind.ClearanceMissing, (await host.CurrentStatusAsync(patientId)).Kind);
    }

    [Fact]
    public async Task A_cleared_screening_still_expires()
    {
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        await host.ClearAsync(screening.Id);

        host.AdvanceDays(30);

        Assert.Equal(ScreeningStatusKind.Expired, (await host.CurrentStatusAsync(patientId)).Kind);
    }
}
