using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Media;

/// <summary>
/// Media bytes in the clinic's database: for several app instances on one PostgreSQL database, where a folder on one
/// machine would be missing on the others (docs/deploy.md). Saved in the caller's transaction, so a photo row and its
/// bytes are committed together or not at all.
/// </summary>
public sealed class DatabaseMediaStore(ClinicDbContext db, TimeProvider time) : IMediaStore
{
    public async Task SaveAsync(string key, byte[] content, CancellationToken ct = default)
    {
        Guard(key);
        db.MediaBlobs.Add(new MediaBlob { Key = key, Content = content, CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct = default)
    {
        Guard(key);
        return await db.MediaBlobs.AsNoTracking().Where(b => b.Key == key).Select(b => b.Content).SingleOrDefaultAsync(ct);
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        Guard(key);
        var blob = await db.MediaBlobs.SingleOrDefaultAsync(b => b.Key == key, ct);
        if (blob is not null)
        {
            db.MediaBlobs.Remove(blob);
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Guard(string key)
    {
        if (!MediaKeys.IsValid(key))
        {
            throw new ArgumentException("Not a media key this app generates.", nameof(key));
        }
    }
}
