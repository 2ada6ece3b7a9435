using MicroNeedling.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMicroNeedling();

var app = builder.Build();

// Command-line verbs (create-admin, migrate, backup) run instead of the web server.
if (await CommandLineVerbs.TryRunAsync(app, args))
{
    return;
}

// A busy port stops the start here, with one line, before the database is touched or any password is printed. Only
// Kestrel listens on ports; the test host's in-memory server is left alone.
if (app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Name.StartsWith("Kestrel", StringComparison.Ordinal) == true
    && BusyPortCheck.Problem(app.Configuration) is { } busy)
{
    Console.Error.WriteLine(busy);
    Environment.ExitCode = 1;
    return;
}

await app.PrepareDatabaseAsync();
app.UseMicroNeedling();
await app.RunAsync();
