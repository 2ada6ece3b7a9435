using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Screening;

public sealed class ScreeningService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    TimeProvider time,
    IValidator<RecordScreeningCommand> screeningValidator)
{
    /// <summary>The patient's status today, in the clinic's time zone.</summary>
    public async Task<ScreeningStatus> CurrentStatusAsync(int patientId, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        return await StatusOnAsync(patientId, ClinicTime.For(clinic.TimeZoneId).Today(time), ct);
    }

    /// <summary>The patient's status on a clinic-local day, from the latest screening recorded.</summary>
    public async Task<ScreeningStatus> StatusOnAsync(int patientId, DateOnly day, CancellationToken ct = default)
    {
        var latest = await db.Screenings.AsNoTracking()
            .Include(s => s.Clearance)
            .Where(s => s.PatientId == patientId)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
        var status = ScreeningStatus.On(latest, day);
        if (!status.AllowsTreatment)
        {
            return status;
        }

        // The age was judged when the screening was recorded; a date of birth corrected since then must not let a
        // patient under the clinic's minimum age through.
        var dateOfBirth = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.DateOfBirth).SingleAsync(ct);
        var minimumAge = (await settings.GetAsync(ct)).MinimumAge;
        return Age.YearsOn(dateOfBirth, day) >= minimumAge
            ? status
            : new ScreeningStatus(ScreeningStatusKind.NotSuitable, status.Latest,
                $"Under the clinic's minimum age of {minimumAge} on {day:d MMM yyyy} (the date of birth changed after the screening).");
    }

    public async Task<IReadOnlyList<Screening>> HistoryAsync(int patientId, CancellationToken ct = default) =>
        await db.Screenings.AsNoTracking()
            .Include(s => s.Clearance)
            .Where(s => s.PatientId == patientId)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
            .ToListAsync(ct);

    public Task<Screening?> FindAsync(int screeningId, CancellationToken ct = default) =>
        db.Screenings.AsNoTracking().Include(s => s.Clearance).Include(s => s.Patient)
            .SingleOrDefaultAsync(s => s.Id == screeningId, ct);

    public Task<ServiceResult<Screening>> RecordAsync(RecordScreeningCommand command, CancellationToken ct = default) =>
        RecordAsync(command, bookingId: null, ct);

    /// <summary>Records a screening; with <paramref name="bookingId"/> it is the re-screen at that sitting's check-in.</summary>
    internal async Task<ServiceResult<Screening>> RecordAsync(RecordScreeningCommand command, int? bookingId, CancellationToken ct)
    {
        var validation = await screeningValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<Screening>.Fail(validation);
        }

        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PatientId, ct);
        if (patient is null)
        {
            return ServiceResult<Screening>.Fail("", "That patient does not exist.");
        }

        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        var answers = command.ToAnswers();
        var evaluation = ScreeningRules.Evaluate(answers, patient.DateOfBirth, today, clinic.ScreeningPolicy);
        var reversing = evaluation.Outcome == ScreeningOutcome.NotSuitable ? null : await HardStopToReverseAsync(patient.Id, ct);
        var reversalNote = string.IsNullOrWhiteSpace(command.ReversalNote) ? null : command.ReversalNote.Trim();
        if (reversing is not null && !ScreeningRules.IsMeaningfulNote(reversalNote))
        {
            return ServiceResult<Screening>.Fail(nameof(RecordScreeningCommand.ReversalNote),
                $"These answers clear the \"not suitable\" finding of {reversing.ScreenedOn:d MMM yyyy} ({string.Join(", ", FindingsOf(reversing))}). " +
                "Write what changed since then, for example a dermatologist's letter or the wounds seen healed.");
        }

        var screening = new Screening
        {
            PatientId = patient.Id,
            ScreenedOn = today,
            BookingId = bookingId,
            Eczema = answers.Eczema,
            Psoriasis = answers.Psoriasis,
            ActiveAcne = answers.ActiveAcne,
            OpenWounds = answers.OpenWounds,
            Pregnancy = answers.Pregnancy,
            RadiationTherapy = answers.RadiationTherapy,
            RadiationDate = answers.RadiationDate,
            Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim(),
            ReversalNote = reversing is null ? null : reversalNote,
            Outcome = evaluation.Outcome,
            Reasons = string.Join('\n', evaluation.Reasons.Select(r => r.Message)),
            ValidityDays = clinic.ScreeningValidityDays,
        };
        db.Screenings.Add(screening);
        await db.SaveChangesAsync(ct);
        return ServiceResult<Screening>.Ok(screening);
    }

    /// <summary>The patient's latest screening recorded today (clinic-local), if any: check-in shows it instead of asking again.</summary>
    public async Task<Screening?> TodaysAsync(int patientId, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        return await db.Screenings.AsNoTracking().Include(s => s.Clearance)
            .Where(s => s.PatientId == patientId && s.ScreenedOn == today)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The recent "not suitable" finding a new screening would clear, or null: the patient's latest screening, when it
    /// found eczema, psoriasis, active acne or open wounds within the clinic's reversal window (ADR 0018). A finding of
    /// age alone is not one: a minor stays not suitable until a screening on or after the birthday, which needs no note.
    /// </summary>
    public async Task<Screening?> HardStopToReverseAsync(int patientId, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var since = ClinicTime.For(clinic.TimeZoneId).Today(time).AddDays(-clinic.HardStopReversalDays);
        var latest = await db.Screenings.AsNoTracking().Include(s => s.Patient)
            .Where(s => s.PatientId == patientId)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
        return latest is { Outcome: ScreeningOutcome.NotSuitable, HasHardStopFinding: true } && latest.ScreenedOn >= since ? latest : null;
    }

    /// <summary>The hard-stop findings of a screening, in words.</summary>
    public static IEnumerable<string> FindingsOf(Screening screening)
    {
        if (screening.Eczema)
        {
            yield return "eczema";
        }

        if (screening.Psoriasis)
        {
            yield return "psoriasis";
        }

        if (screening.ActiveAcne)
        {
            yield return "active acne";
        }

        if (screening.OpenWounds)
        {
            yield return "open wounds";
        }
    }
}
