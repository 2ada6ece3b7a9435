using System.Globalization;
using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// A report covers clinic days from 2000 up to two years ahead, its start on or before its end, at most
/// <see cref="ReportPeriod.MaxDays"/> days. Run on the completed request (<see cref="ReportRequest.Completed"/>), so the
/// defaults are checked too.
/// </summary>
public sealed class ReportRequestValidator : AbstractValidator<ReportRequest>
{
    public const int YearsAhead = 2;

    public ReportRequestValidator(TimeProvider time)
    {
        DateOnly Latest() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(YearsAhead);
        string Range() => $"Enter a date between {ClinicDates.First.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} and {Latest().ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.";

        RuleFor(r => r.From).NotNull().WithMessage("Enter the first day of the report.")
            .Must(d => d is null || (d >= ClinicDates.First && d <= Latest())).WithMessage(_ => Range());
        RuleFor(r => r.To).NotNull().WithMessage("Enter the last day of the report.")
            .Must(d => d is null || (d >= ClinicDates.First && d <= Latest())).WithMessage(_ => Range());
        RuleFor(r => r.By).IsInEnum().WithMessage("Choose week or month.");

        When(r => r.From is { } from && r.To is { } to && from >= ClinicDates.First && to <= Latest(), () =>
        {
            RuleFor(r => r.To).Must((r, to) => r.From <= to)
                .WithMessage("The last day must be on or after the first day.");
            RuleFor(r => r.To).Must((r, to) => r.From > to || to!.Value.DayNumber - r.From!.Value.DayNumber + 1 <= ReportPeriod.MaxDays)
                .WithMessage($"A report covers at most {ReportPeriod.MaxDays} days (two years): choose a shorter range.");
        });
    }
}
