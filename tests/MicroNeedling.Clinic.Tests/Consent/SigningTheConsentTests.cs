using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Consent;

public sealed class SigningTheConsentTests
{
    private static async Task<SignConsentCommand> FormAsync(ClinicTestHost host, int planId) =>
        TestConsents.Form(planId, (await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.CurrentAsync())).Id);

    [Fact]
    public async Task A_signed_consent_keeps_the_exact_text_shown_both_signatures_who_and_when_and_a_seal_that_matches()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        host.User.UserName = "dr.lee@tests.clinic";

        var result = await host.SignConsentAsync(await FormAsync(host, course.Plan.Id));

        Assert.True(result.Succeeded);
        var consent = await host.QueryAsync(db => db.PatientConsents.SingleAsync(c => c.Id == result.Value));
        Assert.Equal(DefaultConsentTemplate.Body, consent.TextShown);
        Assert.Equal((1, 1, 1), (consent.TemplateId, consent.TemplateVersion, consent.SafetyRevision));
        Assert.Equal("Anna Smith", consent.PatientNameSigned);
        Assert.Equal("dr.lee@tests.clinic", consent.CountersignedBy);
        Assert.Equal(host.UtcNow, consent.SignedAtUtc);
        Assert.True(consent.PatientSignaturePng.Length > 500 && consent.ClinicianSignaturePng.Length > 500);
        Assert.Equal(64, consent.Sha256.Length);
        Assert.True(ConsentSeal.IsIntact(consent));
        var state = await host.RunAsync<ConsentGate, CourseConsent>(g => g.ForCourseAsync(course.Plan.Id));
        Assert.Equal((CourseConsentState.Valid, true), (state.State, state.AllowsPhotos));
    }

    [Fact]
    public async Task A_consent_changed_in_the_database_after_signing_no_longer_matches_its_seal()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var id = await host.SignConsentAsync(course.Plan.Id);

        await host.QueryAsync(db => db.PatientConsents.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PhotosForTeachingOrMarketing, true)));

        var signed = await host.RunAsync<ConsentService, SignedConsent?>(s => s.GetAsync(id));
        Assert.False(signed!.IsIntact);
    }

    public static TheoryData<string, Action<SignConsentCommand>, string, string> Refusals => new()
    {
        { "blank patient pad", c => c.PatientSignature = TestSignatures.Blank(), nameof(SignConsentCommand.PatientSignature), "The patient's signature box is empty" },
        { "a tap, not a signature", c => c.PatientSignature = TestSignatures.Dot(), nameof(SignConsentCommand.PatientSignature), "The patient's signature box is empty" },
        { "no countersignature", c => c.ClinicianSignature = "", nameof(SignConsentCommand.ClinicianSignature), "The clinician's signature box is empty" },
        { "a JPEG posted as the signature", c => c.PatientSignature = "data:image/png;base64,/9j/4AAQSkZJRg==", nameof(SignConsentCommand.PatientSignature), "could not be read" },
        { "not base64", c => c.PatientSignature = "data:image/png;base64,%%%", nameof(SignConsentCommand.PatientSignature), "could not be read" },
        { "a script URL", c => c.ClinicianSignature = "javascript:alert(1)", nameof(SignConsentCommand.ClinicianSignature), "could not be read" },
        { "not confirmed as read", c => c.ReadAndDisclosed = false, nameof(SignConsentCommand.ReadAndDisclosed), "must confirm that they have read" },
        { "teaching without the clinical record", c => { c.PhotosForClinicalRecord = false; c.PhotosForTeachingOrMarketing = true; }, nameof(SignConsentCommand.PhotosForTeachingOrMarketing), "needs photos for the clinical record" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_incomplete_consent_is_refused_next_to_its_field_and_nothing_is_stored(string what, Action<SignConsentCommand> spoil, string field, string message)
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var form = await FormAsync(host, course.Plan.Id);
        spoil(form);

        var result = await host.SignConsentAsync(form);

        Assert.False(result.Succeeded, what);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await host.QueryAsync(db => db.PatientConsents.CountAsync()));
    }

    [Fact]
    public async Task A_second_submit_of_the_same_form_does_not_sign_twice()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var form = await FormAsync(host, course.Plan.Id);

        var first = await host.SignConsentAsync(form);
        var second = await host.SignConsentAsync(form);

        Assert.True(first.Succeeded);
        Assert.Contains("already signed", second.Errors.Single().Message);
        Assert.Equal(1, await host.QueryAsync(db => db.PatientConsents.CountAsync()));
    }

    [Fact]
    public async Task A_form_opened_on_a_version_since_superseded_is_refused_so_the_patient_reads_the_new_one()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        var form = await FormAsync(host, course.Plan.Id);
        await ConsentTemplateVersioningTests.PublishNewVersionAsync(host, changesSafety: false);

        var result = await host.SignConsentAsync(form);

        Assert.Equal(nameof(SignConsentCommand.TemplateId), result.Errors.Single().Field);
        Assert.Contains("version 2", result.Errors.Single().Message);
    }

    [Fact]
    public async Task A_cancelled_course_takes_no_consent()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.CancelPlanAsync(course.Plan.Id, "Patient moved away.");

        var result = await host.SignConsentAsync(await FormAsync(host, course.Plan.Id));

        Assert.Contains("cancelled", result.Errors.Single().Message);
    }

    [Fact]
    public async Task Photo_choices_are_opt_in_so_a_consent_without_them_allows_treatment_but_no_photos()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id, photosForClinicalRecord: false);

        var state = await host.RunAsync<ConsentGate, CourseConsent>(g => g.ForCourseAsync(course.Plan.Id));

        Assert.Equal((true, false), (state.AllowsTreatment, state.AllowsPhotos));
    }
}
