namespace MicroNeedling.Clinic.Media;

public sealed class FolderMediaStoreOptions
{
    public string Root { get; set; } = "";
}

/// <summary>
/// Media as files under one folder (the default store). Each file is written under a temporary name and moved into place
/// when complete, so a crash never leaves a half photo under a real key; the backup verb skips the temporary names.
/// </summary>
public sealed class FolderMediaStore(FolderMediaStoreOptions options) : IMediaStore
{
    private readonly string root = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Root)
        ? throw new ArgumentException("The media folder is not set.", nameof(options))
        : options.Root);

    public async Task SaveAsync(string key, byte[] content, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (!MediaKeys.IsValid(key))
        {
            throw new ArgumentException("Not a media key this app generates.", nameof(key));
        }

        // The key's shape already rules out "..", but the check is cheap and makes the guarantee local.
        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("Not a media key this app generates.", nameof(key));
    }
}
