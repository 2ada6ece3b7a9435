using MicroNeedling.Clinic.Data;
using Microsoft.Data.Sqlite;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>A finished backup: where it is, how big, and what SQLite's integrity check said about it.</summary>
public sealed record SqliteBackupCopy(string Path, long Bytes, string IntegrityCheck)
{
    public bool IsIntact => IntegrityCheck == "ok";
}

/// <summary>
/// A consistent copy of the clinic's SQLite database while the app keeps serving, with SQLite's online backup API.
/// Copying the file with cp is not a backup: in WAL mode the latest changes sit in the -wal file, and a copy taken
/// mid-write can be torn. The backup API reads one snapshot under a read transaction, which in WAL mode does not stop
/// the app writing.
/// </summary>
public static class SqliteBackup
{
    public static async Task<SqliteBackupCopy> CopyAsync(string connectionString, string target, CancellationToken ct = default)
    {
        var sourceFile = StartupMigration.DatabaseFileOf(connectionString)
            ?? throw new InvalidOperationException("The configured database is in memory; there is no file to back up.");
        var targetFile = Path.GetFullPath(target);
        if (!File.Exists(sourceFile))
        {
            throw new InvalidOperationException($"There is no database at {sourceFile}.");
        }

        if (File.Exists(targetFile))
        {
            throw new InvalidOperationException($"{targetFile} already exists. A backup never overwrites a file; choose a new name.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(targetFile)))
        {
            throw new InvalidOperationException($"The folder {Path.GetDirectoryName(targetFile)} does not exist.");
        }

        // Written under a temporary name and renamed when complete, so a backup killed half-way never looks like a backup.
        var partial = targetFile + ".partial";
        File.Delete(partial);

        // ReadWrite, not the default ReadWriteCreate: a wrong path must fail, not back up a new empty database.
        await using (var from = new SqliteConnection(FileConnection(sourceFile, SqliteOpenMode.ReadWrite)))
        await using (var to = new SqliteConnection(FileConnection(partial)))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The copy holds the patients' records and the data-protection keys: readable by its owner only.
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(partial, targetFile, overwrite: false);
        return new SqliteBackupCopy(targetFile, new FileInfo(targetFile).Length, await IntegrityCheckAsync(targetFile, ct));
    }

    /// <summary>SQLite's own check of every page and index of the file: "ok", or the problems it found.</summary>
    public static async Task<string> IntegrityCheckAsync(string databaseFile, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(FileConnection(databaseFile, SqliteOpenMode.ReadWrite));
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string FileConnection(string file, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}
