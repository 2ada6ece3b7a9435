using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

/// <summary>
/// A "not suitable" finding is not overturned by different answers alone (issue 14, item 3; ADR 0018). The clock stands
/// at Tuesday 10 March 2026; the reversal window is the default 14 days.
/// </summary>
public sealed class ReversingAHardStopTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Clearing_an_eczema_finding_two_minutes_later_needs_a_note_next_to_the_field_and_stores_nothing()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNotSuitableAsync(patientId);
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var refused = await host.RecordScreeningAsync(Commands.NoToEverything(patientId));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(RecordScreeningCommand.ReversalNote), error.Field);
        Assert.Contains("clear the \"not suitable\" finding of 10 Mar 2026 (eczema)", error.Message);
        Assert.Equal(1, await host.QueryAsync(db => db.Screenings.CountAsync(s => s.PatientId == patientId)));
        Assert.Equal(ScreeningStatusKind.NotSuitable, (await host.CurrentStatusAsync(patientId)).Kind);
    }

    [Theory]
    [InlineData("..........")]
    [InlineData("ok")]
    [InlineData("fine now")]
    public async Task A_note_that_says_nothing_is_refused(string note)
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNotSuitableAsync(patientId);

        var command = Commands.NoToEverything(patientId);
        command.ReversalNote = note;
        var refused = await host.RecordScreeningAsync(command);

        Assert.Contains(refused.Errors, e => e.Field == nameof(RecordScreeningCommand.ReversalNote));
    }

    [Fact]
    public async Task With_a_note_of_what_changed_the_reversal_is_recorded_with_the_screening()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNotSuitableAsync(patientId);
        host.Clock.Advance(TimeSpan.FromDays(3));

        var reversed = await host.ScreenSuitableAsync(patientId, "Dermatologist's letter of 12 March: the eczema has resolved.");

        Assert.Equal("Dermatologist's letter of 12 March: the eczema has resolved.", reversed.ReversalNote);
        Assert.Equal(ScreeningStatusKind.Suitable, (await host.CurrentStatusAsync(patientId)).Kind);
    }

    [Fact]
    public async Task A_finding_older_than_the_window_is_cleared_without_a_note()
    {
        var patientId = await host.CreatePatientAsync();
        await host.ScreenNotSuitableAsync(patientId);
        host.AdvanceDays(15);

        var later = await host.ScreenSuitableAsync(patientId);

        Assert.Null(later.ReversalNote);
    }

    [Fact]
    public async Task A_minor_stays_not_suitable_until_a_screening_on_the_birthday_which_needs_no_note()
    {
        // 18 on 20 March 2026: screened on 10 March (not suitable, age only), again on 15 March, then on the birthday.
        var patientId = await host.CreatePatientAsync(dateOfBirth: new DateOnly(2008, 3, 20));
        var first = await host.ScreenSuitableAsync(patientId);
        host.AdvanceDays(5);
        var beforeBirthday = await host.ScreenSuitableAsync(patientId);
        host.AdvanceDays(5);
        var onBirthday = await host.ScreenSuitableAsync(patientId);

        Assert.Equal(ScreeningOutcome.NotSuitable, first.Outcome);
        Assert.Equal(ScreeningOutcome.NotSuitable, beforeBirthday.Outcome);
        Assert.Equal(ScreeningOutcome.Suitable, onBirthday.Outcome);
        Assert.Null(onBirthday.ReversalNote);
    }
}
