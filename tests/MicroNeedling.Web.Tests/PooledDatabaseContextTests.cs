using MicroNeedling.Clinic.Data;
using MicroNeedling.CompiledModels.PostgreSql;
using MicroNeedling.CompiledModels.Sqlite;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The app's database contexts come from a pool and name their compiled model (ADR 0025, docs/performance.md): each
/// saved a share of every request's fixed cost. What pooling must never do is carry one request's state into the next.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PooledDatabaseContextTests(ClinicAppFactory app)
{
    [Fact]
    public void The_app_names_its_compiled_model_instead_of_searching_the_assembly_for_it_per_context()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        var model = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model;

        Assert.NotNull(model);
        Assert.Same(db.Database.IsNpgsql() ? PostgreSqlClinicDbContextModel.Instance : ClinicDbContextModel.Instance, model);
    }

    [Fact]
    public async Task A_context_comes_back_from_the_pool_with_nothing_of_the_request_before()
    {
        ClinicDbContext first;
        using (var scope = app.Services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            await first.Database.OpenConnectionAsync();
            await first.Patients.AsTracking().Take(1).ToListAsync();
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await using var unfinished = await first.Database.BeginWriteTransactionAsync();

            // The scope ends with the transaction still open, as when a page throws between begin and commit.
        }

        // Rent until the same instance comes back (other tests share the pool), then look at what it carries.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            if (!ReferenceEquals(db, first))
            {
                continue;
            }

            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Equal(QueryTrackingBehavior.TrackAll, db.ChangeTracker.QueryTrackingBehavior);
            Assert.Null(db.Database.CurrentTransaction);
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            return;
        }

        Assert.Fail("The pool never handed the returned context out again.");
    }

    [Fact]
    public async Task A_write_transaction_left_open_gives_the_writers_turn_back_when_its_request_ends()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            _ = await db.Database.BeginWriteTransactionAsync();
        }

        using var next = app.Services.CreateScope();
        var nextDb = next.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var begin = nextDb.Database.BeginWriteTransactionAsync();
        var finished = await Task.WhenAny(begin, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(begin, finished);
        await (await begin).RollbackAsync();
    }
}
