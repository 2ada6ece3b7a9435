namespace MicroNeedling.Clinic.Data;

/// <summary>The database engines the clinic runs on: SQLite embedded in the app (the default), or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which engine holds the clinic's data, and where.</summary>
public sealed record ClinicDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// Reads the <c>Database:Provider</c> setting: "Sqlite" (also when it is missing or empty) or "PostgreSQL", in any
    /// letter case. Anything else stops the app with a message, rather than quietly running on the wrong database.
    /// </summary>
    public static DatabaseProvider ParseProvider(string? setting) => setting?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSQL,
        _ => throw new InvalidOperationException($"Database:Provider is \"{setting}\". Use \"Sqlite\" or \"PostgreSQL\"."),
    };
}
