using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Reports;

/// <summary>
/// One report over the dates asked for in the query string: each table as a chart, as an accessible table under it, and
/// the whole report as CSV (<c>?handler=Csv</c>). The chart, the table and the CSV are drawn from the same
/// <see cref="Report"/>. A report the user's role may not read is forbidden; an unknown slug is not found.
/// </summary>
public sealed class ReportModel(ReportService reports) : PageModel
{
    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>"week" or "month" (any case); read here rather than by the binder, so a wrong value says what is wanted.</summary>
    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    public ReportKind Kind { get; private set; }

    public string Slug => ReportSlug.Of(Kind);

    /// <summary>The report, or null when the dates asked for could not be reported on (the messages say why).</summary>
    public Report? Result { get; private set; }

    public Task<IActionResult> OnGetAsync(string kind, CancellationToken ct) => BuildAsync(kind, csv: false, ct);

    public Task<IActionResult> OnGetCsvAsync(string kind, CancellationToken ct) => BuildAsync(kind, csv: true, ct);

    private async Task<IActionResult> BuildAsync(string kind, bool csv, CancellationToken ct)
    {
        if (!ReportSlug.TryParse(kind, out var found))
        {
            return NotFound();
        }

        Kind = found;
        if (!ReportAccess.MayRead(found, User.IsInRole))
        {
            return Forbid();
        }

        // A value the binder could not read (a date that does not exist, a word for "by") keeps its message next to its
        // field, and the report waits for a readable one.
        var by = Grouping(By);
        if (by is null && !string.IsNullOrEmpty(By))
        {
            ModelState.AddModelError(nameof(By), "Choose week or month.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var period = await reports.PeriodAsync(new ReportRequest { From = From, To = To, By = by }, ct);
        if (!period.Succeeded)
        {
            ModelState.AddServiceErrors(period, "");
            return Page();
        }

        Result = await reports.BuildAsync(found, period.Value!, ct);
        if (!csv)
        {
            return Page();
        }

        var p = Result.Period;
        var name = $"{Slug}_{p.From:yyyy-MM-dd}_{p.To:yyyy-MM-dd}.csv";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ReportCsv.Write(Result))).ToArray();
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    private static ReportGrouping? Grouping(string? by) => by?.ToLowerInvariant() switch
    {
        "week" => ReportGrouping.Week,
        "month" => ReportGrouping.Month,
        _ => null,
    };

    /// <summary>The link to this report's CSV for the period shown.</summary>
    public string CsvLink() =>
        Result is { Period: var p }
            ? $"/Reports/{Slug}?handler=Csv&from={p.From:yyyy-MM-dd}&to={p.To:yyyy-MM-dd}&by={p.By.ToString().ToLowerInvariant()}"
            : "";

    /// <summary>A value as the table shows it: the CSV's number, with a % sign for percentages; a dash for none.</summary>
    public static string Show(decimal? value, ReportValueFormat format) => value is null
        ? "–"
        : ReportCsv.Number(value, format) + (format == ReportValueFormat.Percent ? "%" : "");

    /// <summary>The charted columns of a table, as the JSON island reports.js reads.</summary>
    public static string ChartData(ReportTable table)
    {
        var charted = table.Columns.Select((c, i) => (Column: c, Index: i)).Where(c => c.Column.Charted).ToList();
        var unit = charted.Count > 0 && charted.All(c => c.Column.Format == ReportValueFormat.Percent) ? "%" : "";
        return JsonSerializer.Serialize(
            new
            {
                kind = table.Chart switch { ChartKind.Line => "line", _ => "bar" },
                stacked = table.Chart == ChartKind.StackedBar,
                unit,
                labels = table.Rows.Select(r => r.Label),
                datasets = charted.Select(c => new
                {
                    label = c.Column.Header,
                    data = table.Rows.Select(r => c.Index < r.Values.Count ? r.Values[c.Index] : null),
                }),
            },
            ChartJson);
    }

    public string PeriodText() => Result is { Period: var p }
        ? $"{p.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to {p.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, by {(p.By == ReportGrouping.Month ? "month" : "week")}"
        : "";

    public bool HasError(string field) => ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid;
}
