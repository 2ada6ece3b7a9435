using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Data;

/// <summary>Tells apart the database errors that a service turns into a message for the user.</summary>
public static class DbErrors
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: https://www.sqlite.org/rescode.html
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    /// <summary>True when a save failed because a unique index refused a second row: a double submit or a race, not a fault.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint or SqlitePrimaryKeyConstraint };
}
