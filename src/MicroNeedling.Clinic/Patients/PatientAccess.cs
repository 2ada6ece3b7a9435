using FluentValidation;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Patients;

/// <summary>The rule for who sees a patient's clinical record (screenings, plans, charts, side effects).</summary>
public static class PatientAccessRules
{
    /// <summary>
    /// Only clinicians see clinical detail. An open record is open to every clinician; a restricted one to the clinician it
    /// is restricted to, and to a clinician who holds a live emergency access grant for it.
    /// </summary>
    public static bool CanSeeClinicalRecord(bool isClinician, string? userId, string? restrictedToStaffId, bool holdsLiveGrant) =>
        isClinician && (restrictedToStaffId is null || (userId is not null && (restrictedToStaffId == userId || holdsLiveGrant)));
}

/// <summary>What the patient page needs to know about the current user's access to one record.</summary>
public sealed record PatientAccessView(bool IsRestricted, bool RestrictedToCurrentUser, bool CanSeeClinicalRecord, DateTime? EmergencyAccessUntilUtc);

/// <summary>One emergency access for the admins' review list.</summary>
public sealed record EmergencyAccessReviewItem(
    int Id, int PatientId, string PatientName, string StaffUserName, string Reason, DateTime GrantedAtUtc, DateTime ExpiresAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote);

