using MicroNeedling.Clinic.Calendar;
namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>
/// Proposes when, with whom and where the remaining sittings of a course could take place: the "Book remaining
/// sittings" button of the front desk. It only proposes; a person confirms, and booking re-checks for clashes.
/// </summary>
/// <remarks>
/// <para>
/// The scheduler is pure: it reads a <see cref="CalendarSnapshot"/> the caller loaded and returns proposals, so the
/// rules can be tested without a database and a clock. Each sitting occupies [start, start + Duration), where Duration
/// already holds the numbing-cream lead time, the procedure and the turnover buffer.
/// </para>
/// <para>
/// Times are chosen on a grid of <see cref="CalendarSnapshot.SlotMinutes"/> in clinic-local time and converted to
/// UTC with <see cref="CalendarSnapshot.Zone"/>. Local times in the spring-forward gap do not exist and are skipped;
/// local times in the autumn overlap happen twice and resolve to the earlier instant, the daylight-time one with the
/// larger UTC offset (see <see cref="Common.ClinicTime.ToUtc"/>, shared with single bookings). Intervals between sittings are counted in calendar
/// days of clinic-local dates, so a course at 10:00 stays at 10:00 across clock changes.
/// </para>
/// <para>
/// A slot needs the clinic open for the whole sitting (not a closed day), a clinician whose working hours cover it, who
/// is not on time off and not busy, a free room (the lowest room id wins) and a free patient. The first usable day
/// wins, and within it the earliest slot; on that day the clinician the patient has been seeing is tried first at every
/// slot. Each proposal is then busy for the patient, the clinician and the room when the following sittings are placed.
/// </para>
/// </remarks>
public static class CourseScheduler
{
    /// <summary>
    /// Proposes a start (UTC), clinician and room for each sitting of <see cref="CourseRequest.Sittings"/>, in number
    /// order. A sitting that cannot be placed comes back with no start and a <see cref="ProposedSitting.Problem"/> a
    /// person can act on; the sittings after it are not placed either, since their interval depends on it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration, interval, horizon or slot length that cannot be scheduled.</exception>
    public static IReadOnlyList<ProposedSitting> Propose(CourseRequest request, CalendarSnapshot calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        Validate(request, calendar);

        var placement = new CoursePlacement(request, calendar);
        var proposals = new List<ProposedSitting>(request.Sittings.Count);
        int? unplaced = null;
        foreach (var sitting in request.Sittings.OrderBy(s => s.Number))
        {
            if (unplaced is { } earlier)
            {
                proposals.Add(Unplaced(sitting, SchedulingMessages.EarlierSittingUnplaced(sitting.Number, earlier)));
                continue;
            }

            var proposal = placement.Place(sitting);
            if (!proposal.IsPlaced)
            {
                unplaced = sitting.Number;
            }

            proposals.Add(proposal);
        }

        return proposals;
    }

    internal static ProposedSitting Unplaced(SittingToPlace sitting, string problem) =>
        new(sitting.SittingId, sitting.Number, null, null, null, problem);

    private static void Validate(CourseRequest request, CalendarSnapshot calendar)
    {
        if (request.Duration <= TimeSpan.Zero || request.Duration >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Duration, "A sitting's duration must be positive and shorter than a day.");
        }

        if (request.MinIntervalDays < 0 || request.MaxIntervalDays < request.MinIntervalDays)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"{request.MinIntervalDays}-{request.MaxIntervalDays}", "The interval must satisfy 0 <= MinIntervalDays <= MaxIntervalDays.");
        }

        if (request.HorizonDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.HorizonDays, "HorizonDays must be at least 1.");
        }

        if (calendar.SlotMinutes < 1 || calendar.SlotMinutes > 24 * 60)
        {
            throw new ArgumentOutOfRangeException(nameof(calendar), calendar.SlotMinutes, "SlotMinutes must be between 1 and 1440.");
        }
    }
}
