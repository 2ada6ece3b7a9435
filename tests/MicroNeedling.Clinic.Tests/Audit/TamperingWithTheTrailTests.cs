using System.Data.Common;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Audit;

/// <summary>
/// The database refuses to change or delete an audit entry; someone who gets round that "behind the app's back"
/// (dropping the triggers with raw SQL) is caught by the chain check, which names the entry.
/// </summary>
public sealed class TamperingWithTheTrailTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    /// <summary>Three patients registered and viewed: six entries, ids 1 to 6.</summary>
    private async Task WriteSixEntriesAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            var patientId = await host.CreatePatientAsync("Anna", $"Smith{(char)('a' + i)}");
            await host.RunAsync<AuditService, int>(async s =>
            {
                await s.RecordViewAsync("Patient", patientId, patientId);
                return 0;
            });
        }

        Assert.Equal(6, await host.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    private Task<int> SqlAsync(string sql) => host.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private Task<int> DropTheTriggersAsync() => SqlAsync(TestDatabases.IsPostgreSql
        ? "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER"
        : "DROP TRIGGER AuditEntries_NoUpdate; DROP TRIGGER AuditEntries_NoDelete;");

    private Task<ChainVerification> VerifyAsync() => host.RunAsync<AuditService, ChainVerification>(s => s.VerifyChainAsync());

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone@else' WHERE \"Id\" = 2")]
    [InlineData("DELETE FROM \"AuditEntries\" WHERE \"Id\" = 2")]
    public async Task The_database_refuses_to_change_or_delete_an_entry(string sql)
    {
        await WriteSixEntriesAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(sql));

        Assert.Contains("append-only", refused.Message);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task An_intact_trail_verifies_and_counts_every_entry()
    {
        await WriteSixEntriesAsync();

        var result = await VerifyAsync();

        Assert.True(result.IsIntact, result.Break?.Problem);
        Assert.Equal(6, result.EntriesChecked);
    }

    [Fact]
    public async Task A_row_edited_behind_the_apps_back_is_reported_by_its_id()
    {
        await WriteSixEntriesAsync();
        await DropTheTriggersAsync();

        await SqlAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else@tests.clinic' WHERE \"Id\" = 4");
        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.Break!.EntryId);
        Assert.Contains("does not match its hash", result.Break.Problem);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Fact]
    public async Task A_middle_row_deleted_behind_the_apps_back_is_reported_as_a_gap()
    {
        await WriteSixEntriesAsync();
        await DropTheTriggersAsync();

        await SqlAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = 3");
        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.Break!.EntryId);
        Assert.Contains("Entry 3 is missing", result.Break.Problem);
    }

    [Fact]
    public async Task Rows_cut_off_the_end_are_caught_by_the_head_record()
    {
        await WriteSixEntriesAsync();
        await DropTheTriggersAsync();

        await SqlAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" >= 5");
        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.Break!.EntryId);
        Assert.Contains("Entries 5 to 6 are missing from the end", result.Break.Problem);
    }

    [Fact]
    public async Task Rows_cut_off_the_end_stay_caught_after_the_app_writes_again()
    {
        await WriteSixEntriesAsync();
        await DropTheTriggersAsync();
        await SqlAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" >= 5");

        // The next entry must not take the id of a deleted one and close the gap.
        await host.CreatePatientAsync("Bea", "Jones");
        var result = await VerifyAsync();

        Assert.False(result.IsIntact, "A trail cut short and then written to again verified as intact.");
        Assert.Equal(5, result.Break!.EntryId);
        Assert.Contains("Entries 5 to 6 are missing", result.Break.Problem);
        Assert.Equal(7, await host.QueryAsync(db => db.AuditEntries.MaxAsync(e => e.Id)));
    }

    [Theory]
    [InlineData("UPDATE \"AuditHead\" SET \"LastEntryId\" = 4")]
    [InlineData("UPDATE \"AuditHead\" SET \"LastHash\" = 'forged'")]
    [InlineData("DELETE FROM \"AuditHead\"")]
    public async Task The_database_refuses_to_move_the_head_record_back_or_remove_it(string sql)
    {
        await WriteSixEntriesAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(sql));

        Assert.Contains("the audit head only moves forward", refused.Message);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task After_tampering_new_entries_still_append_but_the_break_stays_reported()
    {
        await WriteSixEntriesAsync();
        await DropTheTriggersAsync();
        await SqlAsync("UPDATE \"AuditEntries\" SET \"ChangedFields\" = NULL WHERE \"Id\" = 1");

        await host.CreatePatientAsync("Bea", "Jones");
        var result = await VerifyAsync();

        Assert.Equal(1, result.Break!.EntryId);
        Assert.Equal(7, await host.QueryAsync(db => db.AuditEntries.CountAsync()));
    }
}
