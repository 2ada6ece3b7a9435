using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroNeedling.Testing;

/// <summary>One SQL command the app ran, with its parameter values.</summary>
public sealed record LoggedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>Records every SQL command EF Core runs, so tests can count them per page and inspect their query plans.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    /// <summary>A request header tests may set so that the commands of one request can be told apart from those of requests running beside it.</summary>
    public const string RequestTagHeader = "X-Test-Request";

    private readonly ConcurrentQueue<LoggedCommand> commands = new();

    // The accessor reads an AsyncLocal, so a fresh instance sees the request the command runs for.
    private readonly HttpContextAccessor httpContext = new();

    private readonly ConcurrentDictionary<string, int> writesByTag = new();

    public IReadOnlyList<LoggedCommand> Commands => commands.ToArray();

    /// <summary>How many INSERT, UPDATE or DELETE commands ran for the requests tagged <paramref name="tag"/>.</summary>
    public int WritesFor(string tag) => writesByTag.GetValueOrDefault(tag);

    public void Clear() => commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    private void Record(DbCommand command)
    {
        var tag = httpContext.HttpContext?.Request.Headers[RequestTagHeader].FirstOrDefault();
        if (tag is not null)
        {
            // Tagged requests come by the thousand (the hostile-input test): count their writes, keep nothing else.
            if (IsWrite(command.CommandText))
            {
                writesByTag.AddOrUpdate(tag, 1, (_, count) => count + 1);
            }

            return;
        }

        commands.Enqueue(new LoggedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
    }

    private static bool IsWrite(string sql)
    {
        // EF Core may batch several statements in one command, so look for any write in it.
        var text = sql.AsSpan();
        return text.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase)
            || text.Contains("UPDATE ", StringComparison.OrdinalIgnoreCase) && text.Contains(" SET ", StringComparison.OrdinalIgnoreCase)
            || text.Contains("DELETE FROM", StringComparison.OrdinalIgnoreCase);
    }
}
