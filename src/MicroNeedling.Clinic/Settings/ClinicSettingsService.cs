using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Settings;

public sealed class ClinicSettingsService(ClinicDbContext db, IValidator<UpdateSettingsCommand> validator)
{
    public async Task<ClinicSettings> GetAsync(CancellationToken ct = default) =>
        await db.ClinicSettings.AsNoTracking().SingleAsync(s => s.Id == ClinicSettings.SingletonId, ct);

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
        return ServiceResult.Ok();
    }
}
