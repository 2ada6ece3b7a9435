using MicroNeedling.Clinic.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroNeedling.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Copies the service layer's refusals into ModelState, so each message shows next to its field.</summary>
    public static void AddServiceErrors(this ModelStateDictionary modelState, ServiceResult result, string prefix)
    {
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(error.Field) ? "" : string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}";
            modelState.AddModelError(key, error.Message);
        }
    }

    /// <summary>
    /// The checkbox tag helper reads a refused attempt back as a boolean to decide whether the box is ticked, and
    /// throws on anything but true or false, so a tampered post would end in a 500. Put "false" in place of such an
    /// attempt at <paramref name="propertyName"/>; the binding error stays and is shown next to the box.
    /// </summary>
    public static void ForgetUnreadableCheckboxValues(this ModelStateDictionary modelState, string propertyName)
    {
        var unreadable = modelState
            .Where(e => e.Key.EndsWith("." + propertyName, StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }
                && !bool.TryParse(e.Value.AttemptedValue?.Split(',')[0], out _))
            .Select(e => e.Key)
            .ToList();
        foreach (var key in unreadable)
        {
            modelState.SetModelValue(key, rawValue: false, attemptedValue: "false");
        }
    }

    /// <summary>
    /// Moves a service error from the command's property to the form field that carried it (an uploaded file's input is
    /// named after the page's file property, not after the command's byte array), so the message shows next to the input.
    /// </summary>
    public static void MoveErrors(this ModelStateDictionary modelState, string from, string to)
    {
        if (!modelState.TryGetValue(from, out var entry))
        {
            return;
        }

        foreach (var error in entry.Errors.ToList())
        {
            modelState.AddModelError(to, error.ErrorMessage);
        }

        modelState.Remove(from);
    }
}
