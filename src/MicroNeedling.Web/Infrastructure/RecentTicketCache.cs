using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Remembers, for a minute, what a sign-in cookie decrypted to, so the same cookie on the next request is not decrypted
/// and deserialised again: data protection's AES-CBC and HMAC and the ticket's deserialisation were about a sixth of a
/// small signed-in page's CPU time (docs/performance.md).
/// <para>Only the unchanged cookie text hits the cache, and the result is exactly what decrypting it gave (each caller
/// gets its own copy). Everything decided after decryption still runs on every request: the expiry and the sliding
/// renewal in the cookie handler, and the account's stamp and disabled flag in <see cref="SessionStampCheck"/>. The one
/// thing that takes up to <see cref="Lifetime"/> longer is a data-protection key revoked by hand while the app runs.</para>
/// </summary>
public sealed class RecentTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time)
    : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>A clinic's staff hold a few dozen sessions; past this many the cache starts afresh rather than grow.</summary>
    public const int MaxEntries = 2048;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset DecryptedAt)> recent =
        new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = purpose is null ? protectedText : purpose + "\n" + protectedText;
        var now = time.GetUtcNow();
        if (recent.TryGetValue(key, out var hit) && now - hit.DecryptedAt < Lifetime)
        {
            return hit.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null)
        {
            recent.TryRemove(key, out _);
            return null;
        }

        if (recent.Count >= MaxEntries)
        {
            recent.Clear();
        }

        recent[key] = (ticket, now);
        return ticket.Clone();
    }
}
