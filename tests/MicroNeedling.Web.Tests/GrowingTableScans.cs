using System.Text.Json;
using System.Text.RegularExpressions;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Reads the query plan of logged SQL commands on the engine of the test run and lists every read of a table that grows
/// with the clinic's history that is not bounded by an index: SQLite's EXPLAIN QUERY PLAN must show no SCAN of a growing
/// table (nor a seek on a status or kind alone), and PostgreSQL's EXPLAIN (planned as if each growing table held a million
/// rows, so that a tiny test table does not make a scan look cheap; see <see cref="PostgreSqlScansAsync"/>) must show
/// neither a sequential scan nor an index scan without an index condition on one. SQLite here has no statistics (no ANALYZE), like the seeded and the real databases.
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

    /// <remarks>
    /// The test database holds a few dozen rows, and what the planner makes of them depends on the tests that ran
    /// before and on whether autovacuum had analysed the tables yet: on a tiny table it rightly reads a tiny index whole
    /// (the partial exclusion index on Bookings, all of DoctorClearances for a hash join), so the same test passed on one
    /// run and failed on the next. So the query is planned, in a transaction that is rolled back, as if each growing
    /// table and each of its indexes held a million rows without statistics (the planner's default estimates, so
    /// nothing depends on the test data), with sequential scans priced out. Default estimates still mislead where a
    /// join is concerned (any foreign key looks like 5,000 rows a key), so a query whose plan reads a growing table
    /// unbounded is planned once more with nested loops only, and is reported only when that plan reads one unbounded
    /// too: a read that no index can bound is unbounded in every plan. It needs a superuser (pg_class and pg_statistic
    /// are written), as the throwaway cluster's postgres is.
    /// </remarks>
    private static async Task<List<string>> PostgreSqlScansAsync(string connectionString, LoggedCommand query)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, AsIfEveryGrowingTableHeldAMillionRows);
        var scans = await UnboundedReadsAsync(connection, transaction, query);
        if (scans.Count > 0)
        {
            await ExecuteAsync(connection, transaction, "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
            scans = await UnboundedReadsAsync(connection, transaction, query);
        }

        await transaction.RollbackAsync();
        return scans;
    }

    private static async Task<List<string>> UnboundedReadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LoggedCommand query)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "EXPLAIN (FORMAT JSON) " + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        using var document = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var scans = new List<string>();
        Walk(document.RootElement[0].GetProperty("Plan"), scans);
        return scans;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (sql.Contains("@tables", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter("tables", GrowingTables.ToArray()));
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Until the transaction ends: each growing table and each of its indexes holds a million rows with no statistics, the
    /// exclusion constraints' indexes are out of the planner's sight, and sequential scans are priced out.
    /// </summary>
    private const string AsIfEveryGrowingTableHeldAMillionRows = """
        CREATE TEMP TABLE growing_relations ON COMMIT DROP AS
            SELECT t.oid AS relation FROM pg_class t
            WHERE t.relname = ANY(@tables) AND t.relkind = 'r' AND pg_table_is_visible(t.oid)
            UNION ALL
            SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(@tables) AND t.relkind = 'r' AND pg_table_is_visible(t.oid);
        -- The planner scales reltuples by the pages the file has now, so relpages is set to those: a million rows each.
        UPDATE pg_class SET reltuples = 1000000, relpages = GREATEST(pg_relation_size(oid) / current_setting('block_size')::int, 1)
        WHERE oid IN (SELECT relation FROM growing_relations);
        DELETE FROM pg_statistic WHERE starelid IN (SELECT relation FROM growing_relations);
        -- The exclusion constraints' GiST indexes refuse overlapping bookings; SQLite has none, the reads use the B-tree
        -- indexes both engines share. Without statistics their predicate (live bookings) looks like a small table of its own.
        UPDATE pg_index SET indisvalid = false
        WHERE indexrelid IN (SELECT relation FROM growing_relations)
            AND indexrelid IN (SELECT c.oid FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gist');
        SET LOCAL enable_seqscan = off;
        """;

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
