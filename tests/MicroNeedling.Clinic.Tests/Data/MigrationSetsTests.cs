using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Data;

/// <summary>
/// Each engine has its own migration set (ADR 0015). A model change must come with a migration in both, or one engine
/// would run on a schema the code does not expect. EF Core compares the model with each set's snapshot; no database is
/// opened.
/// </summary>
public sealed class MigrationSetsTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration (see ADR 0015 for the command).");
        Assert.All(db.Database.GetMigrations(), id => Assert.DoesNotContain("PostgreSql", id, StringComparison.Ordinal));
    }

    [Fact]
    public void The_postgresql_migrations_match_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration (see ADR 0015 for the command).");
        Assert.Contains(db.Database.GetMigrations(), id => id.EndsWith("_PostgreSqlSchema", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSQL)]
    [InlineData("postgres", DatabaseProvider.PostgreSQL)]
    public void The_provider_setting_is_read_in_any_letter_case(string? setting, DatabaseProvider expected) =>
        Assert.Equal(expected, ClinicDatabase.ParseProvider(setting));

    [Fact]
    public void An_unknown_provider_stops_the_app_with_the_values_it_accepts()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => ClinicDatabase.ParseProvider("MySql"));

        Assert.Contains("\"Sqlite\" or \"PostgreSQL\"", refusal.Message);
    }
}
