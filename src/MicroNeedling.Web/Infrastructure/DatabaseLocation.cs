using MicroNeedling.Clinic.Data;
using Microsoft.Data.Sqlite;

namespace MicroNeedling.Web.Infrastructure;

public static class DatabaseLocation
{
    /// <summary>
    /// The engine (<c>Database:Provider</c>: Sqlite, the default, or PostgreSQL) and its connection string
    /// (<c>ConnectionStrings:Clinic</c>). Only SQLite has a default: a file in the app's App_Data folder.
    /// </summary>
    public static ClinicDatabase Of(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var provider = ClinicDatabase.ParseProvider(configuration["Database:Provider"]);
        if (provider == DatabaseProvider.PostgreSQL && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Clinic")))
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSQL, but ConnectionStrings:Clinic is not set. "
                + "Set it, for example ConnectionStrings__Clinic=\"Host=127.0.0.1;Database=microneedling;Username=microneedling;Password=...\" (docs/deploy.md).");
        }

        return new ClinicDatabase(provider, ConnectionString(configuration, environment));
    }

    /// <summary>
    /// ConnectionStrings:Clinic when set; otherwise a SQLite file under the app's folder (App_Data, git-ignored).
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Clinic");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "microneedling.db") }.ToString();
    }
}
