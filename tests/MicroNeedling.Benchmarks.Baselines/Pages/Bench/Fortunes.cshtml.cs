using MicroNeedling.Clinic.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Benchmarks.Baselines.Pages.Bench;

public sealed record Fortune(int Id, string Message);

/// <summary>
/// TechEmpower's Fortunes test over the clinic's database: 12 rows through a compiled query, one row added in memory,
/// sorted, rendered as an HTML table. It goes through the app's whole pipeline and needs a signed-in user, like the
/// clinic's pages, so the ratio between them is the cost of the clinic's own work.
/// </summary>
public sealed class FortunesModel(ClinicDbContext db) : PageModel
{
    private static readonly Func<ClinicDbContext, IAsyncEnumerable<Fortune>> TwelvePatients =
        EF.CompileAsyncQuery((ClinicDbContext context) =>
            context.Patients.AsNoTracking().OrderBy(p => p.Id).Take(12).Select(p => new Fortune(p.Id, p.FirstName + " " + p.LastName)));

    public List<Fortune> Fortunes { get; } = [];

    public async Task OnGetAsync()
    {
        await foreach (var fortune in TwelvePatients(db))
        {
            Fortunes.Add(fortune);
        }

        Fortunes.Add(new Fortune(0, "Additional fortune added at request time."));
        Fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
    }
}
