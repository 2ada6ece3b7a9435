using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// The clinic's model on PostgreSQL. It exists as its own type so that EF Core keeps a separate migration set and model
/// snapshot for PostgreSQL (Data/Migrations/PostgreSql) beside the SQLite one (ADR 0015). Services ask for
/// <see cref="ClinicDbContext"/> and get this one when <c>Database:Provider</c> is PostgreSQL.
/// </summary>
public sealed class PostgreSqlClinicDbContext(DbContextOptions<PostgreSqlClinicDbContext> options) : ClinicDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The exclusion constraints on live bookings compare clinician, room and patient ids with "=" inside a GiST
        // index, which needs btree_gist (a trusted extension: a database owner may create it).
        builder.HasPostgresExtension("btree_gist");

        // SQLite stores booleans as 0 and 1; PostgreSQL has a real boolean, which does not compare with 1.
        builder.Entity<Sittings.SittingChart>().HasIndex(c => c.BookingId).HasFilter("\"IsCurrent\"");

        // The patient search matches "starts with" as a range on the folded names (PrefixRange). That range means
        // "starts with" only in code-point order, which is SQLite's BINARY and PostgreSQL's "C" collation; under the
        // database's language collation the index would sort, and the range would match, differently.
        builder.Entity<Patients.Patient>().Property(p => p.NormalizedFirstName).UseCollation("C");
        builder.Entity<Patients.Patient>().Property(p => p.NormalizedLastName).UseCollation("C");
    }
}
