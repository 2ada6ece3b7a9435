using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>One treated area as the chart form edits it. A row left wholly blank is ignored, so the form can offer spare rows.</summary>
public sealed class ChartAreaRow
{
    public NeedlingArea? Area { get; set; }

    public decimal? DepthMm { get; set; }

    public int? Passes { get; set; }

    /// <summary>Why the clinician goes outside the clinic's safe depth range for the area; required only then.</summary>
    public string? OutOfRangeReason { get; set; }

    public bool IsBlank => Area is null && DepthMm is null && Passes is null && string.IsNullOrWhiteSpace(OutOfRangeReason);
}

/// <summary>
/// The chart of one sitting: completing it (version 1) or amending it (a new version with a reason). Times are the
/// clinic's local wall-clock times on the day of the sitting; the service stores them as UTC instants.
/// </summary>
public sealed class ChartSittingCommand
{
    public const int MaxTextLength = 200;
    public const int MaxReactionOtherLength = 500;
    public const int MaxReasonLength = 1000;
    public const int MaxNotesLength = 4000;
    public const decimal MinDepthMm = 0.1m;
    public const decimal MaxDepthMm = 3.0m;
    public const int MinPasses = 1;
    public const int MaxPasses = 10;

    public int BookingId { get; set; }

    public string NumbingProduct { get; set; } = "";

    public TimeOnly? NumbingApplied { get; set; }

    public TimeOnly? NumbingRemoved { get; set; }

    public string Device { get; set; } = "";

    public string CartridgeLot { get; set; } = "";

    public List<ChartAreaRow> Areas { get; set; } = [];

    public string SerumProduct { get; set; } = "";

    public TimeOnly? ProcedureStart { get; set; }

    public TimeOnly? ProcedureEnd { get; set; }

    public ImmediateReaction? Reaction { get; set; }

    /// <summary>Required when <see cref="Reaction"/> is Other.</summary>
    public string? ReactionOther { get; set; }

    public string? Notes { get; set; }

    /// <summary>The clinician saw the warnings (short numbing, needling outside 10–20 minutes) and saves anyway.</summary>
    public bool ConfirmWarnings { get; set; }

    /// <summary>Why the chart is changed; required only when amending.</summary>
    public string? AmendmentReason { get; set; }

    /// <summary>When amending: the version the clinician started from, so a colleague's amendment saved meanwhile is not silently undone.</summary>
    public int? BaseVersion { get; set; }

    /// <summary>The rows that hold anything, with their index in <see cref="Areas"/> so messages land on the right row.</summary>
    public IEnumerable<(int Index, ChartAreaRow Row)> FilledAreas() =>
        Areas.Select((row, index) => (index, row)).Where(x => !x.row.IsBlank);
}

