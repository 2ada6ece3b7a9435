using System.Data.Common;
using System.Diagnostics;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// The clinical reports must stay fast at a million sittings, so none of their queries may read a whole table: every
/// SQL command a report sends is explained by SQLite, and the plan must reach each table through an index.
/// </summary>
public sealed class ClinicalReportQueryPlanTests
{
    [Theory]
    [InlineData(ReportKind.Courses)]
    [InlineData(ReportKind.Screening)]
    [InlineData(ReportKind.AdverseEvents)]
    public async Task Every_query_of_the_report_reads_its_tables_through_an_index(ReportKind kind)
    {
        if (TestDatabases.IsPostgreSql)
        {
            return; // PostgreSQL's planner scans tables this small whatever the indexes; the plan is checked on SQLite.
        }

        using var clinic = await ClinicalReportsClinic.OpenAsync("2026-10-01 09:00");
        var commands = await SqlCapture.DuringAsync(() => clinic.ReportAsync(kind, "2026-01-01", "2026-12-31"));

        var clinicalTables = new[] { "CoursePlans", "PlannedSittings", "Bookings", "Screenings", "DoctorClearances", "SideEffects" };
        var reportQueries = commands.Where(c => clinicalTables.Any(t => c.Text.Contains($"\"{t}\"", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(reportQueries);
        foreach (var command in reportQueries)
        {
            var plan = await clinic.Host.QueryAsync(db => ExplainAsync(db, command));
            // "SEARCH t USING INDEX …" seeks a range; "SCAN t" (even "USING INDEX") reads every row of the table.
            var scans = plan.Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal) && line != "SCAN CONSTANT ROW").ToList();
            Assert.True(scans.Count == 0, $"A table scan in\n{command.Text}\n\nPlan:\n{string.Join('\n', plan)}");
        }
    }

    private static async Task<List<string>> ExplainAsync(DbContext db, CapturedCommand captured)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + captured.Text;
        foreach (var (name, value) in captured.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    private sealed record CapturedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>Collects the SQL EF Core sends within one async flow (other tests run in parallel and are left out).</summary>
    private sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private static readonly AsyncLocal<List<CapturedCommand>?> Current = new();
        private static readonly SqlCapture Instance = new();
        private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(Instance);

        public static async Task<List<CapturedCommand>> DuringAsync(Func<Task> action)
        {
            GC.KeepAlive(Subscription);
            var captured = new List<CapturedCommand>();
            Current.Value = captured;
            try
            {
                await action();
            }
            finally
            {
                Current.Value = null;
            }

            return captured;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Current.Value is { } captured)
            {
                lock (captured)
                {
                    captured.Add(new CapturedCommand(data.Command.CommandText,
                        data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
