using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Settings;

/// <remarks>
/// Scoped, so one instance serves one request. Several services ask for the settings while handling one request (a
/// booking asks four times); the first read is kept for the rest of that request only, so nothing is cached across
/// requests or app instances, and a change made by another instance is seen by the next request.
/// </remarks>
public sealed class ClinicSettingsService(ClinicDbContext db, IValidator<UpdateSettingsCommand> validator)
{
    private ClinicSettings? readThisRequest;

    // Every page's layout reads the settings; a compiled query skips EF's per-call translation work.
    private static readonly Func<ClinicDbContext, CancellationToken, Task<ClinicSettings>> ReadSettings =
        EF.CompileAsyncQuery((ClinicDbContext db, CancellationToken ct) =>
            db.ClinicSettings.AsNoTracking().Single(s => s.Id == ClinicSettings.SingletonId));

    public async Task<ClinicSettings> GetAsync(CancellationToken ct = default) =>
        readThisRequest ??= await ReadSettings(db, ct);

    public async Task<ServiceResult> UpdateAsync(UpdateSettingsCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var settings = await db.ClinicSettings.SingleAsync(s => s.Id == ClinicSettings.SingletonId, ct);
        command.ApplyTo(settings);
        await db.SaveChangesAsync(ct);
        readThisRequest = null;
        return ServiceResult.Ok();
    }
}
