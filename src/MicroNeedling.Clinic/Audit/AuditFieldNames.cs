using System.Text;

namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// The changed fields of an audit entry in words for the admin page: "failed sign-in count" for AccessFailedCount.
/// The trail keeps the property names as they are; only the page translates them.
/// </summary>
public static class AuditFieldNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["AccessFailedCount"] = "failed sign-in count",
        ["LockoutEnd"] = "lockout end",
        ["LockoutEnabled"] = "lockout allowed",
        ["PasswordHash"] = "password",
        ["SecurityStamp"] = "security stamp (signs out other sessions)",
        ["ConcurrencyStamp"] = "version stamp",
        ["Email"] = "e-mail",
        ["NormalizedEmail"] = "e-mail (search copy)",
        ["EmailConfirmed"] = "e-mail confirmed",
        ["UserName"] = "user name",
        ["NormalizedUserName"] = "user name (search copy)",
        ["TwoFactorEnabled"] = "two-factor sign-in",
        ["PhoneNumber"] = "phone number",
        ["PhoneNumberConfirmed"] = "phone number confirmed",
        ["NormalizedFirstName"] = "first name (search copy)",
        ["NormalizedLastName"] = "last name (search copy)",
    };

    /// <summary>
    /// Bookkeeping that changes with a real field and says nothing of its own: hidden when that field is listed too.
    /// The version stamp changes with every save of a staff account, so it is hidden whenever anything else changed.
    /// </summary>
    private static readonly Dictionary<string, string?> HiddenAlongside = new(StringComparer.Ordinal)
    {
        ["ConcurrencyStamp"] = null,
        ["NormalizedEmail"] = "Email",
        ["NormalizedUserName"] = "UserName",
        ["NormalizedFirstName"] = "FirstName",
        ["NormalizedLastName"] = "LastName",
    };

    /// <summary>"AccessFailedCount,ConcurrencyStamp" → "failed sign-in count". Null or empty gives "".</summary>
    public static string Describe(string? changedFields)
    {
        var names = (changedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = names.Where(name => !HiddenAlongside.TryGetValue(name, out var realField)
            || (realField is null ? names.Length == 1 : !names.Contains(realField, StringComparer.Ordinal)));
        return string.Join(", ", shown.Select(InWords));
    }

    /// <summary>A known name from the list above, else the name split into lower-case words: "CancelledAtUtc" → "cancelled at".</summary>
    public static string InWords(string name)
    {
        if (Words.TryGetValue(name, out var words))
        {
            return words;
        }

        if (name == "...")
        {
            return "and more";
        }

        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        // "at utc" and a trailing "id" are how the code stores a time or a link; the page says what it is.
        var result = text.ToString();
        foreach (var suffix in new[] { " utc", " id" })
        {
            if (result.EndsWith(suffix, StringComparison.Ordinal) && result.Length > suffix.Length)
            {
                result = result[..^suffix.Length];
            }
        }

        return result;
    }
}
