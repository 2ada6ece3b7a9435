using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Ties each input to its error message for screen readers: aria-describedby points at the message,
/// and aria-invalid marks a field whose value was refused.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    // Run after the built-in tag helpers have written id and name.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.Attributes["type"]?.Value?.ToString() is "hidden")
        {
            return;
        }

        var id = TagBuilder.CreateSanitizedId(name, "_");
        if (!output.Attributes.ContainsName("aria-describedby"))
        {
            output.Attributes.SetAttribute("aria-describedby", $"{id}-error");
        }

        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
    }
}

/// <summary>Gives each field's message element the id that <see cref="AccessibleFieldTagHelper"/> points at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", $"{TagBuilder.CreateSanitizedId(name, "_")}-error");
    }
}
