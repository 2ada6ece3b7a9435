using System.Globalization;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>What the rules found in a chart: refusals by field, warnings the clinician must confirm, and a caution to show.</summary>
public sealed record ChartCheck(IReadOnlyList<ServiceError> Errors, IReadOnlyList<string> Warnings, string? Caution);

/// <summary>The facts of one chart that the rules judge, gathered by the service (durations from the stored UTC instants).</summary>
public sealed record ChartFacts(
    IReadOnlyList<(int Index, ChartAreaRow Row)> Areas,
    IReadOnlyDictionary<NeedlingArea, DepthRange> Ranges,
    TimeSpan NumbingOn,
    int NumbingLeadMinutes,
    TimeSpan Needling,
    FitzpatrickType? SkinType);

/// <summary>Pure charting rules. The service gathers the data; these decide.</summary>
public static class ChartRules
{
    public static ChartCheck Check(ChartFacts facts)
    {
        var errors = new List<ServiceError>();
        foreach (var (index, row) in facts.Areas)
        {
            if (row.Area is not { } area || row.DepthMm is not { } depth)
            {
                continue;
            }

            var problem = DepthProblem(area, depth, row.OutOfRangeReason, facts.Ranges.GetValueOrDefault(area));
            if (problem is not null)
            {
                errors.Add(new ServiceError($"{nameof(ChartSittingCommand.Areas)}[{index}].{nameof(ChartAreaRow.DepthMm)}", problem));
            }
        }

        var warnings = new[] { NumbingWarning(facts.NumbingOn, facts.NumbingLeadMinutes), NeedlingWarning(facts.Needling) }
            .OfType<string>().ToList();
        return new ChartCheck(errors, warnings, SkinTypeCaution(facts.SkinType));
    }

    /// <summary>A depth outside the clinic's safe range for the area is refused unless the clinician gives a reason.</summary>
    public static string? DepthProblem(NeedlingArea area, decimal depth, string? outOfRangeReason, DepthRange? range)
    {
        if (range is null || range.Contains(depth) || !string.IsNullOrWhiteSpace(outOfRangeReason))
        {
            return null;
        }

        return $"{Mm(depth)} mm is outside the safe range for {FlagsList.DisplayName(area)} ({Describe(range)}). Give a reason to go ahead.";
    }

    /// <summary>Numbing cream that was on for less than the course's lead time warns: the patient may feel more.</summary>
    public static string? NumbingWarning(TimeSpan numbingOn, int leadMinutes)
    {
        var minutes = (int)Math.Round(numbingOn.TotalMinutes);
        return minutes < leadMinutes
            ? $"The numbing cream was on for {minutes} minutes, less than the course's lead time of {leadMinutes} minutes. Save anyway?"
            : null;
    }

    /// <summary>The procedure itself takes 10 to 20 minutes (docs/domain.md); outside that warns.</summary>
    public static string? NeedlingWarning(TimeSpan needling)
    {
        var minutes = (int)Math.Round(needling.TotalMinutes);
        return minutes is < PlanLimits.MinProcedureMinutes or > PlanLimits.MaxProcedureMinutes
            ? $"The needling took {minutes} minutes, outside the usual {PlanLimits.MinProcedureMinutes} to {PlanLimits.MaxProcedureMinutes}. Save anyway?"
            : null;
    }

    /// <summary>Fitzpatrick IV–VI: shown as a caution, never blocking.</summary>
    public static string? SkinTypeCaution(FitzpatrickType? skinType) =>
        skinType is >= FitzpatrickType.IV
            ? $"Fitzpatrick skin type {FlagsList.DisplayName(skinType.Value)}: a higher risk of post-inflammatory hyperpigmentation, so shallower depths are preferred."
            : null;

    /// <summary>"0.5–1.0 mm", or "0.25 mm" for a range of one depth.</summary>
    public static string Describe(DepthRange range) =>
        range.MinMm == range.MaxMm ? $"{Mm(range.MinMm)} mm" : $"{Mm(range.MinMm)}–{Mm(range.MaxMm)} mm";

    public static string Mm(decimal depth) => depth.ToString("0.0#", CultureInfo.InvariantCulture);
}
