using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// The consent rule, in one place for every page and service that asks it (sitting start and chart, calendar, course and
/// patient pages, photos): a course's latest consent counts when it is not withdrawn and was signed on the current
/// published template's safety revision.
/// </summary>
public sealed class ConsentGate(ClinicDbContext db)
{
    public static CourseConsent StateOf(int planId, ConsentFacts? latest, int currentSafetyRevision) => latest switch
    {
        null => CourseConsent.None(planId),
        { WithdrawnAtUtc: not null } => new(planId, CourseConsentState.Withdrawn, latest.Id, latest.SignedAtUtc, false),
        _ when latest.SafetyRevision < currentSafetyRevision => new(planId, CourseConsentState.ToSignAgain, latest.Id, latest.SignedAtUtc, false),
        _ => new(planId, CourseConsentState.Valid, latest.Id, latest.SignedAtUtc, latest.PhotosForClinicalRecord),
    };

    public async Task<CourseConsent> ForCourseAsync(int planId, CancellationToken ct = default) =>
        (await ForCoursesAsync([planId], ct))[planId];

    /// <summary>Each course's consent state, in one query whatever the number of courses (the calendar asks for a whole week's).</summary>
    public async Task<IReadOnlyDictionary<int, CourseConsent>> ForCoursesAsync(IReadOnlyCollection<int> planIds, CancellationToken ct = default)
    {
        var ids = planIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, CourseConsent>();
        }

        var consents = await db.PatientConsents.AsNoTracking()
            .Where(c => ids.Contains(c.CoursePlanId))
            .Select(c => new
            {
                Facts = new ConsentFacts(c.Id, c.CoursePlanId, c.SafetyRevision, c.SignedAtUtc, c.WithdrawnAtUtc, c.PhotosForClinicalRecord),
                Current = db.ConsentTemplates.Where(t => t.State == TemplateState.Published).Select(t => t.SafetyRevision).First(),
            })
            .ToListAsync(ct);
        var latest = consents.GroupBy(c => c.Facts.CoursePlanId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Facts.Id)!);
        return ids.ToDictionary(id => id, id => latest.TryGetValue(id, out var l) ? StateOf(id, l.Facts, l.Current) : CourseConsent.None(id));
    }

    /// <summary>Why a sitting of the course cannot start or be charted for want of consent, or null.</summary>
    public async Task<string?> TreatmentRefusalAsync(int planId, CancellationToken ct = default) =>
        (await ForCourseAsync(planId, ct)).State switch
        {
            CourseConsentState.ToSign => "The patient has not signed the consent for this course. A clinician presents it and countersigns before the needling.",
            CourseConsentState.ToSignAgain => "The consent text's safety content has changed since the patient signed. The patient must sign the current version before the needling.",
            CourseConsentState.Withdrawn => "The patient withdrew consent for this course. A new consent must be signed before any further sitting.",
            _ => null,
        };

    /// <summary>The safety revision of the published template (there is always one: version 1 is in the migrations).</summary>
    public Task<int> CurrentSafetyRevisionAsync(CancellationToken ct = default) =>
        db.ConsentTemplates.Where(t => t.State == TemplateState.Published).Select(t => t.SafetyRevision).SingleAsync(ct);
}

/// <summary>What the gate reads of one signed consent.</summary>
public sealed record ConsentFacts(int Id, int CoursePlanId, int SafetyRevision, DateTime SignedAtUtc, DateTime? WithdrawnAtUtc, bool PhotosForClinicalRecord);
