using MicroNeedling.Clinic.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Stamps who and when on every saved <see cref="IStamped"/> entity, so no service can forget it.
/// "When" comes from the injected <see cref="TimeProvider"/>, which is how tests control the clock.
/// </summary>
public sealed class StampingInterceptor(TimeProvider time, ICurrentUser user) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries<IStamped>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAtUtc = now;
                entry.Entity.CreatedBy = user.UserName;
            }
            else if (entry.State == EntityState.Modified && entry.Entity is IUpdateStamped updated)
            {
                updated.UpdatedAtUtc = now;
                updated.UpdatedBy = user.UserName;
            }
        }
    }
}
