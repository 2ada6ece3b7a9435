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
}
