using System.Security.Claims;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The sign-in cookie's decryption is remembered for a minute (docs/performance.md). What it may never change: a cookie
/// that does not decrypt is refused every time, every caller gets its own copy of the ticket, and after the minute the
/// cookie is decrypted again. That a remembered cookie is still refused after sign-out, a password change or disabling
/// the account is proven through the app in SessionEndingTests.
/// </summary>
public sealed class RecentTicketCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat inner = new();

    private RecentTicketCache Cache() => new(inner, clock);

    [Fact]
    public void The_same_cookie_is_decrypted_once_within_the_minute()
    {
        var cache = Cache();

        var first = cache.Unprotect("cookie-a");
        var second = cache.Unprotect("cookie-a");

        Assert.Equal(1, inner.Unprotects);
        Assert.Equal("user-a", first!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("user-a", second!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public void Each_caller_gets_its_own_copy_so_one_request_cannot_change_the_next()
    {
        var cache = Cache();

        var first = cache.Unprotect("cookie-a")!;
        first.Properties.ExpiresUtc = DateTimeOffset.MinValue;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Admin"));
        var second = cache.Unprotect("cookie-a")!;

        Assert.NotSame(first, second);
        Assert.NotEqual(DateTimeOffset.MinValue, second.Properties.ExpiresUtc);
        Assert.False(second.Principal.IsInRole("Admin"));
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_every_time()
    {
        var cache = Cache();

        Assert.Null(cache.Unprotect("tampered"));
        Assert.Null(cache.Unprotect("tampered"));
        Assert.Null(cache.Unprotect(""));
        Assert.Equal(3, inner.Unprotects);
    }

    [Fact]
    public void After_the_minute_the_cookie_is_decrypted_again()
    {
        var cache = Cache();
        cache.Unprotect("cookie-a");

        clock.Advance(RecentTicketCache.Lifetime);
        cache.Unprotect("cookie-a");

        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void Different_cookies_and_purposes_are_kept_apart()
    {
        var cache = Cache();

        var a = cache.Unprotect("cookie-a");
        var b = cache.Unprotect("cookie-b");
        var aElsewhere = cache.Unprotect("cookie-a", "another purpose");

        Assert.Equal("user-a", a!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("user-b", b!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(aElsewhere);
        Assert.Equal(3, inner.Unprotects);
    }

    [Fact]
    public void The_cache_starts_afresh_rather_than_grow_past_its_bound()
    {
        var cache = Cache();
        for (var i = 0; i <= RecentTicketCache.MaxEntries; i++)
        {
            cache.Unprotect("cookie-" + i);
        }

        cache.Unprotect("cookie-0");

        Assert.Equal(RecentTicketCache.MaxEntries + 2, inner.Unprotects);
    }

    /// <summary>"cookie-x" decrypts to user-x with no purpose; anything else, or any purpose, does not decrypt.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            if (purpose is not null || protectedText is null || !protectedText.StartsWith("cookie-", StringComparison.Ordinal))
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-" + protectedText["cookie-".Length..])], "Identity.Application");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero) }, "Identity.Application");
        }
    }
}
