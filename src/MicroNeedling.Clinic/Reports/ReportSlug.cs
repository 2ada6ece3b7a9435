namespace MicroNeedling.Clinic.Reports;

/// <summary>The name of each report in its address (/Reports/no-shows) and in its CSV file's name.</summary>
public static class ReportSlug
{
    private static readonly Dictionary<ReportKind, string> Slugs = new()
    {
        [ReportKind.Utilisation] = "utilisation",
        [ReportKind.NoShows] = "no-shows",
        [ReportKind.Courses] = "courses",
        [ReportKind.Screening] = "screening",
        [ReportKind.AdverseEvents] = "adverse-events",
    };

    public static string Of(ReportKind kind) => Slugs[kind];

    /// <summary>The report a slug names (exact, lower case), or false for anything else.</summary>
    public static bool TryParse(string? slug, out ReportKind kind)
    {
        foreach (var (k, s) in Slugs)
        {
            if (string.Equals(s, slug, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
