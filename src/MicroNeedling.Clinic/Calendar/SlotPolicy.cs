using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// The one slot policy: whether an appointment can start at a clinic-local date and time with a clinician in a room.
/// The calendar's Book links, the booking and move forms (their list of free rooms), the course scheduler and the final
/// check inside the booking's write transaction all ask it, over a <see cref="CalendarSnapshot"/> loaded for them, so
/// what one offers the others accept.
/// </summary>
/// <remarks>
/// <para>A slot needs: a local time that exists (not in the spring-forward gap; a time in the autumn overlap means the
/// first one, <see cref="ClinicTime.ToUtc"/>); a start not in the past; the clinic open that day and its hours covering
/// the whole appointment, which ends the same local day; a bookable clinician who works that weekday, is not on time off,
/// whose hours cover the appointment and who is free; an active, free room; and a free patient.</para>
/// <para>Hours are compared on the wall clock (start and end each inside the day's hours), while overlaps are compared
/// as UTC instants. So on the night the clocks go back, an appointment from 01:30 to "01:30" (an hour later) fits a
/// clinic open round the clock, and two appointments in the repeated hour still cannot overlap.</para>
/// <para>The policy indexes the snapshot once; <see cref="Hold"/> marks a proposed appointment busy, so the course
/// scheduler can place the next sitting around the ones it has just proposed.</para>
/// </remarks>
public sealed class SlotPolicy
{
    private readonly CalendarSnapshot snapshot;
    private readonly WeeklyHours opening;
    private readonly ClinicianState[] clinicians;
    private readonly RoomState[] rooms;
    private readonly BusyTimeline patient;

    /// <param name="ignoreBusyEndingBy">Busy spans that end by then can never collide with what is asked; they are dropped.</param>
    public SlotPolicy(CalendarSnapshot snapshot, DateTime? ignoreBusyEndingBy = null)
    {
        this.snapshot = snapshot;
        Clock = new ClinicTime(snapshot.Zone);
        opening = new WeeklyHours(snapshot.OpeningHours);
        var cutoff = ignoreBusyEndingBy ?? DateTime.MinValue;
        clinicians = snapshot.Clinicians
            .OrderBy(c => c.ClinicianId, StringComparer.Ordinal)
            .Select(c => new ClinicianState(c.ClinicianId, new WeeklyHours(c.WorkingHours), c.TimeOff, new BusyTimeline(c.Busy, cutoff)))
            .ToArray();
        rooms = snapshot.Rooms.OrderBy(r => r.RoomId).Select(r => new RoomState(r.RoomId, new BusyTimeline(r.Busy, cutoff))).ToArray();
        patient = new BusyTimeline(snapshot.PatientBusy, cutoff);
    }

    public ClinicTime Clock { get; }

    public CalendarSnapshot Snapshot => snapshot;

    /// <summary>The bookable clinicians, in the order the scheduler tries them.</summary>
    public IEnumerable<string> ClinicianIds => clinicians.Select(c => c.Id);

    /// <summary>The active rooms, lowest id first.</summary>
    public IEnumerable<int> RoomIds => rooms.Select(r => r.Id);

    /// <summary>
    /// The clinic's hours on a date, from its first opening to its last closing (a split day has a break inside, which
    /// <see cref="Check"/> respects), or null when it is closed (a closed day, or a weekday without hours).
    /// </summary>
    public DayHours? OpeningOn(DateOnly date) =>
        snapshot.ClosedDays.Contains(date) ? null : Envelope(opening.On(date.DayOfWeek));

    /// <summary>The clinician's hours on a date (first start to last end), or null when they do not work then (weekday, time off, or not bookable).</summary>
    public DayHours? WorkingHoursOn(string clinicianId, DateOnly date) =>
        Find(clinicianId) is { } c && !c.IsOffOn(date) ? Envelope(c.Hours.On(date.DayOfWeek)) : null;

    /// <summary>
    /// Every reason the slot cannot be booked, or none. With no clinician or room named, the first free one is chosen
    /// (clinicians in id order, rooms lowest id first), as the calendar and the scheduler do.
    /// </summary>
    public SlotDecision Check(SlotRequest request)
    {
        var refusals = new List<SlotRefusal>();
        var (span, clinician, room) = Decide(request, refusals);
        return new SlotDecision(span, clinician, room, refusals);
    }

    /// <summary>Whether the slot can be booked; stops at the first reason, allocating nothing, for the many questions of
    /// the scheduler and the calendar.</summary>
    public bool IsBookable(SlotRequest request, out UtcSpan span, out string clinicianId, out int roomId)
    {
        var (found, clinician, room) = Decide(request, refusals: null);
        span = found ?? default;
        clinicianId = clinician ?? "";
        roomId = room ?? 0;
        return found is not null && clinician is not null && room is not null;
    }

