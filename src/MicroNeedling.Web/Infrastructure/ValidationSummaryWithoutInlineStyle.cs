using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// MVC's validation summary adds <c>&lt;li style="display:none"&gt;&lt;/li&gt;</c> as a placeholder for client-side
/// validation scripts, which this app does not use. The Content Security Policy refuses inline styles, so the browser
/// would report a violation on every form shown with errors; this runs after MVC's tag helper and drops the placeholder.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutInlineStyle : TagHelper
{
    private const string Placeholder = "<li style=\"display:none\"></li>";

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var content = output.PostContent.GetContent();
        if (content.Contains(Placeholder, StringComparison.Ordinal))
        {
            output.PostContent.SetHtmlContent(content.Replace(Placeholder, "", StringComparison.Ordinal));
        }
    }
}
