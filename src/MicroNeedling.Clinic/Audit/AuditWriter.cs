using System.Text;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// Appends entries to the chain. The caller must hold a write transaction
/// (<see cref="ProviderDifferences.BeginWriteTransactionAsync"/>), so reading the head and inserting after it cannot interleave with another writer and the
/// chain cannot fork.
/// </summary>
/// <remarks>
/// <para>
/// New entries follow the head record (<see cref="AuditHead"/>), not the last row of the trail, and the head moves to the
/// last new entry in the same transaction. Entries cut off the end behind the app's back therefore leave the head
/// pointing past the trail, and the next entry continues after the head: its id is never one the deleted entries had,
/// and the gap stays visible to <see cref="AuditService.VerifyChainAsync"/>.
/// </para>
/// <para>
/// The rows are inserted with one parameterised INSERT rather than through the change tracker: they are never tracked,
/// so they cannot be saved twice, and writing them does not run SaveChanges (and so this interceptor) again.
/// </para>
/// </remarks>
internal static class AuditWriter
{
    private static readonly string[] Columns =
    [
        nameof(AuditEntry.Id), nameof(AuditEntry.AtUtc), nameof(AuditEntry.UserName), nameof(AuditEntry.Action),
        nameof(AuditEntry.EntityType), nameof(AuditEntry.EntityId), nameof(AuditEntry.PatientId), nameof(AuditEntry.ChangedFields),
        nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash),
    ];

    private const int RowsPerCommand = 50;

    /// <summary>Seals <paramref name="entries"/> after the current last entry and inserts them. Completes synchronously when <paramref name="sync"/>.</summary>
    public static async ValueTask AppendAsync(DbContext db, IReadOnlyList<AuditEntry> entries, bool sync, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside a write transaction, so the chain cannot fork.");
        }

        // A write transaction holds the lock already; this makes sure of it for any other transaction.
        await ProviderDifferences.TakeWriteLockAsync(db.Database, sync, ct);

        var head = sync ? AuditHead.Read(db) : await AuditHead.ReadAsync(db, ct);
        var (previousId, previousHash) = (head.LastEntryId, head.LastHash);

        foreach (var entry in entries)
        {
            AuditChain.Seal(entry, previousId, previousHash);
            (previousId, previousHash) = (entry.Id, entry.Hash);
        }

        // Small chunks: well under the limit on parameters (SQLite allows 32,766), and EF binds a few hundred parameters
        // per command much faster than thousands (on a busy 2-core machine 100k entries took 40 s at 50 rows, 90 s at 500).
        foreach (var chunk in entries.Chunk(RowsPerCommand))
        {
            var values = chunk.SelectMany(entry => new object?[]
            {
                entry.Id, entry.AtUtc, entry.UserName, entry.Action, entry.EntityType, entry.EntityId,
                entry.PatientId, entry.ChangedFields, entry.PreviousHash, entry.Hash,
            }).ToArray();

            // Values are bound as parameters ({0}, {1}… become @p0, @p1…); nothing of an entry is pasted into the SQL text.
            var sql = InsertSql(db, chunk.Length);
            if (sync)
            {
                db.Database.ExecuteSqlRaw(sql, values!);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(sql, values!, ct);
            }
        }

        if (sync)
        {
            AuditHead.MoveTo(db, previousId, previousHash);
        }
        else
        {
            await AuditHead.MoveToAsync(db, previousId, previousHash, ct);
        }
    }

    private static string InsertSql(DbContext db, int rows)
    {
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var entityType = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = entityType.GetTableName()!;
        var columns = Columns.Select(c => sqlHelper.DelimitIdentifier(entityType.FindProperty(c)!.GetColumnName()));

        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(sqlHelper.DelimitIdentifier(table, entityType.GetSchema()))
            .Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Columns.Length; column++)
            {
                sql.Append(column == 0 ? "{" : ", {").Append(row * Columns.Length + column).Append('}');
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
