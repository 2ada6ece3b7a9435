namespace MicroNeedling.Clinic.Media;

/// <summary>Takes back the files of a save that failed after they were written.</summary>
internal static class MediaCleanup
{
    /// <summary>
    /// Best effort: the caller is already failing and rethrows its own exception, which matters more than a leftover file
    /// (a random key no row points to). The database store's rows go with the rolled-back transaction anyway.
    /// </summary>
    public static async Task ForgetAsync(IMediaStore store, params string[] keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Left behind: harmless, see above.
            }
        }
    }
}
