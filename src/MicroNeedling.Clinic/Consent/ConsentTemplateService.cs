using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// The versions of the consent text: one published at a time, at most one draft, published versions never edited (the
/// admin starts a new version from the current one, edits it, and publishes it, which supersedes the old one).
/// </summary>
public sealed class ConsentTemplateService(ClinicDbContext db, TimeProvider time, ICurrentUser user, IValidator<SaveConsentTemplateCommand> validator)
{
    public Task<ConsentTemplate> CurrentAsync(CancellationToken ct = default) =>
        db.ConsentTemplates.AsNoTracking().SingleAsync(t => t.State == TemplateState.Published, ct);

    public Task<List<ConsentTemplate>> ListAsync(CancellationToken ct = default) =>
        db.ConsentTemplates.AsNoTracking().OrderByDescending(t => t.Version).ToListAsync(ct);

    public Task<ConsentTemplate?> FindAsync(int id, CancellationToken ct = default) =>
        db.ConsentTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>The draft, started from the published version when there is none yet.</summary>
    public async Task<ConsentTemplate> StartDraftAsync(CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var draft = await db.ConsentTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.State == TemplateState.Draft, ct);
        if (draft is not null)
        {
            return draft;
        }

        var current = await CurrentAsync(ct);
        draft = new ConsentTemplate
        {
            Version = await db.ConsentTemplates.MaxAsync(t => t.Version, ct) + 1,
            Title = current.Title,
            Body = current.Body,
            SafetyRevision = current.SafetyRevision,
            State = TemplateState.Draft,
        };
        db.ConsentTemplates.Add(draft);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return draft;
    }

    public async Task<ServiceResult> SaveDraftAsync(SaveConsentTemplateCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var template = await db.ConsentTemplates.SingleOrDefaultAsync(t => t.Id == command.TemplateId, ct);
        if (template?.State != TemplateState.Draft)
        {
            return ServiceResult.Fail("", PublishedIsFrozen(template));
        }

        template.Title = command.Title.Trim();
        template.Body = Normalise(command.Body);
        template.ChangesSafetyContent = command.ChangesSafetyContent;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>Publishes the draft: it becomes the version presented to patients, and the one before is superseded.</summary>
    public async Task<ServiceResult> PublishAsync(int draftId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var draft = await db.ConsentTemplates.SingleOrDefaultAsync(t => t.Id == draftId, ct);
        if (draft?.State != TemplateState.Draft)
        {
            return ServiceResult.Fail("", PublishedIsFrozen(draft));
        }

        var current = await db.ConsentTemplates.SingleAsync(t => t.State == TemplateState.Published, ct);
        // Inside the write transaction: two admins publishing at once cannot leave two published versions.
        current.State = TemplateState.Superseded;
        draft.State = TemplateState.Published;
        draft.SafetyRevision = current.SafetyRevision + (draft.ChangesSafetyContent ? 1 : 0);
        draft.PublishedAtUtc = time.GetUtcNow().UtcDateTime;
        draft.PublishedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>Throws the draft away; published versions stay.</summary>
    public async Task<ServiceResult> DiscardDraftAsync(int draftId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var draft = await db.ConsentTemplates.SingleOrDefaultAsync(t => t.Id == draftId, ct);
        if (draft?.State != TemplateState.Draft)
        {
            return ServiceResult.Fail("", PublishedIsFrozen(draft));
        }

        db.ConsentTemplates.Remove(draft);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    private static string PublishedIsFrozen(ConsentTemplate? template) => template is null
        ? "That consent version does not exist."
        : $"Version {template.Version} is {(template.State == TemplateState.Published ? "published" : "superseded")}; a published version is never edited. Start a new version instead.";

    // Browsers post CRLF; the text is stored with LF so that the same words always hash the same in a signed consent.
    private static string Normalise(string body) => body.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
}
