using MicroNeedling.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMicroNeedling();

var app = builder.Build();

// Command-line verbs (for example create-admin) run instead of the web server.
if (await AdminCommands.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseMicroNeedling();
await app.RunAsync();
