using System.Diagnostics;
using System.Globalization;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Demo;

/// <summary>What the seeder made, for the summary and for a load harness.</summary>
public sealed record DemoClinicSummary(
    IReadOnlyDictionary<string, int> RowsPerTable,
    int LongHistoryPatientId,
    IReadOnlyList<int> BookableSittingIds,
    IReadOnlyList<string> StaffEmails,
    TimeSpan Elapsed);

/// <summary>
/// Generates a realistic clinic from a fixed random seed (see <see cref="DemoClinicSize"/> for the sizes), streaming it
/// into the database in chunks of a few thousand rows with <see cref="BulkInserter"/>: memory holds only the courses in
/// progress, never the whole data set.
/// </summary>
/// <remarks>
/// <para>Every appointment is one clinic-local hour (numbing lead 30 + needling 15 + turnover 15 minutes) on the hour
/// between 08:00 and 19:00, Monday to Saturday, so two appointments either share an hour or do not overlap at all; the
/// night-time DST changes never touch them. Each hour hands out "chairs" (a clinician with a room), never one clinician
/// or room twice, and every patient has at most one sitting in hand at a time, so no clinician, room or patient is
/// double-booked by construction.</para>
/// <para>Each chair takes the patient whose next sitting has been due longest (28 to 38 days after the last one), else
/// starts a course for a returning patient (6 to 12 months after their last course) or a new one. Past bookings end
/// completed (~88%), cancelled and re-booked (~8%), no-show (~3%) or not performed (~1%); the hour in progress is
/// checked in; later ones are booked. Every sitting that reached check-in has its re-screening, so the screening that
/// allowed it is valid on its day.</para>
/// <para>Every booking obeys the booking rule of issue 14 at the moment it is made: after its plan (made on a screening
/// that allowed treatment, the patient already of age), after the review of any severe side effect of the patient, and
/// after the screening that allowed treatment again when a check-in re-screen found the patient not suitable. Bookings
/// need no screening valid on their own date, so most sittings ahead outlive the patient's latest screening and show
/// "re-screen at check-in", as in a clinic that books its courses ahead.</para>
/// </remarks>
public sealed class DemoClinicSeeder(ClinicDbContext db, AuditService audit, TimeProvider time)
{
    public const string SeededBy = "seed-demo";

    private const int FirstHour = 8;
    private const int LastHour = 19;
    private const double BookedShare = 0.85;

