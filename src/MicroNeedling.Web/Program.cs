using MicroNeedling.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMicroNeedling();

var app = builder.Build();

// Command-line verbs (create-admin, migrate, backup) run instead of the web server.
if (await CommandLineVerbs.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseMicroNeedling();
await app.RunAsync();
