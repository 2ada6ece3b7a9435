using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Audit;

/// <summary>
/// The audit trail for admins: entries newest first, filtered by user, patient and clinic-local dates, and the chain check.
/// The patient is found by name (the "patient" box); the one picked is kept in the address as patientId, so a filtered
/// list can be bookmarked and the links from the table lead to one patient's entries.
/// </summary>
public sealed class IndexModel(AuditService audit, PatientService patients, ClinicDisplay display) : PageModel
{
    /// <summary>Longest patient search accepted: longer than any first and last name the patient form allows.</summary>
    public const int MaxPatientSearchLength = 200;

    /// <summary>The form key of the patient box; its messages also carry the ones about <see cref="PatientId"/>.</summary>
    public const string PatientField = "patient";

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    /// <summary>The name typed to find a patient.</summary>
    [BindProperty(SupportsGet = true, Name = PatientField)]
    public string? PatientSearch { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PatientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    // Not "page": Razor Pages reserves that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Null when the filters need correcting first.</summary>
    public AuditPage? Results { get; private set; }

    public IReadOnlyDictionary<int, string> PatientNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>The patient the list is filtered by, once found.</summary>
    public PatientListItem? Patient { get; private set; }

    /// <summary>The patients a name matched when it matched more than one, to pick from.</summary>
    public IReadOnlyList<PatientListItem> PatientChoices { get; private set; } = [];

    public ChainVerification? Verification { get; private set; }

    private ClinicTime? clinicTime;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await audit.VerifyChainAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public string Local(DateTime utc) => clinicTime!.ToLocal(utc).ToString("d MMM yyyy HH:mm:ss");

    public string PageLink(int page) => FilterLink(PatientId, page);

    /// <summary>This list with the patient filter set to <paramref name="patientId"/>, the other filters kept.</summary>
    public string FilterLink(int? patientId, int page = 1) => Url.Page("/Admin/Audit/Index", new
    {
        userName = UserName,
        patientId,
        from = From?.ToString("yyyy-MM-dd"),
        to = To?.ToString("yyyy-MM-dd"),
        p = page == 1 ? (int?)null : page,
    })!;

    public string PatientLink(int patientId) => Url.Page("/Admin/Audit/Index", new { patientId })!;

    /// <summary>The messages of the patient box: about the name typed, or about a patient number in the address.</summary>
    public IEnumerable<string> PatientErrors => new[] { PatientField, nameof(PatientId) }
        .SelectMany(key => ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : []);

    private async Task LoadAsync(CancellationToken ct)
    {
        clinicTime = ClinicTime.For((await display.SettingsAsync()).TimeZoneId);
        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The end date must be on or after the start date.");
        }

        // Dates typed into the address are checked like form dates: 9999-12-31 would overflow the day after it.
        foreach (var (field, date) in new[] { (nameof(From), From), (nameof(To), To) })
        {
            if (date is { } d && (d < ClinicDates.First || d > ClinicDates.Last))
            {
                ModelState.AddModelError(field, $"Enter a date between {ClinicDates.First:yyyy} and {ClinicDates.Last:yyyy}.");
            }
        }

        await FindPatientAsync(ct);

        // A filter that did not parse (a malformed date or number in the URL) has its message next to its field;
        // the list waits until the filters make sense rather than silently ignoring one.
        if (new[] { nameof(UserName), PatientField, nameof(PatientId), nameof(From), nameof(To) }.Any(f => ModelState.GetFieldValidationState(f) == ModelValidationState.Invalid))
        {
            return;
        }

        Results = await audit.SearchAsync(new AuditFilter(UserName, PatientId, From, To), PageNumber, ct);
        PatientNames = await audit.PatientNamesAsync(Results.Items, ct);
    }

    /// <summary>
    /// Turns the patient box into one patient: a patientId in the address wins (a link from the table or the pick list);
    /// otherwise the name typed must match exactly one patient, as on the patients list (each word starts a name).
    /// </summary>
    private async Task FindPatientAsync(CancellationToken ct)
    {
        if (ModelState.GetFieldValidationState(nameof(PatientId)) == ModelValidationState.Invalid)
        {
            return;
        }

        if (PatientId is { } id)
        {
            var found = id > 0 ? await patients.FindAsync(id, ct) : null;
            if (found is null)
            {
                ModelState.AddModelError(PatientField, id > 0 ? "No patient has that number. Search by name instead." : "Enter a patient number, 1 or more.");
                return;
            }

            Patient = new PatientListItem(found.Id, found.FirstName, found.LastName, found.DateOfBirth, found.Phone);
            PatientSearch = $"{found.FirstName} {found.LastName}";
            return;
        }

        var search = PatientSearch?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            return;
        }

        if (search.Length > MaxPatientSearchLength)
        {
            ModelState.AddModelError(PatientField, $"Enter at most {MaxPatientSearchLength} characters of the patient's name.");
            return;
        }

        var matches = await patients.SearchAsync(search, null, 1, ct);
        switch (matches.TotalCount)
        {
            case 0:
                ModelState.AddModelError(PatientField, $"No patient matches \"{search}\". Type the start of the first or last name, or both.");
                break;
            case 1:
                Patient = matches.Items[0];
                PatientId = Patient.Id;
                break;
            default:
                PatientChoices = matches.Items;
                ModelState.AddModelError(PatientField, matches.TotalCount > matches.Items.Count
                    ? $"{matches.TotalCount} patients match \"{search}\". Type more of the name; the first {matches.Items.Count} are below."
                    : $"{matches.TotalCount} patients match \"{search}\". Pick one below.");
                break;
        }
    }
}
