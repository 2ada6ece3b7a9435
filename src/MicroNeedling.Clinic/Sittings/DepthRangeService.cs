using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>The clinic's safe needle-depth range for each area: the default chart of docs/domain.md, edited by an Admin.</summary>
public sealed class DepthRangeService(ClinicDbContext db, IValidator<SaveDepthRangesCommand> validator)
{
    public async Task<SaveDepthRangesCommand> GetAsync(CancellationToken ct = default)
    {
        var rows = await db.DepthRanges.AsNoTracking().ToDictionaryAsync(r => r.Area, ct);
        return new SaveDepthRangesCommand
        {
            Ranges = Enum.GetValues<NeedlingArea>().Select(area => rows.TryGetValue(area, out var r)
                ? new DepthRangeRow { Area = area, MinMm = r.MinMm, MaxMm = r.MaxMm }
                : new DepthRangeRow { Area = area }).ToList(),
        };
    }

    public async Task<ServiceResult> SaveAsync(SaveDepthRangesCommand command, CancellationToken ct = default)
    {
        if (!command.Ranges.Select(r => r.Area).Order().SequenceEqual(Enum.GetValues<NeedlingArea>()))
        {
            return ServiceResult.Fail("", "The form must hold each area once. Reload the page and try again.");
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        // The migration seeds one row per area; a missing row is added rather than assumed.
        var rows = await db.DepthRanges.ToDictionaryAsync(r => r.Area, ct);
        foreach (var range in command.Ranges)
        {
            if (!rows.TryGetValue(range.Area, out var row))
            {
                row = new DepthRange { Area = range.Area };
                db.DepthRanges.Add(row);
            }

            row.MinMm = range.MinMm!.Value;
            row.MaxMm = range.MaxMm!.Value;
        }

        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }
}
