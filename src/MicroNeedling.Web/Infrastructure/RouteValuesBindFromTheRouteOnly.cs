using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// A page's route values (the <c>{id}</c> of <c>/Bookings/Cancel/{id}</c>) bind from the route only. MVC reads the form
/// before the route, so without this a posted field named <c>Id</c> or <c>BookingId</c> would point the handler at another
/// record than the URL, the one that authorization and the audit trail see (mass assignment, ASVS 5.1.2).
/// </summary>
public sealed class RouteValuesBindFromTheRouteOnly : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var template = model.ActionDescriptor.AttributeRouteInfo?.Template;
        if (string.IsNullOrEmpty(template))
        {
            return;
        }

        var routeValues = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in model.HandlerProperties.Where(p => p.BindingInfo is not null && routeValues.Contains(p.PropertyName)))
        {
            property.BindingInfo!.BindingSource = BindingSource.Path;
        }

        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => routeValues.Contains(p.ParameterName)))
        {
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
    }
}