public sealed class ChartSittingValidator : AbstractValidator<ChartSittingCommand>
{
    public ChartSittingValidator()
    {
        RuleFor(c => c.NumbingProduct).NotEmpty().WithMessage("Enter the numbing cream used.")
            .MaximumLength(ChartSittingCommand.MaxTextLength).WithMessage($"At most {ChartSittingCommand.MaxTextLength} characters.");
        RuleFor(c => c.NumbingApplied).NotNull().WithMessage("Enter the time the numbing cream went on.");
        RuleFor(c => c.NumbingRemoved).NotNull().WithMessage("Enter the time the numbing cream came off.");
        RuleFor(c => c.NumbingRemoved).Must((c, removed) => removed > c.NumbingApplied)
            .WithMessage("The numbing cream must come off after it went on.")
            .When(c => c.NumbingApplied is not null && c.NumbingRemoved is not null);

        RuleFor(c => c.Device).NotEmpty().WithMessage("Enter the device used.")
            .MaximumLength(ChartSittingCommand.MaxTextLength).WithMessage($"At most {ChartSittingCommand.MaxTextLength} characters.");
        RuleFor(c => c.CartridgeLot).NotEmpty().WithMessage("Enter the needle cartridge's lot number.")
            .MaximumLength(ChartSittingCommand.MaxTextLength).WithMessage($"At most {ChartSittingCommand.MaxTextLength} characters.");
        RuleFor(c => c.SerumProduct).NotEmpty().WithMessage("Enter the serum or cream applied afterwards.")
            .MaximumLength(ChartSittingCommand.MaxTextLength).WithMessage($"At most {ChartSittingCommand.MaxTextLength} characters.");

        RuleFor(c => c.Areas).Must(areas => areas.Exists(a => !a.IsBlank)).WithMessage("Record at least one treated area.");
        RuleForEach(c => c.Areas).Where(a => !a.IsBlank).ChildRules(row =>
        {
            row.RuleFor(a => a.Area).NotNull().WithMessage("Choose the area.")
                .IsInEnum().WithMessage("Choose an area from the list.");
            row.RuleFor(a => a.DepthMm).NotNull().WithMessage("Enter the needle depth.")
                .InclusiveBetween(ChartSittingCommand.MinDepthMm, ChartSittingCommand.MaxDepthMm)
                .WithMessage($"The depth must be between {ChartSittingCommand.MinDepthMm} and {ChartSittingCommand.MaxDepthMm} mm.");
            row.RuleFor(a => a.Passes).NotNull().WithMessage("Enter the number of passes.")
                .InclusiveBetween(ChartSittingCommand.MinPasses, ChartSittingCommand.MaxPasses)
                .WithMessage($"Between {ChartSittingCommand.MinPasses} and {ChartSittingCommand.MaxPasses} passes.");
            row.RuleFor(a => a.OutOfRangeReason).MaximumLength(ChartSittingCommand.MaxReasonLength)
                .WithMessage($"At most {ChartSittingCommand.MaxReasonLength} characters.");
        });
        RuleFor(c => c).Custom((command, context) =>
        {
            var seen = new HashSet<NeedlingArea>();
            foreach (var (index, row) in command.FilledAreas())
            {
                if (row.Area is { } area && !seen.Add(area))
                {
                    context.AddFailure($"{nameof(ChartSittingCommand.Areas)}[{index}].{nameof(ChartAreaRow.Area)}",
                        $"{FlagsList.DisplayName(area)} is already listed. Record each area once.");
                }
            }
        });

        RuleFor(c => c.ProcedureStart).NotNull().WithMessage("Enter the time the needling started.");
        RuleFor(c => c.ProcedureEnd).NotNull().WithMessage("Enter the time the needling ended.");
        RuleFor(c => c.ProcedureEnd).Must((c, end) => end > c.ProcedureStart)
            .WithMessage("The needling must end after it started.")
            .When(c => c.ProcedureStart is not null && c.ProcedureEnd is not null);

        RuleFor(c => c.Reaction).NotNull().WithMessage("Choose the immediate reaction (\"None\" if there was none).")
            .IsInEnum().WithMessage("Choose a reaction from the list.");
        RuleFor(c => c.ReactionOther).NotEmpty().WithMessage("Describe the reaction.")
            .When(c => c.Reaction == ImmediateReaction.Other);
        RuleFor(c => c.ReactionOther).MaximumLength(ChartSittingCommand.MaxReactionOtherLength)
            .WithMessage($"At most {ChartSittingCommand.MaxReactionOtherLength} characters.");
        RuleFor(c => c.Notes).MaximumLength(ChartSittingCommand.MaxNotesLength)
            .WithMessage($"Notes can be at most {ChartSittingCommand.MaxNotesLength} characters.");
        RuleFor(c => c.AmendmentReason).MaximumLength(ChartSittingCommand.MaxReasonLength)
            .WithMessage($"The reason can be at most {ChartSittingCommand.MaxReasonLength} characters.");
    }
}

/// <summary>The safe depth range of one area, as the admin form edits it.</summary>
public sealed class DepthRangeRow
{
    public NeedlingArea Area { get; set; }

    public decimal? MinMm { get; set; }

    public decimal? MaxMm { get; set; }
}

/// <summary>Every area's safe needle-depth range, saved at once.</summary>
public sealed class SaveDepthRangesCommand
{
    public List<DepthRangeRow> Ranges { get; set; } = [];
}

public sealed class SaveDepthRangesValidator : AbstractValidator<SaveDepthRangesCommand>
{
    public SaveDepthRangesValidator()
    {
        RuleForEach(c => c.Ranges).ChildRules(row =>
        {
            row.RuleFor(r => r.Area).IsInEnum().WithMessage("Choose an area.");
            row.RuleFor(r => r.MinMm).NotNull().WithMessage(r => $"Enter the shallowest depth for {FlagsList.DisplayName(r.Area)}.")
                .InclusiveBetween(ChartSittingCommand.MinDepthMm, ChartSittingCommand.MaxDepthMm)
                .WithMessage($"Between {ChartSittingCommand.MinDepthMm} and {ChartSittingCommand.MaxDepthMm} mm.");
            row.RuleFor(r => r.MaxMm).NotNull().WithMessage(r => $"Enter the deepest depth for {FlagsList.DisplayName(r.Area)}.")
                .InclusiveBetween(ChartSittingCommand.MinDepthMm, ChartSittingCommand.MaxDepthMm)
                .WithMessage($"Between {ChartSittingCommand.MinDepthMm} and {ChartSittingCommand.MaxDepthMm} mm.");
            row.RuleFor(r => r.MaxMm).Must((r, max) => max >= r.MinMm)
                .WithMessage(r => $"For {FlagsList.DisplayName(r.Area)} the deepest depth cannot be shallower than the shallowest.")
                .When(r => r.MinMm is not null && r.MaxMm is not null);
        });
    }
}