    /// <summary>For each active room, whether it is free for the appointment, or who has it (the booking form's room list).</summary>
    public IReadOnlyList<(int RoomId, string? TakenBy)> RoomsFor(SlotRequest request)
    {
        if (Resolve(request, refusals: null) is not { } span)
        {
            return [];
        }

        return rooms.Select(r => (r.Id, r.Busy.FirstOverlap(span) is { } taken ? Describe(taken) : null)).ToList();
    }

    /// <summary>
    /// Who else has the time of an appointment that already exists (a no-show being put back): the clinician, the room or
    /// the patient. The hours are not asked again; they held when it was booked.
    /// </summary>
    public IReadOnlyList<SlotRefusal> Collisions(UtcSpan span, string clinicianId, int roomId)
    {
        var refusals = new List<SlotRefusal>();
        if (Find(clinicianId)?.Busy.FirstOverlap(span) is { } clinician)
        {
            refusals.Add(new(SlotField.Clinician, $"The clinician has another booking from {Describe(clinician)}."));
        }

        if (Array.Find(rooms, r => r.Id == roomId)?.Busy.FirstOverlap(span) is { } room)
        {
            refusals.Add(new(SlotField.Room, $"The room is booked from {Describe(room)}."));
        }

        if (patient.FirstOverlap(span) is { } own)
        {
            refusals.Add(new(SlotField.Slot, $"The patient has another booking from {Describe(own)}."));
        }

        return refusals;
    }

    /// <summary>Marks a proposed appointment busy for the clinician, the room and the patient, for the rest of the call.</summary>
    public void Hold(UtcSpan span, string clinicianId, int roomId)
    {
        Find(clinicianId)?.Busy.Add(span);
        Array.Find(rooms, r => r.Id == roomId)?.Busy.Add(span);
        patient.Add(span);
    }

    private (UtcSpan? Span, string? Clinician, int? Room) Decide(in SlotRequest request, List<SlotRefusal>? refusals)
    {
        if (Resolve(request, refusals) is not { } span)
        {
            return default;
        }

        var failed = false;
        if (span.StartUtc < snapshot.NowUtc && !Refuse(refusals, SlotField.Time, "That time has already passed.", ref failed))
        {
            return default;
        }

        var local = (Start: Clock.ToLocal(span.StartUtc), End: Clock.ToLocal(span.EndUtc));
        var clinicOpen = ClinicIsOpen(request.Date, local, request.Length, refusals, ref failed);
        if (!clinicOpen && refusals is null)
        {
            return default;
        }

        var clinician = ChooseClinician(request, span, local, checkHours: clinicOpen, refusals, ref failed);
        if (clinician is null && refusals is null)
        {
            return default;
        }

        var room = ChooseRoom(request, span, refusals, ref failed);
        if (room is null && refusals is null)
        {
            return default;
        }

        if (patient.FirstOverlap(span) is { } own)
        {
            Refuse(refusals, SlotField.Slot, $"The patient already has a booking from {Describe(own)}.", ref failed);
        }

        return failed ? (span, null, null) : (span, clinician, room);
    }

    /// <summary>The appointment as UTC instants: its local start must exist, and it must end on the same local day.</summary>
    private UtcSpan? Resolve(in SlotRequest request, List<SlotRefusal>? refusals)
    {
        var start = Clock.ToUtc(request.Date, request.Time);
        if (start.Utc is not { } startUtc)
        {
            refusals?.Add(new(SlotField.Time, start.Problem!));
            return null;
        }

        var span = new UtcSpan(startUtc, startUtc + request.Length);
        if (DateOnly.FromDateTime(Clock.ToLocal(span.EndUtc)) != request.Date)
        {
            refusals?.Add(new(SlotField.Time, $"The appointment ({(int)request.Length.TotalMinutes} minutes with numbing and turnover) must end on the day it starts."));
            return null;
        }

        return span;
    }

    /// <summary>True when the clinic is open for the whole appointment; otherwise records why.</summary>
    private bool ClinicIsOpen(DateOnly date, (DateTime Start, DateTime End) local, TimeSpan length, List<SlotRefusal>? refusals, ref bool failed)
    {
        if (snapshot.ClosedDays.Contains(date))
        {
            var reason = snapshot.ClosedDayReasons.TryGetValue(date, out var why) ? $" ({why})" : "";
            Refuse(refusals, SlotField.Date, $"The clinic is closed on {date:d MMM yyyy}{reason}.", ref failed);
            return false;
        }

        if (!opening.HasAny(date.DayOfWeek))
        {
            Refuse(refusals, SlotField.Date, $"The clinic is closed on {date.DayOfWeek}s.", ref failed);
            return false;
        }

        if (!opening.Covers(date.DayOfWeek, TimeOnly.FromDateTime(local.Start), TimeOnly.FromDateTime(local.End)))
        {
            Refuse(refusals, SlotField.Time,
                $"The appointment ({local.Start:HH:mm}–{local.End:HH:mm}, {(int)length.TotalMinutes} minutes with numbing and turnover) must fit within opening hours, {Describe(opening.On(date.DayOfWeek))}.", ref failed);
            return false;
        }

        return true;
    }

