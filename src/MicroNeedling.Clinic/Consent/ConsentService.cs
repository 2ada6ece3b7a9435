using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Consent;

/// <summary>What the consent page shows to be signed: the course, its patient and the current text.</summary>
public sealed record ConsentPresentation(int PlanId, int PatientId, string PatientName, PlanStatus CourseStatus, ConsentTemplate Template, CourseConsent Current);

/// <summary>One signed consent, with whether it still matches its seal.</summary>
public sealed record SignedConsent(PatientConsent Record, bool IsIntact, bool IsCurrentSafetyRevision);

/// <summary>Presenting, signing and withdrawing a course's informed consent (ADR 0020).</summary>
public sealed class ConsentService(
    ClinicDbContext db,
    TimeProvider time,
    ICurrentUser user,
    Messaging.PatientMessages messages,
    ConsentGate gate,
    ConsentTemplateService templates,
    IValidator<SignConsentCommand> signValidator,
    IValidator<WithdrawConsentCommand> withdrawValidator)
{
    /// <summary>The reason written on the bookings a withdrawal cancels. Front desk reads it: it says nothing clinical.</summary>
    public const string WithdrawnReason = "The patient withdrew consent.";

    public async Task<ConsentPresentation?> PresentAsync(int planId, CancellationToken ct = default)
    {
        var plan = await db.CoursePlans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.PatientId, Name = p.Patient!.FirstName + " " + p.Patient.LastName, p.Status })
            .SingleOrDefaultAsync(ct);
        return plan is null
            ? null
            : new ConsentPresentation(plan.Id, plan.PatientId, plan.Name, plan.Status, await templates.CurrentAsync(ct), await gate.ForCourseAsync(planId, ct));
    }

    public async Task<ServiceResult<int>> SignAsync(SignConsentCommand command, CancellationToken ct = default)
    {
        var validation = await signValidator.ValidateAsync(command, ct);
        // Each signature is decoded once: the check and the cleaned PNG to keep come from the same read.
        var (patientSignature, patientRefusal) = SignatureImage.Read(command.PatientSignature, "The patient's");
        var (clinicianSignature, clinicianRefusal) = SignatureImage.Read(command.ClinicianSignature, "The clinician's");
        var errors = validation.Errors.Select(e => new ServiceError(e.PropertyName, e.ErrorMessage)).ToList();
        if (patientRefusal is not null)
        {
            errors.Add(new ServiceError(nameof(SignConsentCommand.PatientSignature), patientRefusal));
        }

        if (clinicianRefusal is not null)
        {
            errors.Add(new ServiceError(nameof(SignConsentCommand.ClinicianSignature), clinicianRefusal));
        }

        if (errors.Count > 0)
        {
            return ServiceResult<int>.Fail(errors);
        }

        // The write lock makes a double submit sign once: the second finds the first's consent and is refused.
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var plan = await db.CoursePlans.AsNoTracking().Where(p => p.Id == command.PlanId)
            .Select(p => new { p.Id, p.PatientId, p.Status, Name = p.Patient!.FirstName + " " + p.Patient.LastName })
            .SingleOrDefaultAsync(ct);
        if (plan is null)
        {
            return ServiceResult<int>.Fail("", "That course does not exist.");
        }

        if (plan.Status != PlanStatus.Active)
        {
            return ServiceResult<int>.Fail("", $"The course is {FlagsList.DisplayName(plan.Status).ToLowerInvariant()}; there is nothing to consent to.");
        }

        var template = await templates.CurrentAsync(ct);
        if (template.Id != command.TemplateId)
        {
            return ServiceResult<int>.Fail(nameof(SignConsentCommand.TemplateId),
                $"A new version of the consent (version {template.Version}) was published while this form was open. Read the new version with the patient and sign it; nothing was saved.");
        }

        var current = await gate.ForCourseAsync(plan.Id, ct);
        if (current.AllowsTreatment)
        {
            return ServiceResult<int>.Fail("", $"The patient already signed the consent for this course on {current.SignedAtUtc:d MMM yyyy}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var consent = new PatientConsent
        {
            PatientId = plan.PatientId,
            CoursePlanId = plan.Id,
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            SafetyRevision = template.SafetyRevision,
            Title = template.Title,
            TextShown = template.Body,
            PhotosForClinicalRecord = command.PhotosForClinicalRecord,
            PhotosForTeachingOrMarketing = command.PhotosForTeachingOrMarketing,
            PatientNameSigned = plan.Name,
            PatientSignaturePng = patientSignature!,
            SignedAtUtc = now,
            ClinicianSignaturePng = clinicianSignature!,
            CountersignedBy = user.UserName,
            CountersignedAtUtc = now,
        };
        consent.Sha256 = ConsentSeal.Compute(consent);
        db.PatientConsents.Add(consent);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<int>.Ok(consent.Id);
    }

    public async Task<SignedConsent?> GetAsync(int consentId, CancellationToken ct = default)
    {
        var consent = await db.PatientConsents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, ct);
        return consent is null
            ? null
            : new SignedConsent(consent, ConsentSeal.IsIntact(consent), consent.SafetyRevision >= await gate.CurrentSafetyRevisionAsync(ct));
    }

    /// <summary>A patient's signed consents, newest first, for the patient page (clinicians).</summary>
    public Task<List<ConsentListItem>> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        db.PatientConsents.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.Id)
            .Select(c => new ConsentListItem(c.Id, c.CoursePlanId, c.TemplateVersion, c.SignedAtUtc, c.WithdrawnAtUtc, c.PhotosForClinicalRecord, c.PhotosForTeachingOrMarketing))
            .ToListAsync(ct);

    /// <summary>Records the withdrawal and cancels the course's open sittings; the course can be booked again only after a new consent.</summary>
    public async Task<ServiceResult> WithdrawAsync(WithdrawConsentCommand command, CancellationToken ct = default)
    {
        var validation = await withdrawValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var consent = await db.PatientConsents.SingleOrDefaultAsync(c => c.Id == command.ConsentId, ct);
        if (consent is null)
        {
            return ServiceResult.Fail("", "That consent does not exist.");
        }

        if (consent.IsWithdrawn)
        {
            return ServiceResult.Fail("", $"This consent was already withdrawn on {consent.WithdrawnAtUtc:d MMM yyyy}.");
        }

        consent.WithdrawnAtUtc = time.GetUtcNow().UtcDateTime;
        consent.WithdrawnBy = user.UserName;
        consent.WithdrawalReason = command.Reason.Trim();
        await OpenBookings.CloseAsync(db, messages, consent.CoursePlanId, WithdrawnReason, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }
}

public sealed record ConsentListItem(
    int Id, int PlanId, int TemplateVersion, DateTime SignedAtUtc, DateTime? WithdrawnAtUtc, bool PhotosForClinicalRecord, bool PhotosForTeachingOrMarketing);
