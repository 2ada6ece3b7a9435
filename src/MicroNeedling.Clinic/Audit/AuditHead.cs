using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// The one-row head of the audit trail: the id and hash of the last entry the app wrote. It is kept apart from the
/// trail (its own table, "AuditHead", made by the AuditHeadRecord migrations and outside the EF model, like the trail's
/// triggers) and moved forward in the same transaction as every append. Triggers refuse to move it back, to change it
/// without moving it forward, or to delete it.
/// </summary>
/// <remarks>
/// What it proves: entries removed from the end of the trail no longer reach the head, and entries written after the
/// removal continue after the head, so their ids never reuse a removed one. What it cannot prove: someone who can drop
/// the triggers of both tables can rewind the head as well; only a copy of the head kept outside the database (printed,
/// e-mailed, written to append-only storage) would catch that.
/// </remarks>
public sealed record AuditHead(long LastEntryId, string LastHash)
{
    // Raw SQL, like the inserts of AuditWriter: the head is never tracked, so no one's SaveChanges can write it. Read
    // with a plain command on the context's connection and transaction, one round trip, the same on both engines.
    private const string Query = "SELECT \"LastEntryId\", \"LastHash\" FROM \"AuditHead\" WHERE \"Id\" = 1";

    /// <summary>The head, inside the caller's write transaction; throws when it is missing.</summary>
    public static AuditHead Read(DbContext db)
    {
        using var command = Command(db);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : throw Missing();
    }

    /// <inheritdoc cref="Read"/>
    public static async Task<AuditHead> ReadAsync(DbContext db, CancellationToken ct) =>
        await FindAsync(db, ct) ?? throw Missing();

    /// <summary>The head, or null when it is missing: for the verifier, which reports that rather than failing.</summary>
    public static async Task<AuditHead?> FindAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(db);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static void MoveTo(DbContext db, long lastEntryId, string lastHash)
    {
        if (db.Database.ExecuteSql(MoveSql(lastEntryId, lastHash)) != 1)
        {
            throw Missing();
        }
    }

    public static async Task MoveToAsync(DbContext db, long lastEntryId, string lastHash, CancellationToken ct)
    {
        if (await db.Database.ExecuteSqlAsync(MoveSql(lastEntryId, lastHash), ct) != 1)
        {
            throw Missing();
        }
    }

    private static DbCommand Command(DbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = Query;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static FormattableString MoveSql(long lastEntryId, string lastHash) =>
        $"UPDATE \"AuditHead\" SET \"LastEntryId\" = {lastEntryId}, \"LastHash\" = {lastHash} WHERE \"Id\" = 1";

    // The migration creates the row and the triggers refuse to delete it, so a missing head means the database was
    // changed behind the app's back. Writing on would start a new chain that hides that; refusing keeps it visible.
    private static InvalidOperationException Missing() => new(
        "The head record of the audit trail is missing, so no audit entry can be written: the database was changed outside the app. Restore it from a backup.");
}
