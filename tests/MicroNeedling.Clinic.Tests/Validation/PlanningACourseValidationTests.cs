using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Tests.Support;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>The bounds of a course plan: 5 or 6 sittings as the article asks, anything else with a reason.</summary>
public sealed class PlanningACourseValidationTests
{
    private readonly CreatePlanValidator validator = new();

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Five_or_six_sittings_need_no_reason(int sittings)
    {
        var command = Commands.Plan(patientId: 1, sittings);
        command.SittingCountReason = null;

        Assert.True(validator.Validate(command).IsValid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    public void Any_other_count_needs_a_reason(int sittings)
    {
        var command = Commands.Plan(patientId: 1, sittings);

        var withoutReason = validator.Validate(command);
        command.SittingCountReason = "Deep acne scars; the clinician expects to need more sittings.";
        var withReason = validator.Validate(command);

        Assert.Equal(nameof(CreatePlanCommand.SittingCountReason), Assert.Single(withoutReason.Errors).PropertyName);
        Assert.True(withReason.IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_count_outside_1_to_12_is_refused_even_with_a_reason(int sittings)
    {
        var command = Commands.Plan(patientId: 1, sittings);
        command.SittingCountReason = "Because.";

        Assert.Equal(nameof(CreatePlanCommand.SittingCount), Assert.Single(validator.Validate(command).Errors).PropertyName);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(15, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void The_procedure_takes_10_to_20_minutes(int minutes, bool valid)
    {
        var command = Commands.Plan(patientId: 1);
        command.MinutesPerSitting = minutes;

        var result = validator.Validate(command);

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(nameof(CreatePlanCommand.MinutesPerSitting), e.PropertyName));
    }

    [Theory]
    // min interval, max interval, field refused (empty when valid)
    [InlineData(28, 27, nameof(CreatePlanCommand.MaxIntervalDays))]
    [InlineData(28, 28, "")]
    [InlineData(28, 42, "")]
    [InlineData(7, 120, "")]
    [InlineData(6, 42, nameof(CreatePlanCommand.MinIntervalDays))]
    [InlineData(28, 121, nameof(CreatePlanCommand.MaxIntervalDays))]
    public void The_interval_range_must_be_ordered_and_bounded(int minDays, int maxDays, string refusedField)
    {
        var command = Commands.Plan(patientId: 1);
        command.MinIntervalDays = minDays;
        command.MaxIntervalDays = maxDays;

        var result = validator.Validate(command);

        Assert.Equal(refusedField, result.IsValid ? "" : Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(90, true)]
    [InlineData(-1, false)]
    [InlineData(91, false)]
    public void Numbing_lead_time_is_0_to_90_minutes(int minutes, bool valid)
    {
        var command = Commands.Plan(patientId: 1);
        command.NumbingLeadMinutes = minutes;

        var result = validator.Validate(command);

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(nameof(CreatePlanCommand.NumbingLeadMinutes), e.PropertyName));
    }

    [Fact]
    public void A_plan_must_name_what_and_where_it_treats()
    {
        var command = Commands.Plan(patientId: 1);
        command.Concerns = [];
        command.Areas = [TreatmentArea.None];

        var fields = validator.Validate(command).Errors.Select(e => e.PropertyName).Order();

        Assert.Equal(["Areas[0]", nameof(CreatePlanCommand.Concerns)], fields);
    }

    [Fact]
    public void An_empty_form_reports_every_missing_number()
    {
        var command = new CreatePlanCommand { PatientId = 1, Concerns = [Concern.Scars], Areas = [TreatmentArea.Face] };

        var fields = validator.Validate(command).Errors.Select(e => e.PropertyName).Order();

        Assert.Equal(
            [
                nameof(CreatePlanCommand.MaxIntervalDays),
                nameof(CreatePlanCommand.MinIntervalDays),
                nameof(CreatePlanCommand.MinutesPerSitting),
                nameof(CreatePlanCommand.NumbingLeadMinutes),
                nameof(CreatePlanCommand.SittingCount),
            ],
            fields);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("Patient moved abroad.", true)]
    public void Cancelling_a_course_needs_a_reason(string reason, bool valid)
    {
        var result = new CancelPlanValidator().Validate(new CancelPlanCommand { PlanId = 1, Reason = reason });

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(nameof(CancelPlanCommand.Reason), e.PropertyName));
    }
}
