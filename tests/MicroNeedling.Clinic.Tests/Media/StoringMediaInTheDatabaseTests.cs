using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Media;

/// <summary>The store for several instances (Media:Store=Database), on each engine the suite runs on.</summary>
public sealed class StoringMediaInTheDatabaseTests
{
    [Fact]
    public async Task Bytes_are_saved_read_and_deleted_under_their_key_and_written_only_once()
    {
        using var host = new ClinicTestHost();
        var key = MediaKeys.New("photos", new DateOnly(2026, 3, 10), "display", ".jpg");
        byte[] photo = [0xFF, 0xD8, 0xFF, 1, 2, 3];

        await host.QueryAsync(async db =>
        {
            await new DatabaseMediaStore(db, host.Clock).SaveAsync(key, photo);
            return 0;
        });
        var read = await host.QueryAsync(db => new DatabaseMediaStore(db, host.Clock).ReadAsync(key));
        var again = await host.QueryAsync(async db =>
        {
            try
            {
                await new DatabaseMediaStore(db, host.Clock).SaveAsync(key, [9]);
                return false;
            }
            catch (DbUpdateException)
            {
                return true;
            }
        });
        await host.QueryAsync(async db =>
        {
            await new DatabaseMediaStore(db, host.Clock).DeleteAsync(key);
            return 0;
        });

        Assert.Equal(photo, read);
        Assert.True(again, "a second save under the same key must fail");
        Assert.Null(await host.QueryAsync(db => new DatabaseMediaStore(db, host.Clock).ReadAsync(key)));
        // The bytes are not audited themselves: the photo row that points at them is.
        Assert.Equal(0, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(MediaBlob))));
    }

    [Fact]
    public async Task A_key_the_app_did_not_make_is_refused()
    {
        using var host = new ClinicTestHost();

        await Assert.ThrowsAsync<ArgumentException>(() => host.QueryAsync(db => new DatabaseMediaStore(db, host.Clock).ReadAsync("../x.jpg")));
    }
}
