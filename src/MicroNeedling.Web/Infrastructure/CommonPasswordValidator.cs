using System.Collections.Frozen;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Refuses passwords that attackers try first (ASVS 2.1.7): those on the list shipped with the app, a listed word
/// followed only by digits or symbols ("Sunshine2026!"), and passwords containing the account's e-mail name.
/// There are no composition rules (ASVS 2.1.9); the length rule (12) is Identity's own.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public const string CommonMessage =
        "This password is on a list of commonly used passwords. Choose another, for example three or four unrelated words.";

    public const string EmailNameMessage = "The password must not contain the e-mail address or the name before the @.";

    /// <summary>Shorter e-mail names ("jo@") occur inside too many honest passwords to refuse them.</summary>
    private const int ShortestEmailNameChecked = 4;

    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // Identity's length rule reports an empty password.
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "CommonPassword", Description = CommonMessage });
        }

        if (ContainsEmailName(password, user.Email ?? user.UserName))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsEmailName", Description = EmailNameMessage });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var lettersAndDigits = Compact(lower);
        return Common.Contains(lower)
            || Common.Contains(lettersAndDigits)
            || Common.Contains(WithoutTrailingDigitsOrSymbols(lower))
            || Common.Contains(WithoutTrailingDigitsOrSymbols(lettersAndDigits));
    }

    public static bool ContainsEmailName(string password, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var lower = password.ToLowerInvariant();
        var address = email.Trim().ToLowerInvariant();
        var name = address.Split('@')[0];
        return lower.Contains(address, StringComparison.Ordinal)
            || (name.Length >= ShortestEmailNameChecked && lower.Contains(name, StringComparison.Ordinal))
            || (Compact(name) is { Length: >= ShortestEmailNameChecked } compactName && Compact(lower).Contains(compactName, StringComparison.Ordinal));
    }

    /// <summary>"P@ss word-1234" and "password1234" are the same guess to an attacker's tool.</summary>
    private static string Compact(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    private static string WithoutTrailingDigitsOrSymbols(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        // A password of digits and symbols only is judged by the list alone ("123456789012" is on it).
        return end == 0 ? text : text[..end];
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("MicroNeedling.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                entries.Add(entry.ToLowerInvariant());
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
