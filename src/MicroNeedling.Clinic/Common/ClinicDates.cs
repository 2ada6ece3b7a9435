using FluentValidation;

namespace MicroNeedling.Clinic.Common;

/// <summary>
/// The years the clinic's own dates fall in. A date outside them is a typing mistake or hostile input, and refusing it
/// keeps date arithmetic (AddDays, AddMonths) far from DateOnly's limits.
/// </summary>
public static class ClinicDates
{
    public static readonly DateOnly First = new(2000, 1, 1);

    public static readonly DateOnly Last = new(2100, 12, 31);

    /// <summary>A date the clinic records (a sitting, a closed day, time off, a side effect, a clearance): between 2000 and 2100.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> WithinClinicYears<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.InclusiveBetween(First, Last).WithMessage("Enter a date between 2000 and 2100.");
}