    private static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow", "Florence",
        "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Aisha", "Priya", "Zoë", "Chloé", "Siobhan", "Niamh", "Fatima", "Mei",
        "Hannah", "Sarah", "Laura", "Emma", "Jessica", "Rachel", "Sophie", "Lucy", "Katie", "Anna", "Maria", "Joanna", "Agnieszka",
        "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "James", "Mohammed", "Ravi", "Tomás", "Daniel", "Adam", "Liam",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner",
        "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris",
        "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "Kowalski",
        "O'Brien", "Nguyen", "Okafor", "Müller", "Ahmed", "Singh", "Begum", "Ali", "Murphy", "Kelly", "Campbell", "Stewart", "Chen",
    ];

    private static readonly (Concern Concern, TreatmentArea Area, NeedlingArea Needling, decimal Depth)[] Indications =
    [
        (Concern.WrinklesFineLinesSpots, TreatmentArea.Face, NeedlingArea.Forehead, 0.5m),
        (Concern.Scars, TreatmentArea.Face, NeedlingArea.AcneScars, 1.5m),
        (Concern.Hyperpigmentation, TreatmentArea.Face, NeedlingArea.CheeksAndChin, 0.75m),
        (Concern.ToneAndElasticity, TreatmentArea.Face | TreatmentArea.Neck, NeedlingArea.CheeksAndChin, 1.0m),
        (Concern.EnlargedPores, TreatmentArea.Face, NeedlingArea.CheeksAndChin, 0.5m),
        (Concern.StretchMarks, TreatmentArea.Abdomen | TreatmentArea.Thighs, NeedlingArea.StretchMarks, 1.75m),
        (Concern.Alopecia, TreatmentArea.Scalp, NeedlingArea.Scalp, 1.0m),
    ];

    private static readonly string[] CancellationReasons =
        ["The patient asked to move it (work).", "The patient is unwell.", "The patient is on holiday.", "Childcare.", "The clinician is unwell."];

    private readonly Dictionary<string, int> rowCounts = [];
    private readonly List<string> staffEmails = [];
    private Random random = new(0);
    private DemoWriter writer = null!;
    private DemoIds ids = null!;
    private TimeZoneInfo zone = null!;
    private DemoClinicSize size = DemoClinicSize.Demo;
    private int patientCount;

    /// <summary>True when the clinic already has patients: demo data is only ever added to an empty clinic.</summary>
    public Task<bool> HasPatientsAsync(CancellationToken ct = default) => db.Patients.AnyAsync(ct);

    /// <summary>
    /// Seeds the clinic. <paramref name="staffPassword"/> becomes the password of every seeded staff account (hashed once);
    /// <paramref name="progress"/> receives a line now and then.
    /// </summary>
    public async Task<DemoClinicSummary> SeedAsync(DemoClinicSize size, string staffPassword, Action<string>? progress = null, CancellationToken ct = default)
    {
        if (await HasPatientsAsync(ct))
        {
            throw new InvalidOperationException("The clinic already has patients; demo data is only seeded into an empty clinic.");
        }

        var stopwatch = Stopwatch.StartNew();
        this.size = size;
        random = new Random(size.Seed);
        var settings = await db.ClinicSettings.AsNoTracking().SingleAsync(ct);
        zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        ids = await DemoIds.ReadAsync(db, ct);
        writer = new DemoWriter(db, rowCounts);

        var first = today.AddDays(-(int)Math.Round(size.Years * 365.25)).AddDays(size.DaysAhead);
        var last = today.AddDays(size.DaysAhead);
        var staff = await SeedStaffAndRoomsAsync(size, staffPassword, ct);
        progress?.Invoke($"Staff and rooms: {staff.Core.Count} active clinicians, {staff.Former.Count} former clinicians with their rooms.");

        var calendar = new DemoCalendar(this, staff, today, now);
        var longHistory = calendar.SeedLongHistoryPatient(first);
        await writer.FlushIfFullAsync(ct);
        var lastReport = Stopwatch.StartNew();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            calendar.RunDay(day);
            if (await writer.FlushIfFullAsync(ct) && lastReport.Elapsed > TimeSpan.FromSeconds(5))
            {
                progress?.Invoke($"  {day:yyyy-MM-dd}: {rowCounts.GetValueOrDefault("Bookings"):N0} bookings, {patientCount:N0} patients ({stopwatch.Elapsed.TotalSeconds:N0} s)");
                lastReport.Restart();
            }
        }

        calendar.FinishOpenCourses();
        var bookable = calendar.SeedBookableCourses(today);
        await writer.FlushAsync(ct);
        await ids.ResetSequencesAsync(db, ct);
        await audit.RecordAsync("SeedDemo", "Clinic", size.Name, null,
            string.Join(", ", rowCounts.Where(r => r.Value > 0).Select(r => r.Key)), ct);
        return new DemoClinicSummary(new Dictionary<string, int>(rowCounts), longHistory, bookable, staffEmails, stopwatch.Elapsed);
    }

    private async Task<DemoStaff> SeedStaffAndRoomsAsync(DemoClinicSize size, string password, CancellationToken ct)
    {
        await db.OpeningHours.ExecuteUpdateAsync(s => s
            .SetProperty(h => h.IsOpen, h => h.Day != DayOfWeek.Sunday)
            .SetProperty(h => h.Opens, new TimeOnly(FirstHour, 0))
            .SetProperty(h => h.Closes, new TimeOnly(LastHour, 0)), ct);

        var clinicianRole = Roles.IdOf(Roles.Clinician);
        var existingClinicians = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == clinicianRole))
            .OrderBy(u => u.Id).Select(u => u.Id).Take(10).ToListAsync(ct);
        await db.ClinicianHours.Where(h => existingClinicians.Contains(h.ClinicianId)).ExecuteDeleteAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).Select(r => r.Id).Take(5).ToListAsync(ct);

        var hash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), password);
        var users = new List<StaffUser>();
        var userRoles = new List<IdentityUserRole<string>>();
        StaffUser NewUser(string email, string name, string role, bool disabled)
        {
            var user = new StaffUser
            {
                Id = $"seed-{email.Split('@')[0]}",
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                DisplayName = name,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                IsDisabled = disabled,
            };
            users.Add(user);
            userRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = Roles.IdOf(role) });
            return user;
        }

        var core = new List<string>(existingClinicians);
        for (var i = core.Count; i < 10; i++)
        {
            core.Add(NewUser($"clinician{i + 1 - existingClinicians.Count:00}@demo.clinic", $"{FirstNames[i * 3]} {LastNames[i * 5]}", Roles.Clinician, false).Id);
        }

        NewUser("reception@demo.clinic", "Reception Desk", Roles.FrontDesk, false);
        var newRooms = new List<Room>();
        for (var i = rooms.Count; i < 5; i++)
        {
            var room = new Room { Id = ids.Next("Rooms"), Name = $"Room {i + 1}", IsActive = true };
            newRooms.Add(room);
            rooms.Add(room.Id);
        }

        // Former staff make up the difference between the active calendar and the target, in the past only.
        var formerCount = 0;
        if (size.TargetSittings is { } target)
        {
            var perYear = target / size.Years;
            var coreYear = 13_000.0;
            var chairYear = 307 * (LastHour - FirstHour) * BookedShare;
            formerCount = Math.Max(0, (int)Math.Ceiling((perYear - coreYear) / chairYear));
        }

        // One former clinician and room hold the long-history patient's years, apart from everybody else.
        var former = new List<(string Clinician, int Room)>();
        for (var i = 0; i <= formerCount; i++)
        {
            var user = NewUser($"former{i + 1:000}@demo.clinic", $"{FirstNames[(i * 7) % FirstNames.Length]} {LastNames[(i * 11) % LastNames.Length]}", Roles.Clinician, true);
            var room = new Room { Id = ids.Next("Rooms"), Name = $"Former room {i + 1}", IsActive = false };
            newRooms.Add(room);
            former.Add((user.Id, room.Id));
        }

        var hours = new List<ClinicianHours>();
        var openDays = Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday).ToArray();
        var shifts = new List<DemoShift>();
        for (var i = 0; i < core.Count; i++)
        {
            var (from, to) = i < core.Count / 2 ? (8, 16) : (11, 19);
            var dayOff = openDays[i % openDays.Length];
            foreach (var day in openDays.Where(d => d != dayOff))
            {
                hours.Add(new ClinicianHours { Id = ids.Next("ClinicianHours"), ClinicianId = core[i], Day = day, Start = new TimeOnly(from, 0), End = new TimeOnly(to, 0) });
            }

            shifts.Add(new DemoShift(core[i], from, to, dayOff));
        }

        staffEmails.AddRange(users.Where(u => !u.IsDisabled).Select(u => u.Email!));
        await writer.InsertNowAsync(users, "AspNetUsers", ct);
        await writer.InsertNowAsync(userRoles, "AspNetUserRoles", ct);
        await writer.InsertNowAsync(newRooms, "Rooms", ct);
        await writer.InsertNowAsync(hours, "ClinicianHours", ct);
        return new DemoStaff(shifts, rooms, former[1..], former[0]);
    }

    internal sealed record DemoShift(string ClinicianId, int From, int To, DayOfWeek DayOff);

    internal sealed record DemoStaff(IReadOnlyList<DemoShift> Core, IReadOnlyList<int> Rooms, IReadOnlyList<(string Clinician, int Room)> Former, (string Clinician, int Room) History);

    /// <summary>The day-by-day generator; a nested class so it shares the seeder's random source, ids and writer.</summary>
    private sealed class DemoCalendar(DemoClinicSeeder seeder, DemoStaff staff, DateOnly today, DateTime now)
    {
        private readonly PriorityQueue<Course, (DateOnly, int)> due = new();
        private readonly PriorityQueue<DemoPatient, (DateOnly, int)> returning = new();
        private readonly HashSet<Course> open = [];
        private Random Random => seeder.random;
        private DemoIds Ids => seeder.ids;
        private DemoWriter Writer => seeder.writer;

        /// <summary>Former staff stop before the last two weeks; from seven months before that they take no new courses.</summary>
        private DateOnly FormerEnd => today.AddDays(-14);

        public void RunDay(DateOnly day)
        {
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                return;
            }

            for (var hour = FirstHour; hour < LastHour; hour++)
            {
                var roomTaken = 0;
                foreach (var shift in staff.Core.OrderBy(_ => Random.Next()))
                {
                    if (shift.DayOff == day.DayOfWeek || hour < shift.From || hour >= shift.To || Random.NextDouble() >= BookedShare || roomTaken >= staff.Rooms.Count)
                    {
                        continue;
                    }

                    Fill(day, hour, shift.ClinicianId, staff.Rooms[roomTaken++], allowNewCourse: true);
                }

                if (day < FormerEnd)
                {
                    foreach (var (clinician, room) in staff.Former)
                    {
                        if (Random.NextDouble() < BookedShare)
                        {
                            Fill(day, hour, clinician, room, allowNewCourse: day < FormerEnd.AddDays(-210));
                        }
                    }
                }
            }
        }

        private void Fill(DateOnly day, int hour, string clinician, int room, bool allowNewCourse)
        {
            var course = NextCourse(day, allowNewCourse);
            if (course is null)
            {
                return;
            }

            var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), seeder.zone);
            var end = start.AddMinutes(60);
            if (end <= now)
            {
                var roll = Random.NextDouble();
                if (roll < 0.08)
                {
                    seeder.Book(course, clinician, room, start, BookingStatus.Cancelled);
                    Requeue(course, day.AddDays(Random.Next(3, 10)), day.AddDays(30));
                    course = NextCourse(day, allowNewCourse);
                    if (course is null)
                    {
                        return;
                    }

                    roll = Random.NextDouble() * 0.92 + 0.08;
                }

                if (roll < 0.11)
                {
                    seeder.Book(course, clinician, room, start, BookingStatus.NoShow);
                    Requeue(course, day.AddDays(Random.Next(5, 15)), day.AddDays(40));
                }
                else if (roll < 0.12)
                {
                    seeder.Book(course, clinician, room, start, BookingStatus.NotPerformed);
                    ScreenAgainAfterNotPerformed(course, day);
                }
                else
                {
                    seeder.Book(course, clinician, room, start, BookingStatus.Completed);
                    Advance(course, day);
                }
            }
            else
            {
                seeder.Book(course, clinician, room, start, start <= now ? BookingStatus.CheckedIn : BookingStatus.Booked);
                Advance(course, day);
            }
        }

        private Course? NextCourse(DateOnly day, bool allowNewCourse)
        {
            while (due.TryPeek(out var course, out var when) && when.Item1 <= day)
            {
                due.Dequeue();
                if (course.Deadline >= day)
                {
                    return course;
                }

                Finish(course, PlanStatus.Cancelled, day);
            }

            if (!allowNewCourse)
            {
                return null;
            }

            if (returning.TryPeek(out var patient, out var eligible) && eligible.Item1 <= day)
            {
                returning.Dequeue();
                return StartCourse(patient, day);
            }

            return seeder.patientCount < seeder.size.Patients ? StartCourse(seeder.NewPatient(day), day) : null;
        }

        private Course StartCourse(DemoPatient patient, DateOnly day)
        {
            var course = seeder.NewCourse(patient, day, Random.Next(0, 4) == 0 ? 5 : 6);
            open.Add(course);
            return course;
        }

        private void Advance(Course course, DateOnly day)
        {
            course.Next++;
            if (course.Next > course.Plan.SittingCount)
            {
                if (course.LastBookingStatus == BookingStatus.Completed)
                {
                    Finish(course, PlanStatus.Completed, day);
                }

                return;
            }

            var earliest = day.AddDays(28 + Random.Next(0, 11));
            Requeue(course, earliest, day.AddDays(56));
        }

        /// <summary>
        /// The check-in re-screen found the patient not suitable, which stops new bookings until a screening allows
        /// treatment again: once the wounds have healed the patient is screened again, and only then is the sitting
        /// re-booked. A patient not yet back by now keeps the course active with nothing booked.
        /// </summary>
        private void ScreenAgainAfterNotPerformed(Course course, DateOnly day)
        {
            var screenedOn = day.AddDays(Random.Next(7, 14));
            var screening = seeder.NewScreening(course.Patient, screenedOn, null);
            if (screening.CreatedAtUtc.AddMinutes(15) >= now)
            {
                return;
            }

            course.Rows.Screenings.Add(screening);
            course.BookableFrom = (screening.Clearance?.CreatedAtUtc ?? screening.CreatedAtUtc).AddMinutes(10);
            Requeue(course, day.AddDays(Random.Next(14, 21)), day.AddDays(45));
        }

        private void Requeue(Course course, DateOnly earliest, DateOnly deadline)
        {
            course.Deadline = deadline;
            due.Enqueue(course, (earliest, course.Plan.Id));
        }

        private void Finish(Course course, PlanStatus status, DateOnly day)
        {
            open.Remove(course);
            seeder.Finish(course, status, day);
            if (course.Patient.Id != seeder.LongHistoryPatientId)
            {
                returning.Enqueue(course.Patient, (day.AddDays(Random.Next(180, 366)), course.Patient.Id));
            }
        }

        /// <summary>Courses still running at the end of the period stay active, with their later sittings not yet booked.</summary>
        public void FinishOpenCourses()
        {
            foreach (var course in open.OrderBy(c => c.Plan.Id).ToList())
            {
                open.Remove(course);
                seeder.Finish(course, course.Next > course.Plan.SittingCount && course.LastBookingStatus == BookingStatus.Completed
                    ? PlanStatus.Completed : PlanStatus.Active, today);
            }
        }

        /// <summary>Eight courses, one after another, over the years before the period, on a former clinician's calendar.</summary>
        public int SeedLongHistoryPatient(DateOnly periodStart)
        {
            var day = periodStart.AddDays(-8 * 240);
            var patient = seeder.NewPatient(day);
            seeder.LongHistoryPatientId = patient.Id;
            for (var c = 0; c < 8; c++)
            {
                var course = seeder.NewCourse(patient, day, 6);
                for (var s = 0; s < 6; s++)
                {
                    if (day.DayOfWeek == DayOfWeek.Sunday)
                    {
                        day = day.AddDays(1);
                    }

                    var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), seeder.zone);
                    var booking = seeder.Book(course, staff.History.Clinician, staff.History.Room, start, BookingStatus.Completed, chart: true);
                    if (s is 1 or 4)
                    {
                        seeder.AddSideEffect(course, booking, day, severe: c % 3 == 0 && s == 1);
                    }

                    course.Next++;
                    day = day.AddDays(s == 5 ? 60 : 30);
                }

                seeder.Finish(course, PlanStatus.Completed, day.AddDays(-60));
            }

            return patient.Id;
        }

        /// <summary>Freshly screened patients with a planned course and nothing booked, for a load test's booking POSTs.</summary>
        public List<int> SeedBookableCourses(DateOnly day)
        {
            var sittings = new List<int>();
            for (var i = 0; i < seeder.size.BookableSittings; i++)
            {
                var course = seeder.NewCourse(seeder.NewPatient(day.AddDays(-3)), day.AddDays(-1), 6, screenedDaysBefore: 2);
                sittings.Add(course.SittingIds[0]);
                seeder.Finish(course, PlanStatus.Active, day);
            }

            return sittings;
        }
    }

    private int LongHistoryPatientId { get; set; }

    private sealed class DemoPatient(Patient patient)
    {
        public int Id => patient.Id;

        public Patient Record => patient;

        public int Indication { get; init; }

        public bool NeedsClearance { get; init; }
    }

    private sealed class Course(DemoPatient patient, CoursePlan plan, int[] sittingIds)
    {
        public DemoPatient Patient { get; } = patient;

        public CoursePlan Plan { get; } = plan;

        public int[] SittingIds { get; } = sittingIds;

        /// <summary>The number (1-based) of the sitting to book next.</summary>
        public int Next { get; set; } = 1;

        public DateOnly Deadline { get; set; }

        /// <summary>No sitting of the course can be booked before this: the plan's creation, or the screening that lifted a hard stop.</summary>
        public DateTime BookableFrom { get; set; } = plan.CreatedAtUtc.AddMinutes(10);

        public BookingStatus LastBookingStatus { get; set; }

        public bool HasConsent { get; set; }

        public DemoBatch Rows { get; } = new();
    }

    private DemoPatient NewPatient(DateOnly firstVisit)
    {
        patientCount++;
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var indication = random.Next(Indications.Length);
        var age = random.Next(18, 76);
        // Counted from two weeks before the first visit: the course plan is made on a screening up to 14 days earlier,
        // and the patient must already be of the clinic's minimum age (18) then.
        var dateOfBirth = firstVisit.AddDays(-15).AddYears(-age).AddDays(-random.Next(0, 365));
        var created = TimeZoneInfo.ConvertTimeToUtc(firstVisit.AddDays(-random.Next(20, 40)).ToDateTime(new TimeOnly(9, random.Next(0, 60))), zone);
        var patient = new Patient
        {
            Id = ids.Next("Patients"),
            FirstName = first,
            LastName = last,
            NormalizedFirstName = Patient.Normalize(first),
            NormalizedLastName = Patient.Normalize(last),
            DateOfBirth = dateOfBirth,
            Phone = string.Create(CultureInfo.InvariantCulture, $"07{random.Next(100, 1000)} {random.Next(100000, 1000000)}"),
            Email = random.Next(3) == 0 ? null : $"{Patient.Normalize(first).ToLowerInvariant()}.{patientCount}@example.com",
            // Two in three give an address; those agreed to appointment e-mails, and every other one to recalls.
            AppointmentEmails = true,
            RecallEmails = patientCount % 2 == 0,
            SkinType = (FitzpatrickType)random.Next(1, 7),
            Concerns = Indications[indication].Concern,
            TreatmentAreas = Indications[indication].Area,
            PreferredDays = random.Next(2) == 0 ? Weekdays.None : Weekdays.Saturday | (Weekdays)(1 << random.Next(0, 5)),
            PreferredTimeOfDay = (TimeOfDayPreference)random.Next(0, Enum.GetValues<TimeOfDayPreference>().Length),
            CreatedAtUtc = created,
            CreatedBy = SeededBy,
        };
        patient.AppointmentEmails &= patient.Email is not null;
        patient.RecallEmails &= patient.Email is not null;
        writer.Patients.Add(patient);
        var demo = new DemoPatient(patient) { Indication = indication, NeedsClearance = random.NextDouble() < 0.04 };

        // A few patients are screened not suitable and never treated.
        if (random.NextDouble() < 0.03)
        {
            writer.Screenings.Add(NewScreening(demo, firstVisit.AddDays(-10), null, notSuitable: true));
            writer.CountPending();
            return NewPatient(firstVisit);
        }

        return demo;
    }

    private ScreeningRecord NewScreening(DemoPatient patient, DateOnly day, Booking? checkIn, bool notSuitable = false)
    {
        var at = checkIn?.StartUtc.AddMinutes(2) ?? TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, random.Next(0, 60))), zone);
        var screening = new ScreeningRecord
        {
            Id = ids.Next("Screenings"),
            PatientId = patient.Id,
            ScreenedOn = day,
            BookingId = checkIn?.Id,
            ValidityDays = 30,
            Pregnancy = Screening.PregnancyAnswer.No,
            CreatedAtUtc = at,
            CreatedBy = SeededBy,
        };
        if (notSuitable)
        {
            screening.OpenWounds = checkIn is not null;
            screening.Eczema = checkIn is null;
            screening.Outcome = Screening.ScreeningOutcome.NotSuitable;
            screening.Reasons = checkIn is null ? "Eczema: micro-needling is not suitable." : "Open wounds: micro-needling is not suitable until they have healed.";
        }
        else if (patient.NeedsClearance)
        {
            screening.RadiationTherapy = true;
            screening.RadiationDate = day.AddMonths(-6);
            screening.Outcome = Screening.ScreeningOutcome.ClearanceRequired;
            screening.Reasons = $"Radiation therapy on {screening.RadiationDate:d MMM yyyy}, within the last 12 months: a doctor's clearance is required before treatment.";
            screening.Clearance = new Screening.DoctorClearance
            {
                Id = ids.Next("DoctorClearances"),
                ScreeningId = screening.Id,
                DoctorName = "Dr Priya Patel",
                ClearedOn = day,
                Note = "Cleared for micro-needling.",
                CreatedAtUtc = at.AddMinutes(1),
                CreatedBy = SeededBy,
            };
        }

        return screening;
    }

    private Course NewCourse(DemoPatient patient, DateOnly firstSitting, int sittings, int? screenedDaysBefore = null)
    {
        var screenedOn = firstSitting.AddDays(-(screenedDaysBefore ?? random.Next(1, 15)));
        var screening = NewScreening(patient, screenedOn, null);
        var indication = Indications[patient.Indication];
        var plan = new CoursePlan
        {
            Id = ids.Next("CoursePlans"),
            PatientId = patient.Id,
            ScreeningId = screening.Id,
            Concerns = indication.Concern,
            Areas = indication.Area,
            SittingCount = sittings,
            MinutesPerSitting = 15,
            MinIntervalDays = 28,
            MaxIntervalDays = 42,
            NumbingLeadMinutes = 30,
            Status = PlanStatus.Active,
            CreatedAtUtc = screening.CreatedAtUtc.AddMinutes(20),
            CreatedBy = SeededBy,
        };
        var sittingIds = Enumerable.Range(0, sittings).Select(_ => ids.Next("PlannedSittings")).ToArray();
        var course = new Course(patient, plan, sittingIds);
        course.Rows.Screenings.Add(screening);
        return course;
    }

    private Booking Book(Course course, string clinician, int room, DateTime start, BookingStatus status, bool chart = false)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone));
        var bookedAt = start.AddDays(-random.Next(7, 36)).AddMinutes(random.Next(0, 480));
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (bookedAt > nowUtc)
        {
            bookedAt = nowUtc.AddMinutes(-random.Next(5, 600));
        }

        // A booking needs the plan, and no hard stop since its screening: it cannot be made before the course is bookable.
        if (bookedAt < course.BookableFrom)
        {
            bookedAt = course.BookableFrom.AddMinutes(random.Next(0, 120));
            if (bookedAt > nowUtc)
            {
                bookedAt = course.BookableFrom;
            }
        }

        var booking = new Booking
        {
            Id = ids.Next("Bookings"),
            PlannedSittingId = course.SittingIds[course.Next - 1],
            PatientId = course.Patient.Id,
            ClinicianId = clinician,
            RoomId = room,
            StartUtc = start,
            NeedlingStartUtc = start.AddMinutes(30),
            EndUtc = start.AddMinutes(60),
            Status = status,
            CreatedAtUtc = bookedAt,
            CreatedBy = SeededBy,
        };
        var rows = course.Rows;
        rows.Bookings.Add(booking);
        rows.Events.Add(Event(booking, BookingEventKind.Booked, bookedAt, toStart: start));
        course.LastBookingStatus = status;
        switch (status)
        {
            case BookingStatus.Cancelled:
                booking.CancellationReason = CancellationReasons[random.Next(CancellationReasons.Length)];
                var cancelledAt = start.AddDays(-random.Next(1, 6)) < bookedAt ? bookedAt.AddHours(1) : start.AddDays(-random.Next(1, 6));
                rows.Events.Add(Event(booking, BookingEventKind.Cancelled, cancelledAt, reason: booking.CancellationReason));
                break;
            case BookingStatus.NoShow:
                rows.Events.Add(Event(booking, BookingEventKind.NoShow, start.AddMinutes(20)));
                break;
            case BookingStatus.NotPerformed:
                booking.NotPerformedReason = "Open wounds: micro-needling is not suitable until they have healed.";
                rows.Events.Add(Event(booking, BookingEventKind.CheckedIn, start.AddMinutes(1)));
                rows.Screenings.Add(NewScreening(course.Patient, day, booking, notSuitable: true));
                rows.Events.Add(Event(booking, BookingEventKind.NotPerformed, start.AddMinutes(5), reason: booking.NotPerformedReason));
                break;
            case BookingStatus.CheckedIn:
            case BookingStatus.Completed:
                rows.Events.Add(Event(booking, BookingEventKind.CheckedIn, start.AddMinutes(1)));
                rows.Screenings.Add(NewScreening(course.Patient, day, booking));
                // Signed at the first visit; kept where the demo keeps charts, and for the courses of the last months.
                if (!course.HasConsent && (chart || day >= DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone)).AddDays(-ConsentDays)))
                {
                    AddConsent(course, booking);
                }

                if (status == BookingStatus.Completed)
                {
                    rows.Events.Add(Event(booking, BookingEventKind.Completed, booking.EndUtc.AddMinutes(-10)));
                    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
                    if (chart || day >= today.AddDays(-size.ChartDays))
                    {
                        AddChart(course, booking);
                    }

                    if (!chart && random.NextDouble() < 0.05)
                    {
                        AddSideEffect(course, booking, day, severe: random.NextDouble() < 0.12 && day < today.AddDays(-2));
                    }
                }

                break;
        }

        return booking;
    }

    private BookingEvent Event(Booking booking, BookingEventKind kind, DateTime at, DateTime? toStart = null, string? reason = null) => new()
    {
        Id = ids.Next("BookingEvents"),
        BookingId = booking.Id,
        Kind = kind,
        ToStartUtc = toStart,
        Reason = reason,
        CreatedAtUtc = at,
        CreatedBy = SeededBy,
        ToClinicianId = kind == BookingEventKind.Booked ? booking.ClinicianId : null,
        ToRoomId = kind == BookingEventKind.Booked ? booking.RoomId : null,
    };

    /// <summary>
    /// How far back the demo keeps signed consents: a course runs up to about 7 months, so every course with sittings still
    /// to come has its consent. Older courses are history whose consent the demo leaves out, which keeps a large seed small.
    /// </summary>
    private const int ConsentDays = 240;

    private static readonly Lazy<byte[]> DemoSignature = new(() =>
    {
        using var bitmap = new SkiaSharp.SKBitmap(300, 100);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Transparent);
            using var pen = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Black, StrokeWidth = 2, IsStroke = true, IsAntialias = true };
            using var path = new SkiaSharp.SKPath();
            path.MoveTo(15, 60);
            path.CubicTo(60, 5, 90, 95, 130, 50);
            path.CubicTo(170, 10, 200, 90, 285, 40);
            canvas.DrawPath(path, pen);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    });

    private void AddConsent(Course course, Booking booking)
    {
        var signedAt = booking.StartUtc.AddMinutes(3);
        var consent = new Consent.PatientConsent
        {
            Id = ids.Next("PatientConsents"),
            PatientId = course.Patient.Id,
            CoursePlanId = course.Plan.Id,
            TemplateId = 1,
            TemplateVersion = 1,
            SafetyRevision = 1,
            Title = Consent.DefaultConsentTemplate.Title,
            TextShown = Consent.DefaultConsentTemplate.Body,
            PhotosForClinicalRecord = true,
            PhotosForTeachingOrMarketing = course.Patient.Id % 4 == 0, // not from the random stream: the seeded statistics stay as they were
            PatientNameSigned = course.Patient.Record.FullName,
            PatientSignaturePng = DemoSignature.Value,
            SignedAtUtc = signedAt,
            ClinicianSignaturePng = DemoSignature.Value,
            CountersignedBy = SeededBy,
            CountersignedAtUtc = signedAt,
            CreatedAtUtc = signedAt,
            CreatedBy = SeededBy,
        };
        consent.Sha256 = Consent.ConsentSeal.Compute(consent);
        course.Rows.Consents.Add(consent);
        course.HasConsent = true;
    }

    private void AddChart(Course course, Booking booking)
    {
        var indication = Indications[course.Patient.Indication];
        var chart = new SittingChart
        {
            Id = ids.Next("SittingCharts"),
            BookingId = booking.Id,
            Version = 1,
            IsCurrent = true,
            NumbingProduct = "Lidocaine 4% cream",
            NumbingAppliedAtUtc = booking.StartUtc.AddMinutes(2),
            NumbingRemovedAtUtc = booking.NeedlingStartUtc,
            Device = "Dermapen 4",
            CartridgeLot = string.Create(CultureInfo.InvariantCulture, $"DP4-{booking.StartUtc:yyMM}-{random.Next(100, 1000)}"),
            SerumProduct = "Hyaluronic acid serum",
            ProcedureStartUtc = booking.NeedlingStartUtc,
            ProcedureEndUtc = booking.NeedlingStartUtc.AddMinutes(15),
            Reaction = random.Next(3) == 0 ? ImmediateReaction.None : ImmediateReaction.Redness,
            CreatedAtUtc = booking.EndUtc.AddMinutes(-10),
            CreatedBy = SeededBy,
        };
        course.Rows.Charts.Add(chart);
        course.Rows.ChartAreas.Add(new ChartArea { Id = ids.Next("ChartAreas"), SittingChartId = chart.Id, Area = indication.Needling, DepthMm = indication.Depth, Passes = random.Next(2, 5) });
    }

    private void AddSideEffect(Course course, Booking booking, DateOnly day, bool severe)
    {
        var kind = severe ? (SideEffectKind)random.Next(3, 7) : (SideEffectKind)random.Next(1, 3);
        var onset = day.AddDays(1);
        var effect = new SideEffect
        {
            Id = ids.Next("SideEffects"),
            PatientId = course.Patient.Id,
            CoursePlanId = course.Plan.Id,
            BookingId = booking.Id,
            Kind = kind,
            OnsetDate = onset,
            Severity = severe ? Severity.Severe : Severity.Mild,
            Description = severe ? "Reported by phone the day after the sitting." : "Redness and mild irritation after the sitting.",
            ActionTaken = severe ? "Advised to see a doctor the same day; course on hold." : "Reassured; aftercare reinforced.",
            ResolvedOn = onset.AddDays(random.Next(2, 6)),
            CreatedAtUtc = booking.EndUtc.AddDays(1),
            CreatedBy = SeededBy,
        };
        if (severe)
        {
            effect.ReviewedAtUtc = booking.EndUtc.AddDays(2);
            effect.ReviewedBy = SeededBy;
            effect.ReviewOutcome = ReviewOutcome.ContinueCourse;
            effect.ReviewNote = "Resolved with treatment; safe to continue at a shallower depth.";

            // The unreviewed severe side effect held the course: its next sitting is booked after the review.
            if (course.BookableFrom < effect.ReviewedAtUtc.Value.AddMinutes(10))
            {
                course.BookableFrom = effect.ReviewedAtUtc.Value.AddMinutes(10);
            }
        }

        course.Rows.SideEffects.Add(effect);
    }

    /// <summary>The course's rows go to the writer together, so its plan and sittings are inserted before its bookings.</summary>
    private void Finish(Course course, PlanStatus status, DateOnly day)
    {
        var plan = course.Plan;
        plan.Status = status;
        var at = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(18, 30)), zone);
        if (status == PlanStatus.Completed)
        {
            plan.CompletedAtUtc = course.Rows.Bookings.Count > 0 ? course.Rows.Bookings[^1].EndUtc : at;
            plan.MaintenanceDueOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(plan.CompletedAtUtc.Value, zone)).AddMonths(6);
        }
        else if (status == PlanStatus.Cancelled)
        {
            plan.CancelledAtUtc = at;
            plan.CancelledBy = SeededBy;
            plan.CancellationReason = "The patient did not rebook.";
        }

        writer.Add(course.Rows, plan, course.SittingIds.Select((id, i) => new PlannedSitting { Id = id, CoursePlanId = plan.Id, Number = i + 1 }));
    }
}
