using MicroNeedling.Clinic.Consent;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Consent;

/// <summary>A draft is edited, published or discarded here; a published or superseded version is shown read-only.</summary>
public sealed class EditModel(ConsentTemplateService templates) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SaveConsentTemplateCommand Input { get; set; } = new();

    public ConsentTemplate? Template { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = new SaveConsentTemplateCommand { Title = Template!.Title, Body = Template.Body, ChangesSafetyContent = Template.ChangesSafetyContent };
        return Page();
    }

    /// <param name="publish">Which button: "Save the draft" or "Save and publish".</param>
    public Task<IActionResult> OnPostAsync(bool publish, CancellationToken ct) => SaveAsync(publish, ct);

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await templates.DiscardDraftAsync(Id, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The draft is discarded.";
        return RedirectToPage("Index");
    }

    // Publishing saves what is on the form first, so what the admin sees is what is published.
    private async Task<IActionResult> SaveAsync(bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ModelState.ForgetUnreadableCheckboxValues(nameof(Input.ChangesSafetyContent));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.TemplateId = Id;
        var result = await templates.SaveDraftAsync(Input, ct);
        if (result.Succeeded && publish)
        {
            result = await templates.PublishAsync(Id, ct);
        }

        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = publish
            ? $"Version {Template!.Version} is published; clinicians now present it."
            : "The draft is saved. It is not presented to patients until it is published.";
        return publish ? RedirectToPage("Index") : RedirectToPage("Edit", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Template = await templates.FindAsync(Id, ct);
        return Template is not null;
    }
}
