using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// One patient with every kind of record the app has, each clinical text carrying a marker unique to this instance:
/// two screenings with radiation therapy on <see cref="RadiationDate"/> and their clearances, a course cancelled by a
/// clinician with one sitting booked and one checked in (so the cancel ends both), a course stopped by the review of a
/// side effect with one sitting booked, and an active course: sitting 1 checked in today, re-screened and charted
/// (completed), sitting 2 booked in April, sitting 4 checked in and not performed, and a side effect. Pages are tested
/// against these real ids, so the right role gets 200.
/// </summary>
public sealed record PatientWithClinicalRecord(
    int PatientId,
    string LastName,
    int FirstScreeningId,
    int ScreeningId,
    int CancelledPlanId,
    int CancelledCourseBookingId,
    int CancelledCourseCheckedInBookingId,
    int StoppedPlanId,
    int StoppedCourseBookingId,
    int PlanId,
    int CompletedBookingId,
    int BookedBookingId,
    int NotPerformedBookingId,
    int UnbookedSittingId,
    int SideEffectId,
    string ClinicianId,
    int RoomId,
    string Marker)
{
    /// <summary>The active course's signed consent.</summary>
    public int ConsentId { get; init; }

    /// <summary>A photo taken at the completed sitting.</summary>
    public int PhotoId { get; init; }

    /// <summary>A document attached to the patient, its title carrying the marker.</summary>
    public int DocumentId { get; init; }

    public static readonly DateOnly RadiationDate = new(2025, 11, 19);

    public static readonly DateTime BookedStartUtc = new(2026, 4, 14, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Texts only a clinician may receive. Each contains the instance's marker, so no page can contain it by chance.</summary>
    public IReadOnlyList<string> ClinicalTexts =>
    [
        $"Screening note {Marker}",
        $"Re-screen note {Marker}",
        $"Clearance note {Marker}",
        $"Re-screen clearance note {Marker}",
        $"Course note {Marker}",
        $"Cancelled because of a new pregnancy {Marker}",
        $"Numbing {Marker}",
        $"Pen {Marker}",
        $"LOT-{Marker}",
        $"Serum {Marker}",
        $"Chart note {Marker}",
        $"Weeping blister on the left cheek {Marker}",
        $"Cold compress {Marker}",
        $"Letter {Marker}",
    ];

    /// <summary>
    /// What the clinicians wrote or decided when they ended the other two courses and a sitting: the cancel reason, the
    /// side effect that stopped a course, its review note, the reason the review path gives, and why a checked-in sitting
    /// did not go ahead. Front desk may learn that a course or sitting ended, never why.
    /// </summary>
    public IReadOnlyList<string> WhyItEndedTexts =>
    [
        $"Cancelled because of a new pregnancy {Marker}",
        $"Infected needling site {Marker}",
        $"Review note {Marker}",
        "after the review of a side effect",
        $"Felt faint before the needling {Marker}",
    ];

    /// <summary>The screening answers and reasons as the clinician's pages show them.</summary>
    public static IReadOnlyList<string> ScreeningAnswerTexts =>
    [
        RadiationDate.ToString("yyyy-MM-dd"),
        RadiationDate.ToString("d MMM yyyy"),
        RadiationDate.ToString("d MMMM yyyy"),
        "Radiation",
        "Pregnan",
        "Eczema",
        "Psoriasis",
    ];

    /// <summary>Replaces {patient}, {screening}, {plan}, ... in a URL with this record's ids.</summary>
    public string Fill(string url) => url
        .Replace("{patient}", PatientId.ToString(), StringComparison.Ordinal)
        .Replace("{lastName}", LastName, StringComparison.Ordinal)
        .Replace("{firstScreening}", FirstScreeningId.ToString(), StringComparison.Ordinal)
        .Replace("{screening}", ScreeningId.ToString(), StringComparison.Ordinal)
        .Replace("{cancelledPlan}", CancelledPlanId.ToString(), StringComparison.Ordinal)
        .Replace("{cancelledCourseBooking}", CancelledCourseBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{cancelledCourseCheckedInBooking}", CancelledCourseCheckedInBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{stoppedPlan}", StoppedPlanId.ToString(), StringComparison.Ordinal)
        .Replace("{stoppedCourseBooking}", StoppedCourseBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{plan}", PlanId.ToString(), StringComparison.Ordinal)
        .Replace("{completedBooking}", CompletedBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{bookedBooking}", BookedBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{notPerformedBooking}", NotPerformedBookingId.ToString(), StringComparison.Ordinal)
        .Replace("{unbookedSitting}", UnbookedSittingId.ToString(), StringComparison.Ordinal)
        .Replace("{sideEffect}", SideEffectId.ToString(), StringComparison.Ordinal)
        .Replace("{clinician}", ClinicianId, StringComparison.Ordinal)
        .Replace("{room}", RoomId.ToString(), StringComparison.Ordinal)
        .Replace("{consent}", ConsentId.ToString(), StringComparison.Ordinal)
        .Replace("{photo}", PhotoId.ToString(), StringComparison.Ordinal)
        .Replace("{document}", DocumentId.ToString(), StringComparison.Ordinal);

    public static async Task<PatientWithClinicalRecord> CreateAsync(ClinicAppFactory app)
    {
        var marker = "Qx" + Guid.NewGuid().ToString("N")[..12];
        var lastName = ClinicAppFactory.UniqueName();
        var clinicianId = await app.CreateClinicianAsync();
        var roomId = await app.CreateRoomAsync();
        var patientId = await app.CreatePatientAsync(lastName);

        var firstScreeningId = await ScreenWithRadiationAsync(app, patientId, null, $"Screening note {marker}", $"Clearance note {marker}");

        // The cancel ends the course's open bookings: the booked one is cancelled, the checked-in one not performed.
        var cancelled = await PlanAsync(app, patientId, $"Course note {marker}");
        var cancelledCourseCheckedIn = await app.InsertBookingAsync(cancelled, 1, clinicianId, roomId, new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        var cancelledCourseBooked = await app.InsertBookingAsync(cancelled, 2, clinicianId, roomId, new DateTime(2026, 3, 24, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<PlanService>().CancelAsync(
            new CancelPlanCommand { PlanId = cancelled.Id, Reason = $"Cancelled because of a new pregnancy {marker}" })));

        // A side effect whose review stops the next course, which has a sitting booked.
        var stopped = await PlanAsync(app, patientId, $"Course note {marker}");
        var stoppedCourseBooked = await app.InsertBookingAsync(stopped, 1, clinicianId, roomId, new DateTime(2026, 3, 17, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var stoppingEffect = await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = patientId,
            Kind = SideEffectKind.Infection,
            Severity = Severity.Severe,
            OnsetDate = new DateOnly(2026, 3, 9),
            Description = $"Infected needling site {marker}",
        })).Id);
        await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<SideEffectService>().ReviewAsync(new ReviewSideEffectCommand
        {
            SideEffectId = stoppingEffect,
            Outcome = ReviewOutcome.StopCourse,
            Note = $"Review note {marker}",
        })));

        var plan = await PlanAsync(app, patientId, $"Course note {marker}");

        // Sitting 1 today at 08:00 (London, GMT), checked in: re-screened with the same answers, cleared, charted.
        var completed = await app.InsertBookingAsync(plan, 1, clinicianId, roomId, new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        var screeningId = await ScreenWithRadiationAsync(app, patientId, completed, $"Re-screen note {marker}", $"Re-screen clearance note {marker}");
        await app.GetAsync(async sp =>
        {
            var outcome = await sp.GetRequiredService<ChartService>().CompleteAsync(new ChartSittingCommand
            {
                BookingId = completed,
                NumbingProduct = $"Numbing {marker}",
                NumbingApplied = new TimeOnly(8, 0),
                NumbingRemoved = new TimeOnly(8, 30),
                Device = $"Pen {marker}",
                CartridgeLot = $"LOT-{marker}",
                Areas = [new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.75m, Passes = 3 }],
                SerumProduct = $"Serum {marker}",
                ProcedureStart = new TimeOnly(8, 30),
                ProcedureEnd = new TimeOnly(8, 45),
                Reaction = ImmediateReaction.Redness,
                Notes = $"Chart note {marker}",
                ConfirmWarnings = true,
            });
            return Succeeded(outcome);
        });

        var booked = await app.InsertBookingAsync(plan, 2, clinicianId, roomId, BookedStartUtc, BookingStatus.Booked);

        // Sitting 4 checked in this afternoon and stopped by the clinician, with a clinical reason.
        var notPerformed = await app.InsertBookingAsync(plan, 4, clinicianId, roomId, new DateTime(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<BookingService>().MarkNotPerformedAsync(notPerformed, $"Felt faint before the needling {marker}")));
        var sideEffect = await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = patientId,
            Kind = SideEffectKind.Redness,
            Severity = Severity.Mild,
            OnsetDate = new DateOnly(2026, 3, 10),
            Description = $"Weeping blister on the left cheek {marker}",
            ActionTaken = $"Cold compress {marker}",
        })).Id);

        var consentId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().PatientConsents
            .Where(c => c.CoursePlanId == plan.Id).Select(c => c.Id).SingleAsync());
        var photoId = await app.UploadPhotoAsync(completed);
        var documentId = await app.AttachDocumentAsync(patientId, $"Letter {marker}");

        return new PatientWithClinicalRecord(patientId, lastName, firstScreeningId, screeningId, cancelled.Id, cancelledCourseBooked, cancelledCourseCheckedIn,
            stopped.Id, stoppedCourseBooked, plan.Id, completed, booked, notPerformed,
            plan.Sittings.Single(s => s.Number == 3).Id, sideEffect, clinicianId, roomId, marker)
        {
            ConsentId = consentId,
            PhotoId = photoId,
            DocumentId = documentId,
        };
    }

    private static async Task<CoursePlan> PlanAsync(ClinicAppFactory app, int patientId, string notes)
    {
        var plan = await app.GetAsync(async sp =>
        {
            var plans = sp.GetRequiredService<PlanService>();
            var draft = await plans.DraftAsync(patientId);
            draft.Notes = notes;
            return Succeeded(await plans.CreateAsync(draft));
        });
        await app.SignConsentAsync(plan.Id);
        return plan;
    }

    /// <summary>Radiation therapy within the window needs a clearance; the screening is then "suitable with clearance".</summary>
    private static async Task<int> ScreenWithRadiationAsync(ClinicAppFactory app, int patientId, int? atBookingId, string notes, string clearanceNote)
    {
        var answers = new RecordScreeningCommand
        {
            PatientId = patientId,
            Eczema = false,
            Psoriasis = false,
            ActiveAcne = false,
            OpenWounds = false,
            Pregnancy = PregnancyAnswer.No,
            RadiationTherapy = true,
            RadiationDate = RadiationDate,
            Notes = notes,
        };
        var screeningId = await app.GetAsync(async sp => atBookingId is { } bookingId
            ? Succeeded(await sp.GetRequiredService<CheckInService>().ReScreenAsync(bookingId, answers)).Screening.Id
            : Succeeded(await sp.GetRequiredService<ScreeningService>().RecordAsync(answers)).Id);
        await app.GetAsync(async sp => Succeeded(await sp.GetRequiredService<ClearanceService>().RecordClearanceAsync(new RecordClearanceCommand
        {
            ScreeningId = screeningId,
            DoctorName = "Dr Okafor",
            ClearedOn = new DateOnly(2026, 3, 10),
            Note = clearanceNote,
        })));
        var stored = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings.SingleAsync(s => s.Id == screeningId));
        return stored.Outcome == ScreeningOutcome.ClearanceRequired ? screeningId : throw new InvalidOperationException($"Expected a clearance, got {stored.Outcome}.");
    }

    private static T Succeeded<T>(Clinic.Common.ServiceResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));

    private static bool Succeeded(Clinic.Common.ServiceResult result) =>
        result.Succeeded ? true : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
}
