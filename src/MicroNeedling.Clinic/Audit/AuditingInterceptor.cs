using System.Globalization;
using System.Runtime.CompilerServices;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// Writes one audit entry per added, modified or deleted entity on every SaveChanges, in the same transaction as the
/// change, so a change is never saved without its entry and an entry never outlives a rolled-back change.
/// </summary>
/// <remarks>
/// <para>
/// Before the save it notes what changes: the action, the entity and the names of the changed properties (all set
/// properties for a create; for an update, those whose value differs from the value read; never a value itself). If no
/// transaction is open it begins one; on SQLite that is BEGIN IMMEDIATE, the same write lock the booking services take.
/// After the save, when the ids of new rows are known, it appends the entries after the trail's head record
/// (<see cref="AuditHead"/>) and commits, if it began the transaction. A
/// service that opened its own transaction keeps it, and commits (or rolls back) the entries with its own changes.
/// </para>
/// <para>
/// Not audited: the audit entries themselves, the data-protection key ring (<see cref="DataProtectionKeyRecord"/>), the
/// bytes of photos and documents kept in the database (<see cref="Media.MediaBlob"/>: their photo or document row is), the
/// e-mail outbox (<see cref="Messaging.OutboxMessage"/>: the change that queued a mail is audited, the dispatcher's
/// bookkeeping is not, and an administrator's resend is recorded on the message) and Identity's login and token tables (they hold no clinical or booking data). Staff accounts are audited by field name
/// like everything else, so a changed PasswordHash shows as the name "PasswordHash" only. Identity's UpdateAsync marks
/// every property of the account modified, which is why an update compares values rather than trusting the flags: a
/// wrong password then reads "AccessFailedCount", not a list that looks like a password change.
/// </para>
/// <para>
/// Who: the signed-in user. During sign-in there is none yet (the cookie is written after the checks), and the only
/// writes are to the account signing in (its failed-attempt count, its lockout), so those are recorded under that
/// account's name rather than "anonymous".
/// </para>
/// <para>
/// Bulk ExecuteUpdate/ExecuteDelete bypass SaveChanges and so this interceptor; the services use none (checked when the
/// trail was added). A service that adds one must record its entry with <see cref="AuditService.RecordAsync"/>.
/// The interceptor assumes SaveChanges accepts its changes on success (the default); nothing in the app passes false.
/// </para>
/// </remarks>
public sealed class AuditingInterceptor(TimeProvider time, ICurrentUser user) : SaveChangesInterceptor
{
    private const int MaxFieldsLength = 2000;
    private const int MaxEntityIdLength = 64;

    private readonly ConditionalWeakTable<DbContext, PendingAudit> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Completed(BeforeSaveAsync(eventData.Context, sync: true, CancellationToken.None));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeSaveAsync(eventData.Context, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Completed(AfterSaveAsync(eventData.Context, sync: true, CancellationToken.None));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, sync: false, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    // The sync and async paths share one method: with sync: true it only calls EF's synchronous methods and never awaits
    // an unfinished task, so the ValueTask it returns is already complete when SavingChanges/SavedChanges read it.
    private async ValueTask BeforeSaveAsync(DbContext? context, bool sync, CancellationToken ct)
    {
        if (context is null)
        {
            return;
        }

        // Entries() runs DetectChanges, after the stamping interceptor has set its who/when fields.
        var changes = new List<PendingChange>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry.Metadata.ClrType))
            {
                continue;
            }

            var change = Capture(entry, ActorFor(entry));
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        // Begun here, not after the save: the change and its entries must commit together.
        IDbContextTransaction? owned = null;
        var savepoints = context.Database.AutoSavepointsEnabled;
        if (context.Database.CurrentTransaction is null)
        {
            owned = sync ? context.Database.BeginWriteTransaction() : await context.Database.BeginWriteTransactionAsync(ct);

            // EF would wrap the save in a savepoint inside a transaction it did not begin; ours is rolled back whole on
            // failure, so the savepoint would only cost two extra commands per save.
            context.Database.AutoSavepointsEnabled = false;
        }

