using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CalendarFeeds;

/// <summary>Whether a clinician has a calendar link, since when, and when a calendar last read it.</summary>
public sealed record CalendarFeedStatus(DateTime CreatedAtUtc, DateTime? LastReadAtUtc);

/// <summary>
/// A clinician's own sittings as a calendar subscription (an .ics address a phone or desktop calendar polls). The address
/// holds a random token; only its SHA-256 is stored, so the raw token exists once, in the answer to <see cref="CreateAsync"/>.
/// </summary>
public sealed class CalendarFeedService(ClinicDbContext db, ClinicSettingsService settings, TimeProvider time)
{
    /// <summary>How far back and ahead the feed reaches: enough for a diary, without the clinic's whole history.</summary>
    public static readonly TimeSpan Past = TimeSpan.FromDays(60);

    public static readonly TimeSpan Ahead = TimeSpan.FromDays(400);

    /// <summary>Calendars poll every few minutes; the last-read time is written at most this often, not on every poll.</summary>
    public static readonly TimeSpan LastReadPrecision = TimeSpan.FromHours(1);

    /// <summary>32 random bytes in base64url without padding.</summary>
    public const int TokenLength = 43;

    private static readonly SearchValues<char> Base64UrlChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Makes a new link for the clinician and returns its token, the only time it is known. An existing link is replaced,
    /// so a calendar still subscribed to the old address stops getting sittings.
    /// </summary>
    public async Task<ServiceResult<string>> CreateAsync(string staffUserId, CancellationToken ct = default)
    {
        if (!await IsActiveClinicianAsync(staffUserId, ct))
        {
            return ServiceResult<string>.Fail("", "Only clinicians have a calendar link.");
        }

        var token = Base64UrlToken();
        // One writer at a time: two clicks at once must not both insert (one link per clinician is a unique index).
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.StaffUserId == staffUserId, ct);
        if (feed is null)
        {
            feed = new ClinicianCalendarFeed { StaffUserId = staffUserId };
            db.CalendarFeeds.Add(feed);
        }

        feed.TokenHash = HashOf(token);
        feed.CreatedAtUtc = time.GetUtcNow().UtcDateTime;
        feed.LastReadAtUtc = null;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<string>.Ok(token);
    }

    /// <summary>Turns the clinician's link off; nothing happens when there is none.</summary>
    public async Task RevokeAsync(string staffUserId, CancellationToken ct = default)
    {
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.StaffUserId == staffUserId, ct);
        if (feed is null)
        {
            return;
        }

        db.CalendarFeeds.Remove(feed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Turned off (or replaced and so already useless) by another request meanwhile: the outcome is the same.
        }
    }

    public Task<CalendarFeedStatus?> StatusAsync(string staffUserId, CancellationToken ct = default) =>
        db.CalendarFeeds.AsNoTracking().Where(f => f.StaffUserId == staffUserId)
            .Select(f => new CalendarFeedStatus(f.CreatedAtUtc, f.LastReadAtUtc))
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// The clinician's sittings as iCalendar text, or null when the token is malformed, unknown or turned off, or its
    /// owner is no longer an active clinician. The summary carries initials only: a phone's calendar is not the record.
    /// </summary>
    public async Task<string?> FeedAsync(string token, CancellationToken ct = default)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var hash = HashOf(token);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null || !await IsActiveClinicianAsync(feed.StaffUserId, ct))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!await NoteReadAsync(feed, now, ct))
        {
            return null;
        }

        var clinic = await settings.GetAsync(ct);
        var sittings = await SittingsOfAsync(feed.StaffUserId, now - Past, now + Ahead, ct);
        return SittingCalendar.Write(clinic.TimeZoneId, sittings, calendarName: $"{clinic.ClinicName} sittings");
    }

    private async Task<List<SittingEvent>> SittingsOfAsync(string clinicianId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.ClinicianId == clinicianId && b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .OrderBy(b => b.StartUtc)
            .Select(b => new
            {
                b.Id,
                b.StartUtc,
                b.EndUtc,
                b.Status,
                Changes = b.History.Count,
                b.Sitting!.Number,
                Of = db.CoursePlans.Where(p => p.Id == b.Sitting.CoursePlanId).Select(p => p.SittingCount).First(),
                Patient = db.Patients.Where(p => p.Id == b.PatientId).Select(p => new { p.FirstName, p.LastName }).First(),
                Room = b.Room!.Name,
            })
            .ToListAsync(ct);
        return rows.Select(r => new SittingEvent(
                r.Id, r.StartUtc, r.EndUtc, SittingCalendar.SequenceOf(r.Changes), r.Status == BookingStatus.Cancelled,
                $"Sitting {r.Number} of {r.Of} · {Initials(r.Patient.FirstName, r.Patient.LastName)}", r.Room, Description: null))
            .ToList();
    }

    /// <summary>Records the read at most once per <see cref="LastReadPrecision"/>; false when the link was turned off meanwhile.</summary>
    private async Task<bool> NoteReadAsync(ClinicianCalendarFeed feed, DateTime now, CancellationToken ct)
    {
        if (feed.LastReadAtUtc is { } last && now - last < LastReadPrecision)
        {
            return true;
        }

        feed.LastReadAtUtc = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private Task<bool> IsActiveClinicianAsync(string staffUserId, CancellationToken ct)
    {
        var clinicianRole = Roles.IdOf(Roles.Clinician);
        return db.Users.AnyAsync(u => u.Id == staffUserId && !u.IsDisabled
            && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == clinicianRole), ct);
    }

    /// <summary>"A.B." from the first letter of each name, for a summary that tells sittings apart without naming anyone.</summary>
    public static string Initials(string firstName, string lastName) => Initial(firstName) + Initial(lastName);

    private static string Initial(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0
            ? ""
            : StringInfo.GetNextTextElement(trimmed).ToUpper(CultureInfo.InvariantCulture) + ".";
    }

    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && !token.AsSpan().ContainsAnyExcept(Base64UrlChars);

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
