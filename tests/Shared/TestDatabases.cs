using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroNeedling.Testing;

/// <summary>
/// Which engine the service-layer and HTTP suites run on, and throwaway PostgreSQL databases for them. The same tests run
/// on both: <c>tests/run.sh</c> runs each suite once on SQLite and once on a throwaway PostgreSQL cluster it starts,
/// passing <see cref="ProviderVariable"/> and <see cref="ServerVariable"/>. Without them, tests run on SQLite.
/// </summary>
/// <remarks>Compiled into both the service-layer tests and the shared web test host (linked, one source).</remarks>
public static class TestDatabases
{
    public const string ProviderVariable = "MICRONEEDLING_TEST_PROVIDER";
    public const string ServerVariable = "MICRONEEDLING_TEST_POSTGRES";

    private static readonly Lock TemplateLock = new();
    private static string? migratedTemplate;

    public static DatabaseProvider Provider { get; } = ClinicDatabase.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>The test server's connection string, without a database.</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ProviderVariable}=PostgreSQL needs {ServerVariable} (a connection string to a test server). "
            + "tests/run.sh starts a throwaway PostgreSQL cluster and sets both.");

    /// <summary>A new, empty database on the test server.</summary>
    public static string CreateEmptyPostgreSqlDatabase() => CreatePostgreSqlDatabase(template: null);

    /// <summary>
    /// A new database on the test server with every migration applied: a copy of a template migrated once per test
    /// run, which PostgreSQL makes in a few milliseconds (migrating each one would take about a second).
    /// </summary>
    public static string CreateMigratedPostgreSqlDatabase()
    {
        lock (TemplateLock)
        {
            if (migratedTemplate is null)
            {
                var template = CreatePostgreSqlDatabase(template: null);
                var options = new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql(template).Options;
                using (var db = new PostgreSqlClinicDbContext(options))
                {
                    db.Database.Migrate();
                }

                // A template can only be copied while nobody is connected to it.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(template));
                migratedTemplate = new NpgsqlConnectionStringBuilder(template).Database;

                // The cluster of a full run is thrown away, but a developer's server is not.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgreSqlDatabase(template);
            }

            return CreatePostgreSqlDatabase(migratedTemplate);
        }
    }

    /// <summary>Drops a database made by this class, whoever is still connected to it.</summary>
    public static void DropPostgreSqlDatabase(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static string CreatePostgreSqlDatabase(string? template)
    {
        var name = "mn_" + Guid.NewGuid().ToString("N");
        Execute(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
