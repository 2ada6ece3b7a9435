using MicroNeedling.Clinic.Reports;
using Microsoft.Extensions.Time.Testing;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>The period a report may be asked for, and the CSV a report is written as: pure rules, table-driven.</summary>
public sealed class ReportRequestAndCsvTests
{
    private static readonly DateOnly Today = new(2026, 3, 10); // a Tuesday
    private static readonly ReportRequestValidator Validator = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero)));

    public static TheoryData<string?, string?, ReportGrouping?, string, string, ReportGrouping> Completions => new()
    {
        // from, to, by (as typed) → from, to, by (as reported)
        { null, null, null, "2025-12-22", "2026-03-10", ReportGrouping.Week }, // this week and the 11 before: Monday 22 Dec
        { null, null, ReportGrouping.Month, "2025-12-22", "2026-03-10", ReportGrouping.Month },
        { "2026-01-01", null, null, "2026-01-01", "2026-03-10", ReportGrouping.Week }, // 12 weeks from it reach past today
        { "2025-01-01", null, null, "2025-01-01", "2025-03-25", ReportGrouping.Week }, // 84 days from it
        { "2026-06-01", null, null, "2026-06-01", "2026-08-23", ReportGrouping.Week }, // a future start: 84 days from it
        { null, "2026-02-28", null, "2025-12-07", "2026-02-28", ReportGrouping.Week }, // the 84 days up to it
        { "2026-02-01", "2026-02-28", ReportGrouping.Month, "2026-02-01", "2026-02-28", ReportGrouping.Month },
    };

    [Theory]
    [MemberData(nameof(Completions))]
    public void A_request_with_gaps_is_completed_from_today(string? from, string? to, ReportGrouping? by, string expectedFrom, string expectedTo, ReportGrouping expectedBy)
    {
        var completed = new ReportRequest { From = Parse(from), To = Parse(to), By = by }.Completed(Today);

        Assert.Equal(new ReportPeriod(DateOnly.Parse(expectedFrom), DateOnly.Parse(expectedTo), expectedBy), completed.ToPeriod());
        Assert.True(Validator.Validate(completed).IsValid);
    }

    public static TheoryData<string, string, int, string, string> Refusals => new()
    {
        // from, to, by → the field refused and (part of) its message
        { "1999-12-31", "2000-01-05", 0, "From", "Enter a date between 1 Jan 2000 and 10 Mar 2028." },
        { "2026-01-01", "2028-03-11", 0, "To", "Enter a date between 1 Jan 2000 and 10 Mar 2028." },
        { "0001-01-01", "2026-01-02", 0, "From", "Enter a date between" },
        { "2026-03-10", "2026-03-09", 0, "To", "The last day must be on or after the first day." },
        { "2024-01-01", "2026-01-01", 0, "To", "at most 731 days" },
        { "2026-01-01", "2026-01-31", 7, "By", "Choose week or month." },
        { "2026-01-01", "2026-01-31", -1, "By", "Choose week or month." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_period_outside_the_rules_is_refused_with_a_message_on_its_field(string from, string to, int by, string field, string message)
    {
        var result = Validator.Validate(new ReportRequest { From = DateOnly.Parse(from), To = DateOnly.Parse(to), By = (ReportGrouping)by });

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.PropertyName);
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-01-02", "2026-01-01", true)] // 731 days, both ends included
    [InlineData("2024-01-01", "2026-01-01", false)] // 732
    [InlineData("2026-03-10", "2026-03-10", true)] // one day
    [InlineData("2000-01-01", "2000-01-01", true)]
    [InlineData("2028-03-10", "2028-03-10", true)] // two years ahead, the last day allowed
    public void The_longest_and_the_shortest_periods_are_allowed(string from, string to, bool valid) =>
        Assert.Equal(valid, Validator.Validate(new ReportRequest { From = DateOnly.Parse(from), To = DateOnly.Parse(to), By = ReportGrouping.Week }).IsValid);

    [Theory]
    [InlineData("Plain", "Plain")]
    [InlineData("", "")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1:A2)", "'+SUM(A1:A2)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("Smith, Anna", "\"Smith, Anna\"")]
    [InlineData("Say \"hi\"", "\"Say \"\"hi\"\"\"")]
    [InlineData("Two\nlines", "\"Two\nlines\"")]
    [InlineData("Mid=dle", "Mid=dle")]
    public void A_text_cell_is_quoted_and_defused(string text, string cell) => Assert.Equal(cell, ReportCsv.Text(text));

    [Theory]
    [InlineData(null, ReportValueFormat.Count, "")]
    [InlineData(3.0, ReportValueFormat.Count, "3")]
    [InlineData(1234567.0, ReportValueFormat.Count, "1234567")]
    [InlineData(42.5, ReportValueFormat.Percent, "42.5")]
    [InlineData(40.0, ReportValueFormat.Percent, "40.0")]
    [InlineData(0.05, ReportValueFormat.OneDecimal, "0.1")]
    [InlineData(12.34, ReportValueFormat.Days, "12.3")]
    public void A_number_is_written_in_the_invariant_culture_with_its_decimals(double? value, ReportValueFormat format, string cell)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // a decimal comma, a dot for thousands
        try
        {
            Assert.Equal(cell, ReportCsv.Number((decimal?)value, format));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_report_is_written_as_one_section_per_table_with_crlf_line_ends()
    {
        var report = new Report(ReportKind.NoShows, "No-shows", new ReportPeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), ReportGrouping.Week),
        [
            new ReportTable("by-week", "By week", "Week starting",
                [new ReportColumn("No-shows", ReportValueFormat.Count), new ReportColumn("Rate", ReportValueFormat.Percent, Charted: false)],
                [new ReportRow("2 Mar 2026", [1, 12.5m]), new ReportRow("9 Mar 2026", [0, null])],
                ChartKind.StackedBar),
            new ReportTable("by-clinician", "By clinician", "Clinician",
                [new ReportColumn("Hours, booked", ReportValueFormat.OneDecimal)],
                [new ReportRow("=cmd|' /C calc'!A0", [3.25m]), new ReportRow("O'Brien, \"Sam\"", [0])],
                ChartKind.Bar),
        ]);

        Assert.Equal(
            "\"No-shows, 2026-03-02 to 2026-03-15\"\r\n"
            + "\r\n"
            + "By week\r\n"
            + "Week starting,No-shows,Rate\r\n"
            + "2 Mar 2026,1,12.5\r\n"
            + "9 Mar 2026,0,\r\n"
            + "\r\n"
            + "By clinician\r\n"
            + "Clinician,\"Hours, booked\"\r\n"
            + "'=cmd|' /C calc'!A0,3.3\r\n"
            + "\"O'Brien, \"\"Sam\"\"\",0.0\r\n",
            ReportCsv.Write(report));
    }

    private static DateOnly? Parse(string? date) => date is null ? null : DateOnly.Parse(date);
}
