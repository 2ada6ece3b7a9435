using MicroNeedling.Clinic.Data;
using MicroNeedling.Testing;

namespace MicroNeedling.Tests;

/// <summary>
/// A test about one engine's own machinery (a SQLite file lock, sqlite_sequence, a PostgreSQL advisory lock). In the
/// other engine's run it shows as skipped, with the reason, never as passed. Every other test runs on both.
/// </summary>
public sealed class OnlyOnAttribute : FactAttribute
{
    public OnlyOnAttribute(DatabaseProvider provider, string because)
    {
        if (TestDatabases.Provider != provider)
        {
            Skip = $"Only on {provider}: {because}";
        }
    }
}
