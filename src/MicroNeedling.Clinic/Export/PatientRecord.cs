using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Export;

/// <summary>
/// One patient's whole record as it stood when it was exported, loaded once and read by both the printable page and the
/// FHIR Bundle (<see cref="FhirRecordBundle"/>), so the two can never disagree. Lists are oldest first.
/// </summary>
public sealed record PatientRecord(
    Patient Patient,
    DateTime ExportedAtUtc,
    string ExportedBy,
    ClinicTime ClinicTime,
    IReadOnlyList<ScreeningRecord> Screenings,
    IReadOnlyList<CoursePlan> Courses,
    IReadOnlyList<RecordBooking> Bookings,
    IReadOnlyList<RecordChart> Charts,
    IReadOnlyList<SideEffect> SideEffects,
    IReadOnlyList<RecordConsent> Consents,
    IReadOnlyList<RecordPhoto> Photos,
    IReadOnlyList<RecordDocument> Documents)
{
    public IEnumerable<RecordBooking> BookingsOf(int coursePlanId) => Bookings.Where(b => b.CoursePlanId == coursePlanId);

    /// <summary>The current version of the chart of a booking, when it was charted.</summary>
    public RecordChart? ChartOf(int bookingId) => Charts.FirstOrDefault(c => c.BookingId == bookingId);
}

/// <summary>One appointment, with the names the print shows instead of ids.</summary>
public sealed record RecordBooking(
    int Id, int CoursePlanId, int SittingNumber, string ClinicianName, string RoomName, DateTime StartUtc, DateTime NeedlingStartUtc,
    DateTime EndUtc, BookingStatus Status, string? CancellationReason, string? NotPerformedReason);

/// <summary>The current version of one sitting's chart (amendments keep the original in the database; the export shows what is current).</summary>
public sealed record RecordChart(SittingChart Chart, string ClinicianName)
{
    public int BookingId => Chart.BookingId;
}

/// <summary>A signed consent without the signature images: the text, the choices, who signed and whether it was withdrawn.</summary>
public sealed record RecordConsent(
    int Id, int CoursePlanId, int TemplateId, int TemplateVersion, string Title, string TextShown, bool PhotosForClinicalRecord,
    bool PhotosForTeachingOrMarketing, string PatientNameSigned, DateTime SignedAtUtc, string CountersignedBy, DateTime CountersignedAtUtc,
    string Sha256, DateTime? WithdrawnAtUtc, string? WithdrawalReason);

/// <summary>A photo is listed by date, area and view; the export carries no images.</summary>
public sealed record RecordPhoto(int Id, int CoursePlanId, int SittingNumber, DateOnly TakenOn, NeedlingArea Area, PhotoView View, string? CustomView);

/// <summary>An attached document is listed by title and kind; the file itself is not part of the export.</summary>
public sealed record RecordDocument(int Id, DocumentKind Kind, string Title, string FileName, DateTime AttachedAtUtc);

/// <summary>The FHIR download: the Bundle as pretty JSON and the name the browser saves it under.</summary>
public sealed record FhirRecordFile(string FileName, string Json)
{
    public const string ContentType = "application/fhir+json";
}

public enum ExportFormat
{
    /// <summary>The readable page, printed or saved as PDF from the browser.</summary>
    Print,

    /// <summary>The FHIR R4 Bundle JSON.</summary>
    Fhir,
}
