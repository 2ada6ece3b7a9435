namespace MicroNeedling.Clinic.CalendarFeeds;

/// <summary>
/// A clinician's calendar subscription. Only the SHA-256 of the secret token is kept: the link is shown once, when it is
/// made, and a copy of the database does not open anyone's calendar. A new link replaces the old; turning it off deletes it.
/// </summary>
public sealed class ClinicianCalendarFeed
{
    public int Id { get; set; }

    public string StaffUserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastReadAtUtc { get; set; }
}
