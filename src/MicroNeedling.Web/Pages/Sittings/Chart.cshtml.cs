using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Sittings;

/// <summary>The chart form: completes a checked-in sitting, or (with ?amend=true) amends a completed sitting's chart.</summary>
public sealed class ChartModel(ChartService charts, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", BookingId, Sitting.PatientId);

    [BindProperty(SupportsGet = true)]
    public int BookingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Amend { get; set; }

    [BindProperty]
    public ChartSittingCommand Input { get; set; } = new();

    public SittingChartView Sitting { get; private set; } = default!;

    public IReadOnlyList<DepthRange> Ranges { get; private set; } = [];

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public string? Refusal => Amend ? Sitting.AmendRefusal : Sitting.ChartRefusal;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = await charts.DraftAsync(BookingId, Amend, ct);
        AddSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        AddSpareRows();
        if (Refusal is not null || !ModelState.IsValid)
        {
            return Page();
        }

        Input.BookingId = BookingId;
        var result = Amend ? await charts.AmendAsync(Input, ct) : await charts.CompleteAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        if (result.Value!.NeedsConfirmation)
        {
            Warnings = result.Value.Warnings;
            return Page();
        }

        TempData["Flash"] = (Amend, result.Value.CourseCompleted) switch
        {
            (true, _) => "The chart is amended. The earlier version is kept in the history.",
            (false, true) => $"The sitting is charted and the course is complete. A maintenance sitting is due from {result.Value.MaintenanceDueOn:d MMMM yyyy}.",
            _ => "The sitting is charted and completed.",
        };
        return RedirectToPage("/Sittings/Details", new { bookingId = BookingId });
    }

    /// <summary>The area choices, each with the clinic's safe depth range as a hint.</summary>
    public string AreaLabel(DepthRange range) => $"{Clinic.Common.FlagsList.DisplayName(range.Area)} ({ChartRules.Describe(range)})";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var sitting = await access.MayOpenBookingAsync(BookingId, ct) ? await charts.LoadAsync(BookingId, ct) : null;
        if (sitting is null)
        {
            return false;
        }

        Sitting = sitting;
        Ranges = await charts.DepthRangesAsync(ct);
        return true;
    }

    /// <summary>A few empty rows after the filled ones, so the clinician can add areas without a round trip.</summary>
    private void AddSpareRows()
    {
        var target = Math.Min(Enum.GetValues<NeedlingArea>().Length, Math.Max(4, Input.Areas.Count(a => !a.IsBlank) + 2));
        while (Input.Areas.Count < target)
        {
            Input.Areas.Add(new ChartAreaRow());
        }
    }
}