/// <summary>
/// Restricted records and break-glass emergency access (HIPAA "emergency access procedure"). Every page that shows or changes
/// one patient's record asks <see cref="MayOpenAsync"/> (or one of its id-specific forms) first, and answers 404 when it says no,
/// so a hidden record and a missing one look the same.
/// </summary>
public sealed class PatientAccess(
    ClinicDbContext db,
    ICurrentUser user,
    TimeProvider time,
    Audit.AuditService audit,
    IValidator<GrantEmergencyAccessCommand> grantValidator,
    IValidator<ReviewEmergencyAccessCommand> reviewValidator)
{
    /// <summary>
    /// How long a grant lasts. Long enough for an unplanned appointment and its notes; short enough that every further need
    /// gives a new reason, so each grant an admin reviews is about one situation.
    /// </summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromHours(4);

    /// <summary>How many reviewed grants the review list keeps showing under the unreviewed ones.</summary>
    public const int ReviewedShown = 50;

    private bool IsClinician => user.IsInRole(Roles.Clinician);

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Null when the patient does not exist.</summary>
    public Task<PatientAccessView?> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        AccessToAsync(db.Patients.Where(p => p.Id == patientId), ct);

    /// <summary>
    /// The access to the one patient the query finds (none: null), with the current user's live emergency grant, in one
    /// SQL command: every page that takes an id asks this before anything else.
    /// </summary>
    private async Task<PatientAccessView?> AccessToAsync(IQueryable<Patient> patients, CancellationToken ct)
    {
        var userId = user.UserId ?? "";
        var now = UtcNow;
        var patient = await patients.AsNoTracking()
            .Select(p => new
            {
                p.RestrictedToStaffId,
                GrantUntil = db.EmergencyAccesses.Where(e => e.PatientId == p.Id && e.StaffId == userId && e.ExpiresAtUtc > now).Max(e => (DateTime?)e.ExpiresAtUtc),
            })
            .SingleOrDefaultAsync(ct);
        if (patient is null)
        {
            return null;
        }

        var grantUntil = user.UserId is null ? null : patient.GrantUntil;
        var canSee = PatientAccessRules.CanSeeClinicalRecord(IsClinician, user.UserId, patient.RestrictedToStaffId, grantUntil is not null);
        return new PatientAccessView(
            patient.RestrictedToStaffId is not null,
            patient.RestrictedToStaffId is not null && patient.RestrictedToStaffId == user.UserId,
            canSee,
            grantUntil);
    }

    private async Task<bool> MayOpenAsync(IQueryable<Patient> patients, CancellationToken ct) =>
        await AccessToAsync(patients, ct) is { } access && (!IsClinician || access.CanSeeClinicalRecord);

    public async Task<bool> CanSeeClinicalRecordAsync(int patientId, CancellationToken ct = default) =>
        (await ForPatientAsync(patientId, ct))?.CanSeeClinicalRecord ?? false;

    /// <summary>
    /// May the current user open a page about this patient? False when the patient does not exist, and for a clinician who
    /// cannot see the clinical record. Front desk passes: the role policies already keep it to the pages it may open, which
    /// show no clinical detail.
    /// </summary>
    public async Task<bool> MayOpenAsync(int patientId, CancellationToken ct = default)
    {
        var access = await ForPatientAsync(patientId, ct);
        return access is not null && (!IsClinician || access.CanSeeClinicalRecord);
    }

    public async Task<bool> MayOpenScreeningAsync(int screeningId, CancellationToken ct = default) =>
        await db.Screenings.Where(s => s.Id == screeningId).Select(s => (int?)s.PatientId).SingleOrDefaultAsync(ct) is { } patientId
        && await MayOpenAsync(patientId, ct);

    public Task<bool> MayOpenPlanAsync(int planId, CancellationToken ct = default) =>
        MayOpenAsync(PatientOf(db.CoursePlans.Where(c => c.Id == planId).Select(c => (int?)c.PatientId)), ct);

    /// <summary>A planned sitting (the thing a booking is made for), by its id.</summary>
    public Task<bool> MayOpenSittingAsync(int plannedSittingId, CancellationToken ct = default) =>
        MayOpenAsync(
            PatientOf(db.PlannedSittings.Where(s => s.Id == plannedSittingId)
                .Join(db.CoursePlans, s => s.CoursePlanId, c => c.Id, (s, c) => (int?)c.PatientId)),
            ct);

    public Task<bool> MayOpenBookingAsync(int bookingId, CancellationToken ct = default) =>
        MayOpenAsync(PatientOf(db.Bookings.Where(b => b.Id == bookingId).Select(b => (int?)b.PatientId)), ct);

    public async Task<bool> MayOpenSideEffectAsync(int sideEffectId, CancellationToken ct = default) =>
        await db.SideEffects.Where(e => e.Id == sideEffectId).Select(e => (int?)e.PatientId).SingleOrDefaultAsync(ct) is { } patientId
        && await MayOpenAsync(patientId, ct);

    /// <summary>
    /// A signed consent, a photo or a document: clinical content, so only a user who can see the clinical record may open it,
    /// whatever role policy let the request through (front desk and admins never; a clinician as for the record).
    /// </summary>
    public Task<bool> MayOpenConsentAsync(int consentId, CancellationToken ct = default) =>
        CanSeeClinicalAsync(PatientOf(db.PatientConsents.Where(c => c.Id == consentId).Select(c => (int?)c.PatientId)), ct);

    /// <inheritdoc cref="MayOpenConsentAsync"/>
    public Task<bool> MayOpenPhotoAsync(int photoId, CancellationToken ct = default) =>
        CanSeeClinicalAsync(PatientOf(db.SittingPhotos.Where(f => f.Id == photoId).Select(f => (int?)f.PatientId)), ct);

    /// <inheritdoc cref="MayOpenConsentAsync"/>
    public Task<bool> MayOpenDocumentAsync(int documentId, CancellationToken ct = default) =>
        CanSeeClinicalAsync(PatientOf(db.PatientDocuments.Where(d => d.Id == documentId).Select(d => (int?)d.PatientId)), ct);

    /// <summary>
    /// The patient whose id the query reads from one row found by its primary key; none when there is no such row. Written
    /// as <c>p.Id = (SELECT ... WHERE Id = @id)</c>, so every database seeks the row and then the patient by their keys;
    /// the "patient for whom such a row exists" form (a correlated EXISTS) made SQLite walk every patient.
    /// </summary>
    private IQueryable<Patient> PatientOf(IQueryable<int?> patientId) =>
        db.Patients.Where(p => p.Id == patientId.FirstOrDefault());

    private async Task<bool> CanSeeClinicalAsync(IQueryable<Patient> patients, CancellationToken ct) =>
        await AccessToAsync(patients, ct) is { CanSeeClinicalRecord: true };

    /// <summary>Which of these patients have a restricted record, for a badge in lists.</summary>
    public async Task<IReadOnlySet<int>> RestrictedAmongAsync(IReadOnlyCollection<int> patientIds, CancellationToken ct = default) =>
        (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id) && p.RestrictedToStaffId != null)
            .Select(p => p.Id).ToListAsync(ct)).ToHashSet();

    /// <summary>Which of these patients' clinical records the current user may not see, so lists can leave their details out.</summary>
    public async Task<IReadOnlySet<int>> HiddenAmongAsync(IReadOnlyCollection<int> patientIds, CancellationToken ct = default)
    {
        var restricted = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, p.RestrictedToStaffId }).ToListAsync(ct);
        var now = UtcNow;
        var userId = user.UserId;
        var granted = (await db.EmergencyAccesses.AsNoTracking()
            .Where(e => patientIds.Contains(e.PatientId) && e.StaffId == userId && e.ExpiresAtUtc > now)
            .Select(e => e.PatientId).ToListAsync(ct)).ToHashSet();
        return restricted
            .Where(p => !PatientAccessRules.CanSeeClinicalRecord(IsClinician, userId, p.RestrictedToStaffId, granted.Contains(p.Id)))
            .Select(p => p.Id).ToHashSet();
    }

    /// <summary>Restricts an open record to the current clinician, who must be able to see it.</summary>
    public async Task<ServiceResult> RestrictAsync(int patientId, CancellationToken ct = default)
    {
        if (!IsClinician || user.UserId is not { } userId)
        {
            return ServiceResult.Fail("", "Only a clinician can restrict a record.");
        }

        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return ServiceResult.Fail("", "That patient does not exist.");
        }

        if (patient.RestrictedToStaffId == userId)
        {
            return ServiceResult.Ok();
        }

        // Emergency access opens a record for a need; it does not let the clinician take the record over.
        if (patient.RestrictedToStaffId is not null)
        {
            return ServiceResult.Fail("", "This record is restricted to another clinician. Only they can change that.");
        }

        patient.RestrictedToStaffId = userId;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>Opens the record to every clinician again; only the clinician it is restricted to may do this.</summary>
    public async Task<ServiceResult> LiftRestrictionAsync(int patientId, CancellationToken ct = default)
    {
        if (!IsClinician || user.UserId is not { } userId)
        {
            return ServiceResult.Fail("", "Only a clinician can lift a restriction.");
        }

        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return ServiceResult.Fail("", "That patient does not exist.");
        }

        if (patient.RestrictedToStaffId is null)
        {
            return ServiceResult.Ok();
        }

        if (patient.RestrictedToStaffId != userId)
        {
            return ServiceResult.Fail("", "This record is restricted to another clinician. Only they can change that.");
        }

        patient.RestrictedToStaffId = null;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// Break-glass: opens a record restricted to another clinician to the current clinician for <see cref="GrantLifetime"/>.
    /// The grant keeps the reason and stays on the admins' review list until an admin marks it reviewed.
    /// </summary>
    public async Task<ServiceResult<EmergencyAccess>> GrantEmergencyAccessAsync(GrantEmergencyAccessCommand command, CancellationToken ct = default)
    {
        var validation = await grantValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<EmergencyAccess>.Fail(validation);
        }

        if (!IsClinician || user.UserId is not { } userId)
        {
            return ServiceResult<EmergencyAccess>.Fail("", "Only a clinician can use emergency access.");
        }

        var access = await ForPatientAsync(command.PatientId, ct);
        if (access is null)
        {
            return ServiceResult<EmergencyAccess>.Fail("", "That patient does not exist.");
        }

        if (!access.IsRestricted)
        {
            return ServiceResult<EmergencyAccess>.Fail("", "This record is not restricted: you can open it without emergency access.");
        }

        if (access.CanSeeClinicalRecord)
        {
            return ServiceResult<EmergencyAccess>.Fail("", "You already have access to this record.");
        }

        var now = UtcNow;
        var grant = new EmergencyAccess
        {
            PatientId = command.PatientId,
            StaffId = userId,
            StaffUserName = user.UserName,
            Reason = command.Reason.Trim(),
            GrantedAtUtc = now,
            ExpiresAtUtc = now + GrantLifetime,
        };
        // Besides the automatic "Create EmergencyAccess" entry, the trail gets an entry with the break-glass action itself
        // on the patient, in the same transaction, so a search for the patient or the action shows it without a join.
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        db.EmergencyAccesses.Add(grant);
        await db.SaveChangesAsync(ct);
        var patientId = command.PatientId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await audit.RecordAsync(Audit.AuditActions.EmergencyAccess, "Patient", patientId, command.PatientId, null, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<EmergencyAccess>.Ok(grant);
    }

    /// <summary>Every unreviewed grant (oldest first, so none waits forever), then the most recently reviewed ones.</summary>
    public async Task<IReadOnlyList<EmergencyAccessReviewItem>> ForReviewAsync(CancellationToken ct = default)
    {
        var rows = db.EmergencyAccesses.AsNoTracking()
            .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { Grant = e, PatientName = p.FirstName + " " + p.LastName });
        var unreviewed = await rows.Where(r => r.Grant.ReviewedAtUtc == null)
            .OrderBy(r => r.Grant.GrantedAtUtc).ThenBy(r => r.Grant.Id).ToListAsync(ct);
        var reviewed = await rows.Where(r => r.Grant.ReviewedAtUtc != null)
            .OrderByDescending(r => r.Grant.ReviewedAtUtc).ThenByDescending(r => r.Grant.Id).Take(ReviewedShown).ToListAsync(ct);
        return unreviewed.Concat(reviewed).Select(r => new EmergencyAccessReviewItem(
            r.Grant.Id, r.Grant.PatientId, r.PatientName, r.Grant.StaffUserName, r.Grant.Reason, r.Grant.GrantedAtUtc, r.Grant.ExpiresAtUtc,
            r.Grant.ReviewedBy, r.Grant.ReviewedAtUtc, r.Grant.ReviewNote)).ToList();
    }

    /// <summary>An admin marks a grant reviewed, with an optional note.</summary>
    public async Task<ServiceResult> ReviewAsync(ReviewEmergencyAccessCommand command, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return ServiceResult.Fail("", "Only an admin can review emergency access.");
        }

        var validation = await reviewValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var grant = await db.EmergencyAccesses.SingleOrDefaultAsync(e => e.Id == command.GrantId, ct);
        if (grant is null)
        {
            return ServiceResult.Fail("", "That emergency access does not exist.");
        }

        if (grant.ReviewedAtUtc is not null)
        {
            return ServiceResult.Fail("", $"This emergency access was already reviewed by {grant.ReviewedBy}.");
        }

        grant.ReviewedBy = user.UserName;
        grant.ReviewedAtUtc = UtcNow;
        grant.ReviewNote = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }
}
