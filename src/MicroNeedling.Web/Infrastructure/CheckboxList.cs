using MicroNeedling.Clinic.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroNeedling.Web.Infrastructure;

public sealed record CheckboxOption(string Value, string Label, bool Selected);

/// <summary>What the _CheckboxList partial needs to render a multi-select of a flags enum.</summary>
public sealed record CheckboxList(string Name, string Legend, IReadOnlyList<CheckboxOption> Options, string? Error)
{
    public string IdPrefix => Name.Replace('.', '_');

    public string ErrorId => $"{IdPrefix}-error";

    public static CheckboxList For<TEnum>(string name, string legend, IEnumerable<TEnum> selected, ModelStateDictionary modelState)
        where TEnum : struct, Enum
    {
        var chosen = selected.ToHashSet();
        var options = FlagsList.Options<TEnum>()
            .Select(v => new CheckboxOption(v.ToString(), FlagsList.DisplayName(v), chosen.Contains(v)))
            .ToList();
        var errors = modelState
            .Where(e => e.Key == name || e.Key.StartsWith(name + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors)
            .Select(e => e.ErrorMessage)
            .Distinct()
            .ToList();
        return new CheckboxList(name, legend, options, errors.Count == 0 ? null : string.Join(" ", errors));
    }
}
