using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Media;

namespace MicroNeedling.Web.Infrastructure;

public static class MediaLocation
{
    /// <summary>
    /// <c>Media:Store</c>: Folder (the default) or Database. <c>Media:Folder</c>: where a folder store keeps its files; by
    /// default a "media" folder beside the SQLite database file (so a backup of one is found beside the other), or
    /// App_Data/media when the database is PostgreSQL. Never under wwwroot: photos are served only through the authorised
    /// handlers.
    /// </summary>
    public static MediaStorage Of(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var kind = configuration["Media:Store"] switch
        {
            null or "" => MediaStoreKind.Folder,
            var v when v.Equals("Folder", StringComparison.OrdinalIgnoreCase) => MediaStoreKind.Folder,
            var v when v.Equals("Database", StringComparison.OrdinalIgnoreCase) => MediaStoreKind.Database,
            var v => throw new InvalidOperationException($"Media:Store is \"{v}\"; it must be Folder or Database (docs/deploy.md)."),
        };
        return new MediaStorage(kind, FolderOf(configuration, environment));
    }

    public static string FolderOf(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Media:Folder"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        var database = DatabaseLocation.Of(configuration, environment);
        var databaseFile = database.Provider == DatabaseProvider.Sqlite ? StartupMigration.DatabaseFileOf(database.ConnectionString) : null;
        return databaseFile is null
            ? Path.Combine(environment.ContentRootPath, "App_Data", "media")
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "media");
    }
}
