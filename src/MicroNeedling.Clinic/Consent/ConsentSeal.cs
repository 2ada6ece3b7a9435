using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// The SHA-256 of a signed consent: every field the patient and clinician put their names to, in a fixed order, each
/// length-prefixed so that moving text from one field to the next changes the hash. Withdrawal is outside the seal: it
/// is a later event on the record, not part of what was signed.
/// </summary>
public static class ConsentSeal
{
    public static string Compute(PatientConsent consent)
    {
        var fields = new[]
        {
            "microneedling-consent/1",
            consent.PatientId.ToString(CultureInfo.InvariantCulture),
            consent.CoursePlanId.ToString(CultureInfo.InvariantCulture),
            consent.TemplateId.ToString(CultureInfo.InvariantCulture),
            consent.TemplateVersion.ToString(CultureInfo.InvariantCulture),
            consent.SafetyRevision.ToString(CultureInfo.InvariantCulture),
            consent.Title,
            consent.TextShown,
            consent.PhotosForClinicalRecord ? "photos-clinical:yes" : "photos-clinical:no",
            consent.PhotosForTeachingOrMarketing ? "photos-teaching:yes" : "photos-teaching:no",
            consent.PatientNameSigned,
            Convert.ToBase64String(consent.PatientSignaturePng),
            Instant(consent.SignedAtUtc),
            Convert.ToBase64String(consent.ClinicianSignaturePng),
            consent.CountersignedBy,
            Instant(consent.CountersignedAtUtc),
        };
        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Whether the stored record still hashes to its seal.</summary>
    public static bool IsIntact(PatientConsent consent) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(consent)), Encoding.ASCII.GetBytes(consent.Sha256));

    // Microsecond precision: PostgreSQL keeps microseconds, so a tick-precise instant would not survive the round trip.
    private static string Instant(DateTime utc) =>
        new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
