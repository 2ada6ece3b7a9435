using System.Net;
using System.Text;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Issue 16 over HTTP: the consent form and its gate at the sitting, photos and documents through their pages and handlers,
/// who may open them, and what is audited. The clock stands at Tuesday 10 March 2026, 09:00 in London.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ConsentPhotosAndDocumentsTests(ClinicAppFactory app)
{
    /// <summary>A course planned without consent: sitting 1 checked in today at 10:00 and re-screened, sitting 2 booked in April.</summary>
    private async Task<(CoursePlan Plan, int CheckedIn, int Booked)> CourseWithoutConsentAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId);
        var plan = await app.PlanCourseAsync(patientId, signConsent: false);
        var checkedIn = await app.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        var booked = await app.InsertBookingAsync(plan, 2, clinician, room, new DateTime(2026, 4, 14, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await app.ReScreenSuitableAsync(checkedIn);
        return (plan, checkedIn, booked);
    }

    private static List<KeyValuePair<string, string>> ConsentFields(string patientSignature, bool teaching = false) =>
    [
        new("Input.ReadAndDisclosed", "true"),
        new("Input.PhotosForClinicalRecord", "true"),
        new("Input.PhotosForTeachingOrMarketing", teaching ? "true" : "false"),
        new("Input.PatientSignature", patientSignature),
        new("Input.ClinicianSignature", TestSignatures.Handwritten()),
    ];

    private static async Task<List<KeyValuePair<string, string>>> WithTemplateAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetDocumentAsync(url);
        fields.Add(new("Input.TemplateId", page.QuerySelector("input[name='Input.TemplateId']")!.GetAttribute("value")!));
        return fields;
    }

    [Fact]
    public async Task The_clinician_presents_the_consent_the_patient_signs_and_the_needling_may_then_start()
    {
        var (plan, checkedIn, _) = await CourseWithoutConsentAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var before = await clinician.GetDocumentAsync($"/Bookings/Details/{checkedIn}");
        var url = $"/Consent/Sign/{plan.Id}";
        var signed = await clinician.PostFormAsync(url, await WithTemplateAsync(clinician, url, ConsentFields(TestSignatures.Handwritten())));
        var after = await clinician.GetDocumentAsync($"/Bookings/Details/{checkedIn}");

        Assert.Contains("has not signed the consent", before.QuerySelector("[data-testid=start-guard]")!.TextContent);
        Assert.NotNull(before.QuerySelector($"a[href='/Consent/Sign/{plan.Id}']"));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var record = await clinician.GetDocumentAsync(signed.Headers.Location!.OriginalString);
        Assert.Contains("the record matches its seal", record.QuerySelector("[data-testid=seal-state]")!.TextContent);
        Assert.StartsWith("data:image/png;base64,", record.QuerySelector("[data-testid=patient-signature]")!.GetAttribute("src"));
        Assert.Contains("Call the clinic at once", record.QuerySelector(".consent-text")!.TextContent);
        Assert.Contains("Re-screened today and suitable", after.QuerySelector("[data-testid=start-guard]")!.TextContent);
        Assert.Contains("Consent signed", after.QuerySelector("[data-testid=booking-consent]")!.TextContent);
    }

    [Fact]
    public async Task An_empty_signature_box_is_refused_next_to_it_and_the_patients_choices_are_kept()
    {
        var (plan, _, _) = await CourseWithoutConsentAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var url = $"/Consent/Sign/{plan.Id}";

        var response = await clinician.PostFormAsync(url, await WithTemplateAsync(clinician, url, ConsentFields(TestSignatures.Blank(), teaching: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("The patient's signature box is empty. Sign inside the box.", page.FieldError("Input.PatientSignature"));
        Assert.NotNull(page.QuerySelector("input[name='Input.PhotosForTeachingOrMarketing'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.ReadAndDisclosed'][checked]"));
        Assert.Equal(0, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().PatientConsents.CountAsync(c => c.CoursePlanId == plan.Id)));
    }

    [Fact]
    public async Task Front_desk_sees_that_consent_is_to_sign_on_the_calendar_and_booking_but_never_the_consent()
    {
        var (plan, checkedIn, booked) = await CourseWithoutConsentAsync();
        var consentId = await app.SignConsentAsync(plan.Id);
        var other = await CourseWithoutConsentAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var calendar = await frontDesk.GetDocumentAsync("/Calendar?date=2026-04-14");
        var booking = await frontDesk.GetDocumentAsync($"/Bookings/Details/{other.Booked}");
        var signedBooking = await frontDesk.GetDocumentAsync($"/Bookings/Details/{booked}");

        Assert.NotNull(calendar.QuerySelector($"[data-testid=consent-{other.Booked}]"));
        Assert.Null(calendar.QuerySelector($"[data-testid=consent-{booked}]"));
        Assert.Equal("Consent to sign", booking.QuerySelector("[data-testid=booking-consent]")!.TextContent.Trim());
        Assert.Null(booking.QuerySelector("a[href^='/Consent/']"));
        Assert.Equal("Consent signed", signedBooking.QuerySelector("[data-testid=booking-consent]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/Consent/Details/{consentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/Consent/Sign/{plan.Id}")).StatusCode);
        _ = checkedIn;
    }

    [Fact]
    public async Task A_course_that_ended_without_a_consent_says_none_was_recorded_rather_than_asking_for_one()
    {
        var (plan, _, _) = await CourseWithoutConsentAsync();
        var active = await CourseWithoutConsentAsync();
        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Moved away." }));
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var patient = await frontDesk.GetDocumentAsync($"/Patients/Details/{plan.PatientId}");
        var course = await frontDesk.GetDocumentAsync($"/Plans/Details/{plan.Id}");
        var activeCourse = await frontDesk.GetDocumentAsync($"/Plans/Details/{active.Plan.Id}");

        Assert.Equal("None recorded", patient.QuerySelector($"[data-testid=consent-{plan.Id}]")!.TextContent.Trim());
        Assert.Equal("None recorded", course.QuerySelector("[data-testid=consent-state]")!.TextContent.Trim());
        Assert.Equal("Consent to sign", activeCourse.QuerySelector("[data-testid=consent-state]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Withdrawing_consent_on_its_page_cancels_the_booked_sitting_and_front_desk_reads_a_neutral_reason()
    {
        var (plan, _, booked) = await CourseWithoutConsentAsync();
        var consentId = await app.SignConsentAsync(plan.Id);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFormAsync($"/Consent/Withdraw/{consentId}", [new("Input.Reason", "Phoned reception on Monday to stop.")]);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var booking = await frontDesk.GetDocumentAsync($"/Bookings/Details/{booked}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"Cancelled: {Clinic.Consent.ConsentService.WithdrawnReason}", booking.QuerySelector("[data-testid=booking-status]")!.TextContent.Trim());
        Assert.DoesNotContain("Phoned reception", booking.Body!.TextContent);
        Assert.Equal("Consent withdrawn", booking.QuerySelector("[data-testid=booking-consent]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_phone_photo_uploaded_at_the_sitting_is_served_without_its_GPS_never_cached_and_each_view_is_audited()
    {
        var (plan, checkedIn, _) = await CourseWithoutConsentAsync();
        await app.SignConsentAsync(plan.Id);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var phonePhoto = ImageFixtures.WithExif(ImageFixtures.Jpeg(1200, 900), orientation: 1);
        Assert.Contains("FixtureCam", Encoding.ASCII.GetString(phonePhoto));

        var upload = await clinician.PostFileAsync($"/Photos/Sitting/{checkedIn}",
            [new("Input.Area", "CheeksAndChin"), new("Input.View", "Front")], "Camera", phonePhoto, "IMG_0001.JPG");
        var photoId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().SittingPhotos.Where(p => p.BookingId == checkedIn).Select(p => p.Id).SingleAsync());
        var image = await clinician.GetAsync($"/Photos/Image/{photoId}?size=display");
        var bytes = await image.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.True(image.Headers.CacheControl?.NoStore);
        Assert.Equal(UploadedFileType.Jpeg, FileSniffer.Detect(bytes));
        Assert.DoesNotContain("FixtureCam", Encoding.ASCII.GetString(bytes));
        Assert.DoesNotContain("Exif\0\0", Encoding.ASCII.GetString(bytes));
        var views = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.View && e.EntityType == nameof(SittingPhoto) && e.EntityId == photoId.ToString()).ToListAsync());
        Assert.Equal(("clinician@tests.clinic", plan.PatientId, "Display"), (views.Single().UserName, views.Single().PatientId, views.Single().ChangedFields));
        var sittingPage = await clinician.GetDocumentAsync($"/Photos/Sitting/{checkedIn}");
        Assert.NotNull(sittingPage.QuerySelector($"img[src='/Photos/Image/{photoId}?size=thumbnail']"));
    }

    // The files are made in the test, not in the theory data: xunit serialises theory data when it discovers the tests.
    [Theory]
    [InlineData("a renamed executable", "photo.jpg", "This file is not a JPEG or PNG image.")]
    [InlineData("a 20,000 × 20,000 PNG", "huge.png", "The image is 20,000 × 20,000 pixels; the most accepted is 50 megapixels.")]
    [InlineData("a 21 MB file", "big.jpg", "The file is 20.0 MB; the most accepted is 20 MB.")]
    public async Task A_file_that_is_not_an_acceptable_photo_is_refused_next_to_the_file_field_and_nothing_is_stored(string what, string name, string message)
    {
        var content = what switch
        {
            "a renamed executable" => [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0],
            "a 20,000 × 20,000 PNG" => ImageFixtures.HugePng(),
            _ => Oversized(),
        };
        var (plan, checkedIn, _) = await CourseWithoutConsentAsync();
        await app.SignConsentAsync(plan.Id);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFileAsync($"/Photos/Sitting/{checkedIn}",
            [new("Input.Area", "CheeksAndChin"), new("Input.View", "Left45")], "Photo", content, name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal((what, message), (what, page.QuerySelector("[data-testid=photo-error]")!.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("input[name='Input.View'][value='Left45'][checked]"));
        Assert.Equal(0, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().SittingPhotos.CountAsync(p => p.BookingId == checkedIn)));
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_with_a_page_that_says_the_file_is_too_large()
    {
        var (plan, checkedIn, _) = await CourseWithoutConsentAsync();
        await app.SignConsentAsync(plan.Id);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFileAsync($"/Photos/Sitting/{checkedIn}",
            [new("Input.Area", "CheeksAndChin"), new("Input.View", "Front")], "Photo", new byte[(int)UploadedFile.RequestLimit + 1024], "huge.jpg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("The file is too large", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(0, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().SittingPhotos.CountAsync(p => p.BookingId == checkedIn)));
    }

    private static byte[] Oversized()
    {
        var content = new byte[(21 * 1024 * 1024) - 1];
        ImageFixtures.Jpeg(10, 10).CopyTo(content, 0);
        return content;
    }

    [Fact]
    public async Task The_clearance_letter_is_attached_from_the_clearance_form_and_downloaded_as_an_attachment_by_clinicians_only()
    {
        var patientId = await app.CreatePatientAsync();
        var screeningId = await app.ScreenAsync(patientId, pregnancy: Clinic.Screening.PregnancyAnswer.Yes);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFileAsync($"/Screening/Clearance/{screeningId}",
            [new("Input.DoctorName", "Dr Amal Haddad"), new("Input.ClearedOn", "2026-03-09")], "Letter", ClinicAppFactory.MinimalPdf, "letter.pdf", "application/pdf");
        var documentId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().PatientDocuments.Where(d => d.PatientId == patientId).Select(d => d.Id).SingleAsync());
        var download = await clinician.GetAsync($"/Documents/File/{documentId}");
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClinicAppFactory.MinimalPdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(("application/pdf", "attachment"), (download.Content.Headers.ContentType?.MediaType, download.Content.Headers.ContentDisposition?.DispositionType));
        Assert.True(download.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/Documents/File/{documentId}")).StatusCode);
        var patientPage = await clinician.GetDocumentAsync($"/Patients/Details/{patientId}");
        Assert.Contains("Clearance letter from Dr Amal Haddad", patientPage.QuerySelector("#documents-title")!.ParentElement!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_clearance_with_a_letter_that_is_not_a_document_records_nothing_and_keeps_what_was_typed()
    {
        var patientId = await app.CreatePatientAsync();
        var screeningId = await app.ScreenAsync(patientId, pregnancy: Clinic.Screening.PregnancyAnswer.Yes);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFileAsync($"/Screening/Clearance/{screeningId}",
            [new("Input.DoctorName", "Dr Amal Haddad"), new("Input.ClearedOn", "2026-03-09")], "Letter", "MZ\u0090 not a letter"u8.ToArray(), "letter.pdf", "application/pdf");

        var page = await response.ReadDocumentAsync();
        Assert.Equal("Attach a PDF, JPEG or PNG file.", page.QuerySelector("[data-testid=letter-error]")!.TextContent.Trim());
        Assert.Equal("Dr Amal Haddad", page.QuerySelector("input[name='Input.DoctorName']")!.GetAttribute("value"));
        Assert.Equal(0, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().DoctorClearances.CountAsync(c => c.ScreeningId == screeningId)));
    }

    [Fact]
    public async Task An_admin_publishes_a_new_version_and_the_next_patient_is_shown_it()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var (plan, _, _) = await CourseWithoutConsentAsync();

        var start = await admin.PostFormAsync("/Admin/Consent", []);
        var edit = start.Headers.Location!.OriginalString;
        var draft = await admin.GetDocumentAsync(edit);
        var body = draft.QuerySelector("textarea[name='Input.Body']")!.TextContent + "\n\nThe clinic's phone number is 020 7946 0000.";
        var publish = await admin.PostFormAsync(edit, [new("Input.Title", "Informed consent for micro-needling"), new("Input.Body", body), new("Input.ChangesSafetyContent", "false"), new("publish", "true")]);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var signPage = await clinician.GetDocumentAsync($"/Consent/Sign/{plan.Id}");
        var republish = await admin.PostFormAsync("/Admin/Consent", []);

        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("020 7946 0000", signPage.QuerySelector(".consent-text")!.TextContent);
        var published = await admin.GetDocumentAsync(edit);
        Assert.Null(published.QuerySelector("textarea[name='Input.Body']"));
        Assert.Contains("never edited", published.Body!.TextContent);
        Assert.NotEqual(edit, republish.Headers.Location!.OriginalString);
    }
}
