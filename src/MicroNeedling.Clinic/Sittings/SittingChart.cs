using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>The areas the depth chart of docs/domain.md knows, each with its own safe needle-depth range.</summary>
public enum NeedlingArea
{
    [Display(Name = "Forehead")] Forehead = 1,
    [Display(Name = "Around the eyes")] AroundEyes = 2,
    [Display(Name = "Upper lip")] UpperLip = 3,
    [Display(Name = "Cheeks and chin")] CheeksAndChin = 4,
    [Display(Name = "Acne scars")] AcneScars = 5,
    [Display(Name = "Stretch marks (abdomen, thighs)")] StretchMarks = 6,
    [Display(Name = "Scalp (alopecia)")] Scalp = 7,
}

public enum ImmediateReaction
{
    [Display(Name = "None")] None = 0,
    [Display(Name = "Redness")] Redness = 1,
    [Display(Name = "Irritation")] Irritation = 2,
    [Display(Name = "Pinpoint bleeding")] PinpointBleeding = 3,
    [Display(Name = "Other")] Other = 4,
}

/// <summary>
/// The chart of one sitting. Charts are versioned: completing the chart writes version 1; every later change is an
/// amendment that writes a new version with its reason and marks the previous one as no longer current, so the
/// original is always kept.
/// </summary>
public sealed class SittingChart : IStamped
{
    public int Id { get; set; }

    public int BookingId { get; set; }

    public int Version { get; set; }

    public bool IsCurrent { get; set; }

    /// <summary>Why this version replaced the previous one; null for the original.</summary>
    public string? AmendmentReason { get; set; }

    public string NumbingProduct { get; set; } = "";

    public DateTime NumbingAppliedAtUtc { get; set; }

    public DateTime NumbingRemovedAtUtc { get; set; }

    public string Device { get; set; } = "";

    public string CartridgeLot { get; set; } = "";

    public List<ChartArea> Areas { get; set; } = [];

    public string SerumProduct { get; set; } = "";

    public DateTime ProcedureStartUtc { get; set; }

    public DateTime ProcedureEndUtc { get; set; }

    public ImmediateReaction Reaction { get; set; }

    public string? ReactionOther { get; set; }

    public string? Notes { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>One treated area of a chart: where, how deep and how many passes.</summary>
public sealed class ChartArea
{
    public int Id { get; set; }

    public int SittingChartId { get; set; }

    public NeedlingArea Area { get; set; }

    public decimal DepthMm { get; set; }

    public int Passes { get; set; }

    /// <summary>Required when the depth is outside the clinic's safe range for the area.</summary>
    public string? OutOfRangeReason { get; set; }
}

/// <summary>The clinic's safe needle-depth range for an area; defaults from docs/domain.md, editable by an Admin.</summary>
public sealed class DepthRange
{
    public int Id { get; set; }

    public NeedlingArea Area { get; set; }

    public decimal MinMm { get; set; }

    public decimal MaxMm { get; set; }

    public bool Contains(decimal depth) => MinMm <= depth && depth <= MaxMm;
}
