using System.Globalization;
using System.Text;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// A report as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line
/// break, its quotes doubled): a first line naming the report and its period, then one section per table (its title on a
/// line of its own, the header row, the rows) with an empty line between sections. Numbers are written in the invariant
/// culture with the table's decimals, so they are the numbers of the page. A text cell that a spreadsheet would take for a
/// formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
/// </summary>
public static class ReportCsv
{
    private const string LineEnd = "\r\n";

    public static string Write(Report report)
    {
        var csv = new StringBuilder();
        Line(csv, [$"{report.Title}, {report.Period.From:yyyy-MM-dd} to {report.Period.To:yyyy-MM-dd}"]);
        foreach (var table in report.Tables)
        {
            csv.Append(LineEnd);
            Line(csv, [table.Title]);
            Line(csv, [table.RowHeader, .. table.Columns.Select(c => c.Header)]);
            foreach (var row in table.Rows)
            {
                var cells = new List<string> { Text(row.Label) };
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    cells.Add(Number(i < row.Values.Count ? row.Values[i] : null, table.Columns[i].Format));
                }

                csv.Append(string.Join(',', cells)).Append(LineEnd);
            }
        }

        return csv.ToString();
    }

    /// <summary>A number as the CSV holds it: whole for counts, one decimal otherwise, empty for none.</summary>
    public static string Number(decimal? value, ReportValueFormat format) => value switch
    {
        null => "",
        { } v when format == ReportValueFormat.Count => v.ToString("0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>A text cell, neutralised against formula injection and quoted as RFC 4180 requires.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Line(StringBuilder csv, IEnumerable<string> texts) =>
        csv.Append(string.Join(',', texts.Select(Text))).Append(LineEnd);
}
