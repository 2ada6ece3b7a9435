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

// Services ask for ClinicDbContext; on PostgreSQL the app registers the subclass that carries PostgreSQL's model.
void Configure(DbContextOptionsBuilder options) => options.UseClinicDatabase(database);
if (database.Provider == DatabaseProvider.PostgreSQL)
{
    builder.Services.AddDbContext<ClinicDbContext, PostgreSqlClinicDbContext>(Configure, optionsLifetime: ServiceLifetime.Singleton);
}
else
{
    builder.Services.AddDbContext<ClinicDbContext>(Configure, optionsLifetime: ServiceLifetime.Singleton);
}

// The baselines' assembly holds the Fortunes page (/bench/fortunes); it is referenced, so Razor Pages finds it.
builder.Services.AddRazorPages();

var app = builder.Build();
app.MapGet("/bench/gc", () => GcFigures.Now());
app.MapRazorPages();
app.Run();
