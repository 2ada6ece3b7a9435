using Microsoft.Data.Sqlite;

namespace MicroNeedling.Web.Infrastructure;

public static class DatabaseLocation
{
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
