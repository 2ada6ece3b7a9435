using System.Globalization;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Audit;

/// <summary>What the Admin page filters by. Dates are clinic-local days, both ends included.</summary>
public sealed record AuditFilter(string? UserName = null, int? PatientId = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>
/// The audit trail: records views (changes are recorded by <see cref="AuditingInterceptor"/>), lists entries for the
/// Admin page, and walks the hash chain to prove nothing was changed or removed.
/// </summary>
public sealed class AuditService(ClinicDbContext db, ClinicSettingsService settings, TimeProvider time, ICurrentUser user)
{
    public const int PageSize = 50;

    /// <summary>Entries read per query while verifying: enough to keep round trips few, small enough to keep memory flat.</summary>
    private const int VerifyBatchSize = 2000;

    /// <summary>
    /// Records that the current user viewed a record. When <paramref name="patientId"/> is not given it is looked up from
    /// the record (a screening, course plan, booking, sitting chart or side effect).
    /// </summary>
    public async Task RecordViewAsync(string entityType, int entityId, int? patientId, CancellationToken ct = default)
    {
        patientId ??= await new AuditedPatient(db).ResolveAsync(AuditedPatient.LinkOf(entityType, entityId), sync: false, ct);
        await RecordAsync(AuditActions.View, entityType, entityId.ToString(CultureInfo.InvariantCulture), patientId, null, ct);
    }

    /// <summary>
    /// Appends one entry for something SaveChanges does not see (a view, a break-glass access, a bulk update).
    /// <paramref name="changedFields"/> is a comma-separated list of field names; never put values in it.
    /// </summary>
    public async Task RecordAsync(string action, string entityType, string entityId, int? patientId, string? changedFields, CancellationToken ct = default)
    {
        var entry = new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            UserName = user.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            PatientId = patientId,
            ChangedFields = changedFields,
        };

        if (db.Database.CurrentTransaction is not null)
        {
            await AuditWriter.AppendAsync(db, [entry], sync: false, ct);
            return;
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await AuditWriter.AppendAsync(db, [entry], sync: false, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Newest first, <see cref="PageSize"/> a page.</summary>
    public async Task<AuditPage> SearchAsync(AuditFilter filter, int page, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var name = filter.UserName.Trim();
            query = query.Where(e => e.UserName == name);
        }

        if (filter.PatientId is { } patientId)
        {
            query = query.Where(e => e.PatientId == patientId);
        }

        if (filter.From is not null || filter.To is not null)
        {
            var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
            if (filter.From is { } from)
            {
                var fromUtc = clinicTime.StartOfDayUtc(from);
                query = query.Where(e => e.AtUtc >= fromUtc);
            }

            if (filter.To is { } to)
            {
                var beforeUtc = clinicTime.StartOfDayUtc(to.AddDays(1));
                query = query.Where(e => e.AtUtc < beforeUtc);
            }
        }

        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(items, page, PageSize, total);
    }

    /// <summary>The names of the patients a page of entries refers to, so the admin reads names rather than numbers.</summary>
    public async Task<IReadOnlyDictionary<int, string>> PatientNamesAsync(IEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        var ids = entries.Where(e => e.PatientId is not null).Select(e => e.PatientId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<int, string>()
            : await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FirstName + " " + p.LastName, ct);
    }

    /// <summary>
    /// Walks the whole chain in id order, a batch at a time, and reports the first entry that is missing or does not add
    /// up. See <see cref="AuditChainVerifier"/> for what the chain can and cannot prove.
    /// </summary>
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default)
    {
        var verifier = new AuditChainVerifier();
        long after = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(VerifyBatchSize).ToListAsync(ct);
            foreach (var entry in batch)
            {
                if (verifier.Check(entry) is { } broken)
                {
                    return new ChainVerification(verifier.EntriesChecked, broken);
                }
            }

            if (batch.Count < VerifyBatchSize)
            {
                break;
            }

            after = batch[^1].Id;
        }

        return new ChainVerification(verifier.EntriesChecked, await HeadMismatchAsync(verifier.LastGoodId, verifier.LastGoodHash, ct));
    }

    /// <summary>
    /// What the chain alone cannot see: entries cut off the end. The head record (<see cref="AuditHead"/>) names the last
    /// entry the app wrote; the chain must end exactly there. Entries cut off and then written after are caught by the
    /// walk already, as a gap, because new entries continue after the head.
    /// </summary>
    private async Task<ChainBreak?> HeadMismatchAsync(long lastId, string lastHash, CancellationToken ct)
    {
        var head = await AuditHead.FindAsync(db, ct);
        if (head is null)
        {
            return new ChainBreak(lastId + 1, "The head record of the trail, which names the last entry written, is missing: it was deleted behind the app's back, so entries may have been cut off the end.");
        }

        if (head.LastEntryId > lastId)
        {
            var missing = head.LastEntryId == lastId + 1 ? $"Entry {lastId + 1} is missing" : $"Entries {lastId + 1} to {head.LastEntryId} are missing";
            return new ChainBreak(lastId + 1, $"{missing} from the end of the trail: the head record says the last entry written was {head.LastEntryId}.");
        }

        if (head.LastEntryId < lastId)
        {
            return new ChainBreak(head.LastEntryId + 1, $"The trail goes on after entry {head.LastEntryId}, the last one the app wrote according to the head record: entries were added behind the app's back.");
        }

        return string.Equals(head.LastHash, lastHash, StringComparison.Ordinal)
            ? null
            : new ChainBreak(lastId, $"Entry {lastId} is not the entry the head record names as the last one written: the end of the trail was replaced.");
    }
}
