using System.Text.Json;
using System.Text.RegularExpressions;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Reads the query plan of logged SQL commands on the engine of the test run and lists every read of a table that grows
/// with the clinic's history that is not bounded by an index: SQLite's EXPLAIN QUERY PLAN must show no SCAN of a growing
/// table (nor a seek on a status or kind alone), and PostgreSQL's EXPLAIN (with sequential scans priced out, so that a tiny
/// test table does not make a scan look cheap) must show neither a sequential scan nor an index scan without an index
/// condition on one. SQLite here has no statistics (no ANALYZE), like the seeded and the real databases.
/// </summary>
public static partial class GrowingTableScans
{
    /// <summary>Tables that grow with every patient, sitting and day. The others (rooms, staff, hours, settings) stay small.</summary>
    public static readonly HashSet<string> GrowingTables =
    [
        "Patients", "Screenings", "DoctorClearances", "CoursePlans", "PlannedSittings", "Bookings", "BookingEvents",
        "SittingCharts", "SideEffects", "PatientConsents", "SittingPhotos", "PatientDocuments", "AuditEntries",
        "OutboxMessages", "WaitlistEntries", "MaintenanceRecalls",
    ];

    /// <summary>The reads among the commands: SELECTs and WITH queries.</summary>
    public static List<LoggedCommand> Queries(IEnumerable<LoggedCommand> commands) =>
        commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || c.Sql.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Every unbounded read of a growing table in <paramref name="queries"/>, each with the SQL it is in.</summary>
    public static async Task<List<string>> InAsync(string connectionString, IEnumerable<LoggedCommand> queries)
    {
        var scans = new List<string>();
        foreach (var query in queries)
        {
            var found = TestDatabases.IsPostgreSql ? await PostgreSqlScansAsync(connectionString, query) : await SqliteScansAsync(connectionString, query);
            scans.AddRange(found.Select(scan => $"{scan}\n  in: {query.Sql}"));
        }

        return scans;
    }

    private static async Task<List<string>> SqliteScansAsync(string connectionString, LoggedCommand query)
    {
        var aliases = TableAliases(query.Sql);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var scans = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // "SCAN b" or "SCAN b USING COVERING INDEX ..." reads the whole table or index; "SEARCH b USING INDEX ... (x>?)" seeks.
            var detail = reader.GetString(3);
            var scan = SqliteScan().Match(detail);
            if (scan.Success && aliases.TryGetValue(scan.Groups[1].Value, out var table) && GrowingTables.Contains(table))
            {
                scans.Add($"{table}: {detail}");
            }

            // A seek on a status or kind alone is a scan in disguise: "Status=?" matches most of the table. Without
            // statistics SQLite likes such an index, and it once read every completed booking for one course report.
            var seek = SqliteSeekOnAnEnumAlone().Match(detail);
            if (seek.Success && aliases.TryGetValue(seek.Groups[1].Value, out var sought) && GrowingTables.Contains(sought))
            {
                scans.Add($"{sought}: {detail}");
            }
        }

        return scans;
    }

    private static async Task<List<string>> PostgreSqlScansAsync(string connectionString, LoggedCommand query)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var off = connection.CreateCommand())
        {
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN (FORMAT JSON) " + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        var json = (string)(await command.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        var scans = new List<string>();
        Walk(document.RootElement[0].GetProperty("Plan"), scans);
        return scans;
    }

    private static void Walk(JsonElement node, List<string> scans)
    {
        var type = node.GetProperty("Node Type").GetString();
        if (node.TryGetProperty("Relation Name", out var relation) && GrowingTables.Contains(relation.GetString()!))
        {
            var seeks = node.TryGetProperty("Index Cond", out _);
            if (type == "Seq Scan" || (type is "Index Scan" or "Index Only Scan" && !seeks))
            {
                scans.Add($"{relation.GetString()}: {type}");
            }
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, scans);
            }
        }
    }

    /// <summary>Which table each alias of the SQL stands for: EF Core writes <c>FROM "Bookings" AS "b"</c>.</summary>
    private static Dictionary<string, string> TableAliases(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in AliasPattern().Matches(sql))
        {
            aliases[match.Groups[2].Value] = match.Groups[1].Value;
        }

        foreach (var table in GrowingTables)
        {
            aliases.TryAdd(table, table);
        }

        return aliases;
    }

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex SqliteScan();

    [GeneratedRegex(@"^SEARCH (\w+) USING (?:COVERING )?INDEX \w+ \((?:Status|Kind|Outcome|Severity)=\?\)$")]
    private static partial Regex SqliteSeekOnAnEnumAlone();
}
