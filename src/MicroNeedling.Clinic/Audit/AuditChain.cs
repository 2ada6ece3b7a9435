using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// The hash chain of the audit trail. Each entry's <see cref="AuditEntry.Hash"/> is SHA-256 (lower-case hex) over a
/// canonical text of all its fields, including its <see cref="AuditEntry.Id"/> and the <see cref="AuditEntry.PreviousHash"/>
/// it carries, so changing any field of any entry, or removing or reordering entries, no longer adds up.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first entry carries as the hash of "the entry before it".</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static string ComputeHash(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(entry))));

    /// <summary>
    /// Every field in a fixed order, each written as its length, a colon and the value (null as "-"), so no value can
    /// pass for a field boundary: ("ab", "c") and ("a", "bc") give different texts.
    /// </summary>
    public static string Canonical(AuditEntry entry)
    {
        var text = new StringBuilder(256);
        Field(text, entry.Id.ToString(CultureInfo.InvariantCulture));
        Field(text, DateTime.SpecifyKind(entry.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, entry.UserName);
        Field(text, entry.Action);
        Field(text, entry.EntityType);
        Field(text, entry.EntityId);
        Field(text, entry.PatientId?.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.ChangedFields);
        Field(text, entry.PreviousHash);
        return text.ToString();
    }

    /// <summary>Links a new entry after <paramref name="previousId"/>: gives it the next id, the previous hash and its own hash.</summary>
    public static void Seal(AuditEntry entry, long previousId, string previousHash)
    {
        entry.Id = previousId + 1;

        // Hash the instant as the database will keep it (to the microsecond), or it would not verify once read back.
        entry.AtUtc = Data.UtcDateTimeConverter.ToStoredPrecision(entry.AtUtc);
        entry.PreviousHash = previousHash;
        entry.Hash = ComputeHash(entry);
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-;");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}

/// <summary>Where the chain first fails: the id of the first entry that is missing or wrong, and what is wrong with it.</summary>
public sealed record ChainBreak(long EntryId, string Problem);

/// <summary>The outcome of a walk along the chain.</summary>
public sealed record ChainVerification(long EntriesChecked, ChainBreak? Break)
{
    public bool IsIntact => Break is null;
}

/// <summary>
/// Checks entries one at a time, in id order, so a caller can stream millions of them without holding them all.
/// An edited entry no longer matches its own hash; a deleted entry leaves a gap in the ids (ids are given without gaps,
/// see <see cref="AuditChain.Seal"/>); an entry replaced or moved no longer carries the hash of the entry before it.
/// </summary>
/// <remarks>
/// What the chain alone cannot see: entries removed from the end. A trail cut short after entry N is a perfectly
/// valid chain of N entries. <see cref="AuditService.VerifyChainAsync"/> therefore compares the end of the chain with
/// the head record (<see cref="AuditHead"/>), which new entries also follow, so ids are never reused.
/// </remarks>
public sealed class AuditChainVerifier
{
    private long expectedId = 1;
    private string previousHash = AuditChain.GenesisHash;

    public long EntriesChecked { get; private set; }

    /// <summary>The last id that checked out, 0 before the first.</summary>
    public long LastGoodId => expectedId - 1;

    /// <summary>The hash of the last entry that checked out, <see cref="AuditChain.GenesisHash"/> before the first.</summary>
    public string LastGoodHash => previousHash;

    /// <summary>Checks the next entry; returns the break, or null when the entry is sound and links to the one before.</summary>
    public ChainBreak? Check(AuditEntry entry)
    {
        EntriesChecked++;
        if (entry.Id > expectedId)
        {
            var missing = entry.Id - expectedId == 1 ? $"Entry {expectedId} is missing" : $"Entries {expectedId} to {entry.Id - 1} are missing";
            return new ChainBreak(expectedId, $"{missing}: the trail goes from entry {expectedId - 1} straight to entry {entry.Id}, so entries were deleted.");
        }

        if (entry.Id < expectedId)
        {
            return new ChainBreak(entry.Id, $"Entry {entry.Id} appears after entry {expectedId - 1}: the entries are out of order or repeated.");
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            var before = entry.Id == 1 ? "the start of the trail" : $"entry {entry.Id - 1}";
            return new ChainBreak(entry.Id, $"Entry {entry.Id} does not carry the hash of {before}: an entry was replaced, moved or changed and re-hashed.");
        }

        if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
        {
            return new ChainBreak(entry.Id, $"Entry {entry.Id} does not match its hash: it was changed after it was written.");
        }

        expectedId++;
        previousHash = entry.Hash;
        return null;
    }
}
