using System.Globalization;
using System.Text;
using FluentValidation;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Media;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Documents;

/// <summary>
/// Files attached to a patient: a doctor's clearance letter (from the clearance form), outside reports. A PDF is kept as
/// sent; an image is re-encoded without metadata, like a photo. Every read is audited.
/// </summary>
public sealed class DocumentService(
    ClinicDbContext db,
    IMediaStore store,
    DocumentCheck check,
    TimeProvider time,
    AuditService audit,
    IValidator<AttachDocumentCommand> validator)
{
    public async Task<ServiceResult<int>> AttachAsync(AttachDocumentCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<int>.Fail(validation);
        }

        if (!await db.Patients.AnyAsync(p => p.Id == command.PatientId, ct))
        {
            return ServiceResult<int>.Fail("", "That patient does not exist.");
        }

        var checkedFile = check.Check(command.Content);
        if (!checkedFile.Succeeded)
        {
            return ServiceResult<int>.Fail(nameof(AttachDocumentCommand.Content), checkedFile.Refusal!);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var id = await AttachCheckedAsync(command.PatientId, command.Kind!.Value, command.Title.Trim(), command.FileName, checkedFile.Document!, null, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<int>.Ok(id);
    }

    /// <summary>
    /// Stores a checked file and its row inside the caller's write transaction (the clearance form attaches its letter in
    /// the same transaction as the clearance, so neither is saved without the other). Returns the document's id.
    /// </summary>
    internal async Task<int> AttachCheckedAsync(int patientId, DocumentKind kind, string title, string? fileName, StoredDocument file, int? clearanceId, CancellationToken ct)
    {
        var key = MediaKeys.New("documents", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), "file", file.Extension);
        await store.SaveAsync(key, file.Content, ct);
        var document = new PatientDocument
        {
            PatientId = patientId,
            Kind = kind,
            Title = title,
            FileName = SafeFileName(fileName, title, file.Extension),
            ContentType = file.ContentType,
            StorageKey = key,
            ByteSize = file.Content.LongLength,
            DoctorClearanceId = clearanceId,
        };
        db.PatientDocuments.Add(document);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await MediaCleanup.ForgetAsync(store, key);
            throw;
        }

        return document.Id;
    }

    public Task<List<DocumentItem>> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        db.PatientDocuments.AsNoTracking().Where(d => d.PatientId == patientId).OrderByDescending(d => d.Id)
            .Select(d => new DocumentItem(d.Id, d.Kind, d.Title, d.FileName, d.ContentType, d.ByteSize, d.CreatedAtUtc, d.CreatedBy, d.DoctorClearanceId))
            .ToListAsync(ct);

    /// <summary>The file, with an audit entry for the view; null when there is no such document or file.</summary>
    public async Task<DocumentFile?> ReadAsync(int documentId, CancellationToken ct = default)
    {
        var document = await db.PatientDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        var bytes = document is null ? null : await store.ReadAsync(document.StorageKey, ct);
        if (document is null || bytes is null)
        {
            return null;
        }

        await audit.RecordAsync(AuditActions.View, nameof(PatientDocument), documentId.ToString(CultureInfo.InvariantCulture), document.PatientId, null, CancellationToken.None);
        return new DocumentFile(bytes, document.ContentType, document.FileName);
    }

    /// <summary>
    /// A download name that cannot break a header or a path: letters, digits, spaces, dots, dashes and underscores, with the
    /// extension of what is really stored (an image letter is stored as a JPEG whatever it was called).
    /// </summary>
    internal static string SafeFileName(string? uploaded, string title, string extension)
    {
        var source = Path.GetFileNameWithoutExtension(string.IsNullOrWhiteSpace(uploaded) ? title : uploaded.Replace('\\', '/').Split('/')[^1]);
        var cleaned = new StringBuilder();
        foreach (var c in source.Normalize(NormalizationForm.FormKC))
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' ? c : '_');
        }

        var name = cleaned.ToString().Trim(' ', '.', '_');
        if (name.Length == 0)
        {
            name = "document";
        }

        return (name.Length > 100 ? name[..100] : name) + extension;
    }
}
