using MicroNeedling.Clinic.Audit;

namespace MicroNeedling.Clinic.Tests.Audit;

/// <summary>The hash chain on its own, no database: what the verifier accepts and where it reports each kind of tampering.</summary>
public sealed class AuditChainTests
{
    /// <summary>Five sealed entries, as the writer would append them.</summary>
    private static List<AuditEntry> Chain(int count = 5)
    {
        var entries = new List<AuditEntry>();
        long previousId = 0;
        var previousHash = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry
            {
                AtUtc = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i).AddTicks(i),
                UserName = $"user{i % 2}@tests.clinic",
                Action = i % 2 == 0 ? AuditActions.View : AuditActions.Update,
                EntityType = "Patient",
                EntityId = (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                PatientId = i == 3 ? null : 100 + i,
                ChangedFields = i % 2 == 0 ? null : "Phone,UpdatedAtUtc,UpdatedBy",
            };
            AuditChain.Seal(entry, previousId, previousHash);
            (previousId, previousHash) = (entry.Id, entry.Hash);
            entries.Add(entry);
        }

        return entries;
    }

    private static ChainVerification Verify(IEnumerable<AuditEntry> entries)
    {
        var verifier = new AuditChainVerifier();
        foreach (var entry in entries)
        {
            if (verifier.Check(entry) is { } broken)
            {
                return new ChainVerification(verifier.EntriesChecked, broken);
            }
        }

        return new ChainVerification(verifier.EntriesChecked, null);
    }

    [Fact]
    public void An_untouched_chain_is_intact_and_every_entry_is_counted()
    {
        var result = Verify(Chain());

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public void The_first_entry_links_to_64_zeros_and_hashes_are_lower_case_sha256_hex()
    {
        var first = Chain()[0];

        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void An_empty_trail_is_intact()
    {
        Assert.True(Verify([]).IsIntact);
    }

    public static TheoryData<string, Action<AuditEntry>> Edits => new()
    {
        { "user", e => e.UserName = "someone.else@tests.clinic" },
        { "time", e => e.AtUtc = e.AtUtc.AddSeconds(1) },
        { "action", e => e.Action = AuditActions.Delete },
        { "entity type", e => e.EntityType = "Screening" },
        { "entity id", e => e.EntityId = "999" },
        { "patient", e => e.PatientId = 7 },
        { "fields", e => e.ChangedFields = "Phone" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Editing_any_field_of_an_entry_breaks_the_chain_at_that_entry(string field, Action<AuditEntry> edit)
    {
        var entries = Chain();
        edit(entries[2]);

        var result = Verify(entries);

        Assert.False(result.IsIntact, $"An edited {field} went unnoticed.");
        Assert.Equal(3, result.Break!.EntryId);
        Assert.Contains("does not match its hash", result.Break.Problem);
    }

    [Fact]
    public void An_edited_entry_that_is_re_hashed_breaks_the_link_of_the_next_entry()
    {
        var entries = Chain();
        entries[2].ChangedFields = "Phone";
        entries[2].Hash = AuditChain.ComputeHash(entries[2]);

        var result = Verify(entries);

        Assert.Equal(4, result.Break!.EntryId);
        Assert.Contains("does not carry the hash of entry 3", result.Break.Problem);
    }

    [Fact]
    public void A_deleted_middle_entry_is_reported_as_missing()
    {
        var entries = Chain();
        entries.RemoveAt(2);

        var result = Verify(entries);

        Assert.Equal(3, result.Break!.EntryId);
        Assert.Contains("Entry 3 is missing", result.Break.Problem);
    }

    [Fact]
    public void A_deleted_first_entry_is_reported_as_missing()
    {
        var entries = Chain();
        entries.RemoveAt(0);

        Assert.Equal(1, Verify(entries).Break!.EntryId);
    }

    [Fact]
    public void Entries_in_the_wrong_order_break_the_chain()
    {
        var entries = Chain();
        (entries[1], entries[2]) = (entries[2], entries[1]);

        var result = Verify(entries);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.Break!.EntryId);
    }

    [Fact]
    public void Two_entries_that_swap_places_and_ids_no_longer_link()
    {
        var entries = Chain();
        (entries[1].Id, entries[2].Id) = (entries[2].Id, entries[1].Id);
        entries.Sort((a, b) => a.Id.CompareTo(b.Id));

        var result = Verify(entries);

        Assert.Equal(2, result.Break!.EntryId);
    }

    [Fact]
    public void The_canonical_text_keeps_field_boundaries_so_moving_text_between_fields_changes_the_hash()
    {
        var one = new AuditEntry { Id = 1, UserName = "ab", Action = "c", EntityType = "Patient", EntityId = "1", PreviousHash = AuditChain.GenesisHash };
        var two = new AuditEntry { Id = 1, UserName = "a", Action = "bc", EntityType = "Patient", EntityId = "1", PreviousHash = AuditChain.GenesisHash };
        var nullFields = new AuditEntry { Id = 1, EntityId = "1", ChangedFields = null, PreviousHash = AuditChain.GenesisHash };
        var emptyFields = new AuditEntry { Id = 1, EntityId = "1", ChangedFields = "", PreviousHash = AuditChain.GenesisHash };

        Assert.NotEqual(AuditChain.ComputeHash(one), AuditChain.ComputeHash(two));
        Assert.NotEqual(AuditChain.ComputeHash(nullFields), AuditChain.ComputeHash(emptyFields));
    }
}
