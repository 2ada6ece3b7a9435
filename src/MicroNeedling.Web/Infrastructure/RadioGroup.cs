using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>What the _RadioGroup partial needs: a question answered by exactly one of a few options, with no default.</summary>
public sealed record RadioGroup(string Name, string Legend, IReadOnlyList<(string Value, string Label)> Options, string? Selected, string? Error)
{
    public string IdPrefix => Name.Replace('.', '_');

    public string ErrorId => $"{IdPrefix}-error";

    public static RadioGroup YesNo(string name, string legend, bool? value, ModelStateDictionary modelState) =>
        new(name, legend, [("true", "Yes"), ("false", "No")], value switch { true => "true", false => "false", null => null }, ErrorFor(name, modelState));

    public static RadioGroup Of(string name, string legend, IReadOnlyList<(string Value, string Label)> options, string? selected, ModelStateDictionary modelState) =>
        new(name, legend, options, selected, ErrorFor(name, modelState));

    private static string? ErrorFor(string name, ModelStateDictionary modelState) =>
        modelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
}
