using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Consent;

public sealed class ConsentTemplateVersioningTests
{
    internal static async Task<ConsentTemplate> PublishNewVersionAsync(ClinicTestHost host, bool changesSafety, string? body = null)
    {
        var draft = await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.StartDraftAsync());
        var save = await host.RunAsync<ConsentTemplateService, ServiceResult>(s => s.SaveDraftAsync(new SaveConsentTemplateCommand
        {
            TemplateId = draft.Id,
            Title = draft.Title,
            Body = body ?? draft.Body + "\n\nThe clinic's phone number is 020 7946 0000.",
            ChangesSafetyContent = changesSafety,
        }));
        Assert.True(save.Succeeded, string.Join("; ", save.Errors.Select(e => e.Message)));
        Assert.True((await host.RunAsync<ConsentTemplateService, ServiceResult>(s => s.PublishAsync(draft.Id))).Succeeded);
        return await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.CurrentAsync());
    }

    [Fact]
    public async Task Every_new_database_presents_version_1_with_the_clinical_notes()
    {
        using var host = new ClinicTestHost();

        var current = await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.CurrentAsync());

        Assert.Equal((1, TemplateState.Published, 1), (current.Version, current.State, current.SafetyRevision));
        foreach (var point in new[] { "numbing cream", "Pinpoint bleeding", "Redness and irritation", "infection", "bruising", "peeling",
                     "bleeding that does not stop", "Call the clinic at once", "eczema, psoriasis, active acne or open wounds", "pregnancy",
                     "radiation therapy", "5 to 6 sittings", "aftercare", "withdraw my consent" })
        {
            Assert.Contains(point, current.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Publishing_a_draft_supersedes_the_published_version_which_is_never_edited_again()
    {
        using var host = new ClinicTestHost();

        var v2 = await PublishNewVersionAsync(host, changesSafety: false);
        var edit = await host.RunAsync<ConsentTemplateService, ServiceResult>(s => s.SaveDraftAsync(new SaveConsentTemplateCommand
        {
            TemplateId = v2.Id,
            Title = "Changed",
            Body = v2.Body + " More words.",
        }));

        Assert.Equal(2, v2.Version);
        Assert.Contains("never edited", edit.Errors.Single().Message);
        var versions = await host.RunAsync<ConsentTemplateService, List<ConsentTemplate>>(s => s.ListAsync());
        Assert.Equal([(2, TemplateState.Published), (1, TemplateState.Superseded)], versions.Select(v => (v.Version, v.State)));
        Assert.Equal(DefaultConsentTemplate.Body, versions.Single(v => v.Version == 1).Body);
        Assert.NotEqual("Changed", (await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.CurrentAsync())).Title);
    }

    [Fact]
    public async Task A_reworded_version_keeps_signed_consents_valid_and_a_safety_change_asks_every_patient_to_sign_again()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);

        var reworded = await PublishNewVersionAsync(host, changesSafety: false);
        var afterRewording = await host.RunAsync<ConsentGate, CourseConsent>(g => g.ForCourseAsync(course.Plan.Id));
        var safety = await PublishNewVersionAsync(host, changesSafety: true);
        var afterSafetyChange = await host.RunAsync<ConsentGate, CourseConsent>(g => g.ForCourseAsync(course.Plan.Id));

        Assert.Equal((1, 2), (reworded.SafetyRevision, safety.SafetyRevision));
        Assert.Equal(CourseConsentState.Valid, afterRewording.State);
        Assert.Equal(CourseConsentState.ToSignAgain, afterSafetyChange.State);
    }

    [Fact]
    public async Task A_draft_without_real_text_is_refused_next_to_the_field()
    {
        using var host = new ClinicTestHost();
        var draft = await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.StartDraftAsync());

        var result = await host.RunAsync<ConsentTemplateService, ServiceResult>(s => s.SaveDraftAsync(new SaveConsentTemplateCommand
        {
            TemplateId = draft.Id,
            Title = "",
            Body = "ok",
        }));

        Assert.Equal(["Body", "Title"], result.Errors.Select(e => e.Field).Order());
        Assert.Equal(draft.Body, (await host.QueryAsync(db => db.ConsentTemplates.SingleAsync(t => t.Id == draft.Id))).Body);
    }

    [Fact]
    public async Task Starting_a_new_version_twice_opens_the_same_draft()
    {
        using var host = new ClinicTestHost();

        var first = await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.StartDraftAsync());
        var second = await host.RunAsync<ConsentTemplateService, ConsentTemplate>(s => s.StartDraftAsync());

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, await host.QueryAsync(db => db.ConsentTemplates.CountAsync()));
    }
}
