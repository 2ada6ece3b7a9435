namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Copies the media folder (photos, documents) beside a database backup. Media files are written once and never
/// changed, and a row is committed only after its files are written, so copying after the database snapshot finds every
/// file the snapshot refers to; a file added since is copied too and is harmless.
/// </summary>
public static class MediaBackup
{
    public static (int Files, long Bytes) CopyFolder(string source, string target)
    {
        if (Directory.Exists(target))
        {
            throw new InvalidOperationException($"{target} already exists. A backup never overwrites; choose a new name.");
        }

        Directory.CreateDirectory(target);
        if (!Directory.Exists(source))
        {
            return (0, 0);
        }

        var files = 0;
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            // Half-written files of a folder store are named *.tmp until they are complete.
            if (file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            files++;
            bytes += new FileInfo(copy).Length;
        }

        return (files, bytes);
    }
}
