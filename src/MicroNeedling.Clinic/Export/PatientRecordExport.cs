using System.Globalization;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Export;

/// <summary>
/// A patient's whole record for their access request: the printable page and the FHIR R4 Bundle, both from one load.
/// Only admins and the patient's treating clinician (<see cref="TreatingClinician"/>) may export, and every export,
/// printed or downloaded, writes an <see cref="AuditActions.Export"/> entry on the patient.
/// </summary>
public sealed class PatientRecordExport(
    ClinicDbContext db,
    PatientAccess access,
    AuditService audit,
    ClinicSettingsService settings,
    ICurrentUser user,
    TimeProvider time)
{
    /// <summary>
    /// May the current user export this patient's record? False when the patient does not exist, so a page answers 404 for
    /// both. Admins may (the access request is the patient's right, whoever treats them, and an admin answers it); a
    /// clinician must be able to see the clinical record (a restricted record stays closed to others, and emergency access
    /// does not make a clinician the treating one) and be a treating clinician of the patient; front desk never.
    /// </summary>
    public async Task<bool> MayExportAsync(int patientId, CancellationToken ct = default)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return await db.Patients.AnyAsync(p => p.Id == patientId, ct);
        }

        return user.IsInRole(Roles.Clinician)
            && await access.CanSeeClinicalRecordAsync(patientId, ct)
            && await IsTreatingClinicianAsync(patientId, ct);
    }

    /// <summary>
    /// The one rule for "treating clinician": the clinician the record is restricted to, the clinician of any of the patient's
    /// bookings, or the clinician who recorded one of their screenings, planned one of their courses or charted one of their
    /// sittings. Bookings name the clinician by user id; the other records keep the user name that saved them.
    /// </summary>
    public async Task<bool> IsTreatingClinicianAsync(int patientId, CancellationToken ct = default)
    {
        if (user.UserId is not { } userId)
        {
            return false;
        }

        var userName = user.UserName;
        return await db.Patients.AsNoTracking().Where(p => p.Id == patientId).AnyAsync(p =>
            p.RestrictedToStaffId == userId
            || db.Bookings.Any(b => b.PatientId == p.Id && b.ClinicianId == userId)
            || db.Screenings.Any(s => s.PatientId == p.Id && s.CreatedBy == userName)
            || db.CoursePlans.Any(c => c.PatientId == p.Id && c.CreatedBy == userName)
            || db.Bookings.Any(b => b.PatientId == p.Id && db.SittingCharts.Any(c => c.BookingId == b.Id && c.CreatedBy == userName)), ct);
    }

    /// <summary>
    /// The record for the printable page, with an Export entry in the audit trail; null when the current user may not
    /// export it (or it does not exist).
    /// </summary>
    public async Task<PatientRecord?> PrintAsync(int patientId, CancellationToken ct = default) =>
        await ExportAsync(patientId, ExportFormat.Print, ct);

    /// <summary>The record as a FHIR R4 Bundle (pretty JSON), with an Export entry; null as for <see cref="PrintAsync"/>.</summary>
    public async Task<FhirRecordFile?> FhirAsync(int patientId, CancellationToken ct = default)
    {
        var record = await ExportAsync(patientId, ExportFormat.Fhir, ct);
        return record is null ? null : new FhirRecordFile($"patient-{patientId}-record.json", FhirRecordBundle.ToJson(FhirRecordBundle.Build(record)));
    }

    private async Task<PatientRecord?> ExportAsync(int patientId, ExportFormat format, CancellationToken ct)
    {
        if (!await MayExportAsync(patientId, ct))
        {
            return null;
        }

        var record = await LoadAsync(patientId, ct);
        if (record is null)
        {
            return null;
        }

        // Not the request's token: a record that was handed out is recorded even if the browser went away meanwhile.
        await audit.RecordAsync(AuditActions.Export, "Patient", patientId.ToString(CultureInfo.InvariantCulture), patientId,
            format.ToString(), CancellationToken.None);
        return record;
    }

    /// <summary>Everything the export shows, read once. Signature images and file contents are left out.</summary>
    internal async Task<PatientRecord?> LoadAsync(int patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return null;
        }

        var clinic = await settings.GetAsync(ct);
        var screenings = await db.Screenings.AsNoTracking().Include(s => s.Clearance).Where(s => s.PatientId == patientId)
            .OrderBy(s => s.ScreenedOn).ThenBy(s => s.Id).ToListAsync(ct);
        var courses = await db.CoursePlans.AsNoTracking().Include(c => c.Sittings).Where(c => c.PatientId == patientId)
            .OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).ToListAsync(ct);
        foreach (var course in courses)
        {
            course.Sittings.Sort((a, b) => a.Number.CompareTo(b.Number));
        }

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.PatientId == patientId)
            .OrderBy(b => b.StartUtc).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.Id,
                b.Sitting!.CoursePlanId,
                b.Sitting.Number,
                b.ClinicianId,
                RoomName = b.Room!.Name,
                b.StartUtc,
                b.NeedlingStartUtc,
                b.EndUtc,
                b.Status,
                b.CancellationReason,
                b.NotPerformedReason,
            })
            .ToListAsync(ct);
        var bookingIds = bookings.Select(b => b.Id).ToList();
        var charts = await db.SittingCharts.AsNoTracking().Include(c => c.Areas)
            .Where(c => c.IsCurrent && bookingIds.Contains(c.BookingId))
            .ToListAsync(ct);
        var clinicianIds = bookings.Select(b => b.ClinicianId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => clinicianIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName == "" ? u.UserName ?? "" : u.DisplayName, ct);
        var recordBookings = bookings.Select(b => new RecordBooking(
            b.Id, b.CoursePlanId, b.Number, names.GetValueOrDefault(b.ClinicianId, ""), b.RoomName, b.StartUtc, b.NeedlingStartUtc, b.EndUtc,
            b.Status, b.CancellationReason, b.NotPerformedReason)).ToList();
        var recordCharts = charts
            .Select(c => new RecordChart(c, recordBookings.FirstOrDefault(b => b.Id == c.BookingId)?.ClinicianName ?? c.CreatedBy))
            .OrderBy(c => c.Chart.ProcedureStartUtc).ToList();
        foreach (var chart in charts)
        {
            chart.Areas.Sort((a, b) => a.Id.CompareTo(b.Id));
        }

        var sideEffects = await db.SideEffects.AsNoTracking().Where(e => e.PatientId == patientId)
            .OrderBy(e => e.OnsetDate).ThenBy(e => e.Id).ToListAsync(ct);
        var consents = await db.PatientConsents.AsNoTracking().Where(c => c.PatientId == patientId).OrderBy(c => c.SignedAtUtc).ThenBy(c => c.Id)
            .Select(c => new RecordConsent(
                c.Id, c.CoursePlanId, c.TemplateId, c.TemplateVersion, c.Title, c.TextShown, c.PhotosForClinicalRecord, c.PhotosForTeachingOrMarketing,
                c.PatientNameSigned, c.SignedAtUtc, c.CountersignedBy, c.CountersignedAtUtc, c.Sha256, c.WithdrawnAtUtc, c.WithdrawalReason))
            .ToListAsync(ct);
        var photos = await db.SittingPhotos.AsNoTracking().Where(f => f.PatientId == patientId).OrderBy(f => f.TakenOn).ThenBy(f => f.Id)
            .Select(f => new RecordPhoto(f.Id, f.CoursePlanId, f.SittingNumber, f.TakenOn, f.Area, f.View, f.CustomView))
            .ToListAsync(ct);
        var documents = await db.PatientDocuments.AsNoTracking().Where(d => d.PatientId == patientId).OrderBy(d => d.CreatedAtUtc).ThenBy(d => d.Id)
            .Select(d => new RecordDocument(d.Id, d.Kind, d.Title, d.FileName, d.CreatedAtUtc))
            .ToListAsync(ct);

        return new PatientRecord(
            patient, time.GetUtcNow().UtcDateTime, user.UserName, ClinicTime.For(clinic.TimeZoneId), screenings, courses, recordBookings,
            recordCharts, sideEffects, consents, photos, documents);
    }
}