        pending.AddOrUpdate(context, new PendingAudit(changes, owned, savepoints, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>The signed-in user; for an anonymous request that changes a staff account, the account itself (a sign-in).</summary>
    private string ActorFor(EntityEntry entry) =>
        user.UserName == ICurrentUser.Anonymous && entry.Entity is IdentityUser { UserName: { Length: > 0 } signingIn }
            ? signingIn
            : user.UserName;

    private async ValueTask AfterSaveAsync(DbContext? context, bool sync, CancellationToken ct)
    {
        if (context is null || !pending.TryGetValue(context, out var audit))
        {
            return;
        }

        pending.Remove(context);
        try
        {
            var patients = new AuditedPatient(context);
            var entries = new List<AuditEntry>(audit.Changes.Count);
            foreach (var change in audit.Changes)
            {
                // Deleted rows were read before the save; new rows only have their ids now.
                var entityId = change.Action == AuditActions.Delete ? change.KeyBeforeSave! : KeyOf(change.Entry);
                var link = change.Action == AuditActions.Delete ? change.LinkBeforeSave : AuditedPatient.LinkOf(change.Entry);
                entries.Add(new AuditEntry
                {
                    AtUtc = audit.AtUtc,
                    UserName = change.Actor,
                    Action = change.Action,
                    EntityType = change.EntityType,
                    EntityId = entityId,
                    PatientId = await patients.ResolveAsync(link, sync, ct),
                    ChangedFields = change.Fields,
                });
            }

            await AuditWriter.AppendAsync(context, entries, sync, ct);
            if (audit.OwnedTransaction is { } transaction)
            {
                if (sync)
                {
                    transaction.Commit();
                }
                else
                {
                    await transaction.CommitAsync(ct);
                }
            }
        }
        finally
        {
            // Disposing without a commit rolls back: a failed append takes the change down with it.
            Release(context, audit);
        }
    }

    private static void Completed(ValueTask task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("The synchronous audit path awaited an unfinished task.");
        }

        task.GetAwaiter().GetResult();
    }

    private void Abandon(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var audit))
        {
            pending.Remove(context);
            Release(context, audit);
        }
    }

    private static void Release(DbContext context, PendingAudit audit)
    {
        if (audit.OwnedTransaction is { } transaction)
        {
            transaction.Dispose();
            context.Database.AutoSavepointsEnabled = audit.SavepointsWereEnabled;
        }
    }

    private static PendingChange? Capture(EntityEntry entry, string actor)
    {
        var entityType = EntityTypeName(entry.Metadata.ClrType);
        switch (entry.State)
        {
            case EntityState.Added:
                var set = entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && p.CurrentValue is not null).Select(p => p.Metadata.Name);
                return new PendingChange(entry, AuditActions.Create, entityType, FieldList(set), null, PatientLink.None, actor);
            case EntityState.Modified:
                var modified = entry.Properties.Where(p => p.IsModified).ToList();
                if (modified.Count == 0)
                {
                    return null;
                }

                // The fields whose value changed. When none did (an entity attached with Update(), whose values as read
                // are unknown), every flagged field is named rather than losing the entry.
                var changed = modified.Where(p => !p.Metadata.GetValueComparer().Equals(p.OriginalValue, p.CurrentValue)).ToList();
                var named = (changed.Count > 0 ? changed : modified).Select(p => p.Metadata.Name);
                return new PendingChange(entry, AuditActions.Update, entityType, FieldList(named), null, PatientLink.None, actor);
            default:
                return new PendingChange(entry, AuditActions.Delete, entityType, null, KeyOf(entry), AuditedPatient.LinkOf(entry), actor);
        }
    }

    private static bool IsAudited(Type type) =>
        type != typeof(AuditEntry)
        && type != typeof(DataProtectionKeyRecord)
        && type != typeof(Media.MediaBlob)
        && type != typeof(Messaging.OutboxMessage)
        && !IsGenericOf(type, typeof(IdentityUserToken<>))
        && !IsGenericOf(type, typeof(IdentityUserLogin<>));

    private static bool IsGenericOf(Type? type, Type generic)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Screening", "StaffUser", "IdentityUserRole" (generic arity dropped).</summary>
    private static string EntityTypeName(Type type) => type.Name.Split('`')[0];

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()!;
        var id = string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
        return id.Length <= MaxEntityIdLength ? id : id[..MaxEntityIdLength];
    }

    private static string FieldList(IEnumerable<string> names)
    {
        var list = string.Join(",", names);
        if (list.Length <= MaxFieldsLength)
        {
            return list;
        }

        // Cut at a whole name and say so, rather than fail the save.
        var cut = list.LastIndexOf(',', MaxFieldsLength - 4);
        return list[..cut] + ",...";
    }

    private sealed record PendingChange(
        EntityEntry Entry, string Action, string EntityType, string? Fields, string? KeyBeforeSave, PatientLink LinkBeforeSave, string Actor);

    private sealed record PendingAudit(
        IReadOnlyList<PendingChange> Changes, IDbContextTransaction? OwnedTransaction, bool SavepointsWereEnabled, DateTime AtUtc);
}
