namespace MicroNeedling.Clinic.Media;

/// <summary>
/// Photo and document bytes kept in the database (<see cref="DatabaseMediaStore"/>), for several app instances sharing one
/// PostgreSQL database. Not audited itself: the photo or document row that points at it is.
/// </summary>
public sealed class MediaBlob
{
    public string Key { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
}
