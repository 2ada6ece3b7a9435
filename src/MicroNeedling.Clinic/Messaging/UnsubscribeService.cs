using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>What the unsubscribe page may show about the token's owner: nothing but the first name and the current choices.</summary>
public sealed record ContactChoices(string FirstName, bool AppointmentEmails, bool RecallEmails);

/// <summary>
/// The unsubscribe link in every mail, opened without a login. The token is 256 random bits, looked up as a whole (a
/// wrong or truncated token finds nobody). Opening the link changes nothing (mail scanners open links); the button on
/// the page does.
/// </summary>
public sealed class UnsubscribeService(ClinicDbContext db)
{
    public const int TokenLength = 43;

    public async Task<ContactChoices?> ChoicesAsync(string? token, CancellationToken ct = default) =>
        IsWellFormed(token)
            ? await db.Patients.AsNoTracking().Where(p => p.ContactToken == token)
                .Select(p => new ContactChoices(p.FirstName, p.AppointmentEmails, p.RecallEmails)).SingleOrDefaultAsync(ct)
            : null;

    /// <summary>Stops every e-mail to the token's owner; false when the token is unknown. Pending mail is dropped when its turn comes.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (!IsWellFormed(token))
        {
            return false;
        }

        var patient = await db.Patients.SingleOrDefaultAsync(p => p.ContactToken == token, ct);
        if (patient is null)
        {
            return false;
        }

        patient.AppointmentEmails = false;
        patient.RecallEmails = false;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
