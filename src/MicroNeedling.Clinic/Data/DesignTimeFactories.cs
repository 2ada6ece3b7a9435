using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each provider's context without the web host. Adding a migration never
/// connects, so the connection strings are placeholders. Add every model change to both sets (docs/architecture.md).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ClinicDbContext>
{
    public ClinicDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <inheritdoc cref="SqliteDesignTimeFactory"/>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlClinicDbContext>
{
    public PostgreSqlClinicDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
