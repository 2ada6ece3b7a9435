using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Media;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Screening;

/// <summary>
/// A doctor's clearance for a screening that needs one (pregnancy, recent radiation therapy), with the doctor's letter
/// attached from the same form when the clinic has it.
/// </summary>
public sealed class ClearanceService(
    ClinicDbContext db,
    DocumentService documents,
    DocumentCheck check,
    IValidator<RecordClearanceCommand> clearanceValidator)
{
    public async Task<ServiceResult> RecordClearanceAsync(RecordClearanceCommand command, CancellationToken ct = default)
    {
        var validation = await clearanceValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        // The letter is checked before anything is written: a refused file leaves no clearance behind, and the form keeps
        // what was typed.
        Media.StoredDocument? letter = null;
        if (command.Letter is { Length: > 0 })
        {
            var checkedLetter = check.Check(command.Letter);
            if (!checkedLetter.Succeeded)
            {
                return ServiceResult.Fail(nameof(RecordClearanceCommand.Letter), checkedLetter.Refusal!);
            }

            letter = checkedLetter.Document;
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var screening = await db.Screenings.Include(s => s.Clearance).SingleOrDefaultAsync(s => s.Id == command.ScreeningId, ct);
        if (screening is null)
        {
            return ServiceResult.Fail("", "That screening does not exist.");
        }

        // A clearance must speak to this screening's findings: one older than the screening's validity window before it
        // predates what the screening found (for example a letter from before the pregnancy).
        if (command.ClearedOn!.Value < screening.ScreenedOn.AddDays(-screening.ValidityDays))
        {
            return ServiceResult.Fail(nameof(command.ClearedOn),
                $"The clearance must date from {screening.ScreenedOn.AddDays(-screening.ValidityDays):d MMM yyyy} or later, close to this screening of {screening.ScreenedOn:d MMM yyyy}.");
        }

        // Clearance can never override a hard stop: a doctor's letter does not heal eczema.
        if (screening.Outcome == ScreeningOutcome.NotSuitable)
        {
            return ServiceResult.Fail("", "This screening found the patient not suitable. A doctor's clearance cannot override that.");
        }

        if (screening.Outcome == ScreeningOutcome.Suitable)
        {
            return ServiceResult.Fail("", "This screening does not need a clearance.");
        }

        if (screening.Clearance is not null)
        {
            return ServiceResult.Fail("", "A clearance is already recorded for this screening. Record a new screening to change it.");
        }

        screening.Clearance = new DoctorClearance
        {
            DoctorName = command.DoctorName.Trim(),
            ClearedOn = command.ClearedOn!.Value,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
        };
        try
        {
            await db.SaveChangesAsync(ct);
            if (letter is not null)
            {
                await documents.AttachCheckedAsync(screening.PatientId, DocumentKind.ClearanceLetter, $"Clearance letter from {screening.Clearance.DoctorName}",
                    command.LetterFileName, letter, screening.Clearance.Id, ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // Two clinicians saved a clearance at the same moment; the unique index kept exactly one.
            return ServiceResult.Fail("", "A clearance was recorded for this screening a moment ago. Reload the page to see it.");
        }

        return ServiceResult.Ok();
    }
}
