namespace MicroNeedling.Clinic.Documents;

public sealed record DocumentItem(int Id, DocumentKind Kind, string Title, string FileName, string ContentType, long ByteSize, DateTime CreatedAtUtc, string CreatedBy, int? DoctorClearanceId);

/// <summary>A document's bytes with what the download needs.</summary>
public sealed record DocumentFile(byte[] Content, string ContentType, string FileName);