    private string? ChooseClinician(in SlotRequest request, UtcSpan span, (DateTime Start, DateTime End) local, bool checkHours, List<SlotRefusal>? refusals, ref bool failed)
    {
        if (request.ClinicianId is { } wanted)
        {
            var clinician = Find(wanted);
            if (clinician is null)
            {
                Refuse(refusals, SlotField.Clinician, "Choose a clinician from the list.", ref failed);
                return null;
            }

            var problem = ClinicianProblem(clinician, request.Date, span, local, checkHours);
            if (problem is not null)
            {
                Refuse(refusals, SlotField.Clinician, problem, ref failed);
                return null;
            }

            return clinician.Id;
        }

        foreach (var clinician in clinicians)
        {
            if (ClinicianProblem(clinician, request.Date, span, local, checkHours) is null)
            {
                return clinician.Id;
            }
        }

        Refuse(refusals, SlotField.Clinician, "No clinician is free then.", ref failed);
        return null;
    }

    private string? ClinicianProblem(ClinicianState clinician, DateOnly date, UtcSpan span, (DateTime Start, DateTime End) local, bool checkHours)
    {
        if (clinician.TimeOffOn(date) is { } off)
        {
            return $"The clinician is off from {off.From:d MMM} to {off.To:d MMM yyyy}.";
        }

        var hours = clinician.Hours.On(date.DayOfWeek);
        if (hours.Count == 0)
        {
            return $"The clinician does not work on {date.DayOfWeek}s.";
        }

        if (checkHours && !clinician.Hours.Covers(date.DayOfWeek, TimeOnly.FromDateTime(local.Start), TimeOnly.FromDateTime(local.End)))
        {
            return $"The clinician works {Describe(hours)} on {date.DayOfWeek}s; the appointment runs {local.Start:HH:mm}–{local.End:HH:mm}.";
        }

        return clinician.Busy.FirstOverlap(span) is { } taken
            ? $"The clinician already has a booking from {Describe(taken)} (numbing and turnover included)."
            : null;
    }

    private int? ChooseRoom(in SlotRequest request, UtcSpan span, List<SlotRefusal>? refusals, ref bool failed)
    {
        if (request.RoomId is { } wanted)
        {
            var room = Array.Find(rooms, r => r.Id == wanted);
            if (room is null)
            {
                Refuse(refusals, SlotField.Room, "Choose an active room from the list.", ref failed);
                return null;
            }

            if (room.Busy.FirstOverlap(span) is { } taken)
            {
                Refuse(refusals, SlotField.Room, $"The room is already booked from {Describe(taken)} (numbing and turnover included).", ref failed);
                return null;
            }

            return room.Id;
        }

        foreach (var room in rooms)
        {
            if (!room.Busy.Overlaps(span))
            {
                return room.Id;
            }
        }

        Refuse(refusals, SlotField.Room, "No room is free then.", ref failed);
        return null;
    }

    /// <summary>Records a refusal; returns false when the caller only wanted a yes or no and can stop now.</summary>
    private static bool Refuse(List<SlotRefusal>? refusals, SlotField field, string message, ref bool failed)
    {
        failed = true;
        refusals?.Add(new(field, message));
        return refusals is not null;
    }

    private static DayHours? Envelope(IReadOnlyList<DayHours> hours) =>
        hours.Count == 0 ? null : new DayHours(hours[0].Day, hours.Min(h => h.Start), hours.Max(h => h.End));

    private static string Describe(IReadOnlyList<DayHours> hours) => string.Join(" and ", hours.Select(h => $"{h.Start:HH:mm}–{h.End:HH:mm}"));

    private string Describe(UtcSpan span) => $"{Clock.ToLocal(span.StartUtc):HH:mm}–{Clock.ToLocal(span.EndUtc):HH:mm}";

    private ClinicianState? Find(string id)
    {
        foreach (var c in clinicians)
        {
            if (c.Id == id)
            {
                return c;
            }
        }

        return null;
    }

    private sealed record ClinicianState(string Id, WeeklyHours Hours, IReadOnlyList<DateSpan> TimeOff, BusyTimeline Busy)
    {
        public DateSpan? TimeOffOn(DateOnly date)
        {
            foreach (var off in TimeOff)
            {
                if (off.Contains(date))
                {
                    return off;
                }
            }

            return null;
        }

        public bool IsOffOn(DateOnly date) => TimeOffOn(date) is not null || !Hours.HasAny(date.DayOfWeek);
    }

    private sealed record RoomState(int Id, BusyTimeline Busy);
}
