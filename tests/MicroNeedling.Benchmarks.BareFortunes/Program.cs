using MicroNeedling.Benchmarks.Baselines;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

// The Fortunes page alone: Razor Pages, the clinic's DbContext on the engine the app would pick (Database:Provider,
// ConnectionStrings:Clinic, read the same way), and routing. No authentication, antiforgery, security headers,
// interceptors, audit or writer queue: what is left is ASP.NET Core, EF Core and the database.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var database = new ClinicDatabase(
    ClinicDatabase.ParseProvider(builder.Configuration["Database:Provider"]),
    builder.Configuration.GetConnectionString("Clinic") ?? throw new InvalidOperationException("ConnectionStrings:Clinic is not set."));

// The context as a plain EF Core app would have it at its best: pooled, on the compiled model named outright (left to
// find it, EF Core reads the assembly's attributes each time a context is created). Services ask for ClinicDbContext;
// on PostgreSQL the app registers the subclass that carries PostgreSQL's model, and so does this.
if (database.Provider == DatabaseProvider.PostgreSQL)
{
    builder.Services.AddDbContextPool<ClinicDbContext, PostgreSqlClinicDbContext>(options =>
        options.UseClinicDatabase(database).UseModel(MicroNeedling.CompiledModels.PostgreSql.PostgreSqlClinicDbContextModel.Instance));
}
else
{
    builder.Services.AddDbContextPool<ClinicDbContext>(options =>
        options.UseClinicDatabase(database).UseModel(MicroNeedling.CompiledModels.Sqlite.ClinicDbContextModel.Instance));
}

// The baselines' assembly holds the Fortunes page (/bench/fortunes); it is referenced, so Razor Pages finds it.
builder.Services.AddRazorPages();

var app = builder.Build();
app.MapGet("/bench/gc", () => GcFigures.Now());
app.MapRazorPages();
app.Run();
