using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Audit;

/// <summary>
/// Every change made through the services writes audit entries, in the same transaction: who, when, what (entity, id,
/// action, changed field names), the patient it belongs to, and never a value.
/// </summary>
public sealed class RecordingChangesInTheAuditTrailTests : IDisposable
{
    private const string FirstName = "Philippa";
    private const string LastName = "Quartermaine";
    private const string Phone = "+44 20 7946 0123";
    private const string Email = "philippa.q@example.com";
    private const string PatientNotes = "Keloid scarring on the left cheek";
    private const string ScreeningNotes = "Mentions a latex allergy";

    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    private Task<List<AuditEntry>> TrailAsync() => host.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private async Task<List<AuditEntry>> NewEntriesAsync(Func<Task> act)
    {
        var before = (await TrailAsync()).Count;
        await act();
        return (await TrailAsync()).Skip(before).ToList();
    }

    private static void Succeeded(ServiceResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));

    private async Task<int> RegisterAsync()
    {
        var command = Commands.Patient(FirstName, LastName);
        command.Phone = Phone;
        command.Email = Email;
        command.Notes = PatientNotes;
        var result = await host.SavePatientAsync(command);
        Succeeded(result);
        return result.Value!.PatientId!.Value;
    }

    /// <summary>A clinician working every day 08:00-20:00, a room, and the clinic open those hours.</summary>
    private Task<(string ClinicianId, int RoomId)> OpenClinicAsync() => host.QueryAsync(async db =>
    {
        var clinician = new StaffUser { UserName = "audit@tests.clinic", NormalizedUserName = "AUDIT@TESTS.CLINIC", DisplayName = "Dr Audit" };
        db.Users.Add(clinician);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = clinician.Id, RoleId = Roles.IdOf(Roles.Clinician) });
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician.Id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) });
        }

        var room = new Room { Name = "Room 1" };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return (clinician.Id, room.Id);
    });

    [Fact]
    public async Task Registering_a_patient_writes_a_create_entry_with_who_when_the_patient_and_field_names_only()
    {
        host.User.UserName = "frontdesk.two@tests.clinic";

        var entries = await NewEntriesAsync(RegisterAsync);

        var entry = Assert.Single(entries);
        var patientId = (await host.QueryAsync(db => db.Patients.SingleAsync(p => p.LastName == LastName))).Id;
        Assert.Equal(AuditActions.Create, entry.Action);
        Assert.Equal("Patient", entry.EntityType);
        Assert.Equal(patientId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal(patientId, entry.PatientId);
        Assert.Equal("frontdesk.two@tests.clinic", entry.UserName);
        Assert.Equal(host.UtcNow, entry.AtUtc);
        Assert.Equal(DateTimeKind.Utc, entry.AtUtc.Kind);
        var fields = entry.ChangedFields!.Split(',');
        Assert.Contains("FirstName", fields);
        Assert.Contains("Phone", fields);
        Assert.Contains("Notes", fields);
        Assert.DoesNotContain("Id", fields);
    }

    [Fact]
    public async Task Updating_a_patient_names_only_the_fields_that_changed()
    {
        var patientId = await RegisterAsync();
        var command = Commands.Patient(FirstName, LastName);
        command.Phone = "+44 20 7946 0999";
        command.Email = Email;
        command.Notes = PatientNotes;

        var entries = await NewEntriesAsync(async () =>
            Succeeded(await host.RunAsync<Patients.PatientService, ServiceResult<Patients.SavePatientOutcome>>(s => s.UpdateAsync(patientId, command))));

        var entry = Assert.Single(entries);
        Assert.Equal(AuditActions.Update, entry.Action);
        Assert.Equal(patientId, entry.PatientId);
        Assert.Equal(["Phone", "UpdatedAtUtc", "UpdatedBy"], entry.ChangedFields!.Split(',').Order());
    }

    [Fact]
    public async Task Recording_a_screening_and_planning_a_course_are_audited_against_the_patient()
    {
        var patientId = await RegisterAsync();

        var screening = await NewEntriesAsync(() => host.ScreenAsync(patientId, c => c.Notes = ScreeningNotes));
        var plan = await NewEntriesAsync(() => host.PlanCourseAsync(patientId));

        var screened = Assert.Single(screening);
        Assert.Equal((AuditActions.Create, "Screening", patientId), (screened.Action, screened.EntityType, screened.PatientId));
        Assert.Contains("Notes", screened.ChangedFields!.Split(','));

        // The plan and its six sittings; the sittings have no PatientId of their own and are traced through the plan.
        Assert.Single(plan, e => e.EntityType == "CoursePlan" && e.Action == AuditActions.Create);
        Assert.Equal(6, plan.Count(e => e.EntityType == "PlannedSitting" && e.Action == AuditActions.Create));
        Assert.All(plan, e => Assert.Equal(patientId, e.PatientId));
    }

    [Fact]
    public async Task Booking_moving_and_cancelling_a_sitting_are_each_audited_with_the_booking_and_its_event()
    {
        var (clinicianId, roomId) = await OpenClinicAsync();
        var patientId = await RegisterAsync();
        await host.ScreenSuitableAsync(patientId);
        var plan = await host.PlanCourseAsync(patientId);

        var booked = await NewEntriesAsync(async () => Succeeded(await host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(x => x.Number == 1).Id,
            ClinicianId = clinicianId,
            RoomId = roomId,
            Date = new DateOnly(2026, 3, 11),
            Time = new TimeOnly(10, 0),
        }))));
        var bookingId = await host.QueryAsync(db => db.Bookings.Where(b => b.PatientId == patientId).Select(b => b.Id).SingleAsync());
        var moved = await NewEntriesAsync(async () => Succeeded(await host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.MoveAsync(new MoveBookingCommand
        {
            BookingId = bookingId,
            ClinicianId = clinicianId,
            RoomId = roomId,
            Date = new DateOnly(2026, 3, 12),
            Time = new TimeOnly(11, 0),
        }))));
        var cancelled = await NewEntriesAsync(async () => Succeeded(await host.RunAsync<BookingService, ServiceResult>(s =>
            s.CancelAsync(new CancelBookingCommand { BookingId = bookingId, Reason = "Patient is travelling" }))));

        var id = bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(booked, e => e is { Action: AuditActions.Create, EntityType: "Booking" } && e.EntityId == id);
        Assert.Contains(moved, e => e is { Action: AuditActions.Update, EntityType: "Booking" } && e.EntityId == id
            && e.ChangedFields!.Split(',').Contains("StartUtc"));
        Assert.Contains(moved, e => e is { Action: AuditActions.Create, EntityType: "BookingEvent" });
        Assert.Contains(cancelled, e => e is { Action: AuditActions.Update, EntityType: "Booking" } && e.ChangedFields!.Split(',').Contains("Status"));
        Assert.All(booked.Concat(moved).Concat(cancelled).Where(e => e.EntityType is "Booking" or "BookingEvent" or "PlannedSitting"),
            e => Assert.Equal(patientId, e.PatientId));
    }

    [Fact]
    public async Task Charting_a_sitting_audits_the_chart_its_areas_and_the_completed_booking()
    {
        var patientId = await RegisterAsync();
        await host.ScreenSuitableAsync(patientId);
        var plan = await host.PlanCourseAsync(patientId);
        var (clinicianId, roomId) = await OpenClinicAsync();
        var bookingId = await host.QueryAsync(async db =>
        {
            var booking = new Booking
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == 1).Id,
                PatientId = patientId,
                ClinicianId = clinicianId,
                RoomId = roomId,
                StartUtc = host.UtcNow,
                NeedlingStartUtc = host.UtcNow.AddMinutes(30),
                EndUtc = host.UtcNow.AddMinutes(60),
                Status = BookingStatus.CheckedIn,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });
        Assert.True((await host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(bookingId, Commands.NoToEverything(0)))).Succeeded);
        host.Clock.Advance(TimeSpan.FromHours(1)); // a chart is saved once the needling has happened

        var charted = await NewEntriesAsync(async () => Succeeded(await host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(Commands.Chart(bookingId)))));

        Assert.Contains(charted, e => e is { Action: AuditActions.Create, EntityType: "SittingChart" });
        Assert.Contains(charted, e => e is { Action: AuditActions.Create, EntityType: "ChartArea" });
        Assert.Contains(charted, e => e is { Action: AuditActions.Update, EntityType: "Booking" } && e.ChangedFields!.Split(',').Contains("Status"));
        Assert.All(charted.Where(e => e.EntityType is "SittingChart" or "ChartArea" or "Booking" or "BookingEvent"), e => Assert.Equal(patientId, e.PatientId));
        var everything = string.Join("|", charted.Select(e => $"{e.EntityType} {e.ChangedFields}"));
        Assert.DoesNotContain("Lidocaine", everything);
        Assert.DoesNotContain("LOT-123", everything);
    }

    [Fact]
    public async Task No_audit_entry_holds_the_patients_name_contact_details_or_notes()
    {
        var patientId = await RegisterAsync();
        await host.ScreenAsync(patientId, c => c.Notes = ScreeningNotes);
        await host.PlanCourseAsync(patientId);
        await host.RunAsync<AuditService, int>(async s =>
        {
            await s.RecordViewAsync("Patient", patientId, patientId);
            return 0;
        });

        var trail = await TrailAsync();

        Assert.NotEmpty(trail);
        var everything = string.Join("\n", trail.Select(e =>
            $"{e.Id}|{e.AtUtc:O}|{e.UserName}|{e.Action}|{e.EntityType}|{e.EntityId}|{e.PatientId}|{e.ChangedFields}|{e.PreviousHash}|{e.Hash}"));
        foreach (var secret in new[] { FirstName, LastName, Phone, Email, PatientNotes, "Keloid", ScreeningNotes, "latex", "1990-05-17" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Granting_emergency_access_is_audited_against_the_patient()
    {
        var patientId = await RegisterAsync();

        var entries = await NewEntriesAsync(() => host.QueryAsync(async db =>
        {
            db.EmergencyAccesses.Add(new EmergencyAccess
            {
                PatientId = patientId,
                StaffId = "test-clinician-one",
                StaffUserName = TestUser.DefaultName,
                Reason = "Patient collapsed in the waiting room",
                GrantedAtUtc = host.UtcNow,
                ExpiresAtUtc = host.UtcNow.AddHours(1),
            });
            return await db.SaveChangesAsync();
        }));

        var entry = Assert.Single(entries);
        Assert.Equal((AuditActions.Create, "EmergencyAccess", patientId), (entry.Action, entry.EntityType, entry.PatientId));
        Assert.Contains("Reason", entry.ChangedFields!.Split(','));
        Assert.DoesNotContain("collapsed", entry.ChangedFields);
    }

    [Fact]
    public async Task A_change_whose_transaction_is_rolled_back_leaves_no_audit_entry()
    {
        var patientId = await RegisterAsync();
        var before = (await TrailAsync()).Count;

        await host.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var patient = await db.Patients.SingleAsync(p => p.Id == patientId);
            patient.Phone = "+44 20 7946 0000";
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal(before, (await TrailAsync()).Count);
        Assert.True((await host.RunAsync<AuditService, ChainVerification>(s => s.VerifyChainAsync())).IsIntact);
    }

    [Fact]
    public async Task Entries_written_by_saves_and_views_form_one_intact_chain()
    {
        var patientId = await RegisterAsync();
        await host.ScreenSuitableAsync(patientId);
        await host.PlanCourseAsync(patientId);
        await host.RunAsync<AuditService, int>(async s =>
        {
            await s.RecordViewAsync("Patient", patientId, null);
            return 0;
        });

        var trail = await TrailAsync();
        var result = await host.RunAsync<AuditService, ChainVerification>(s => s.VerifyChainAsync());

        Assert.True(result.IsIntact, result.Break?.Problem);
        Assert.Equal(trail.Count, result.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(i => (long)i), trail.Select(e => e.Id));
        Assert.Equal(AuditChain.GenesisHash, trail[0].PreviousHash);
        var view = trail[^1];
        Assert.Equal((AuditActions.View, "Patient", patientId, (string?)null), (view.Action, view.EntityType, view.PatientId, view.ChangedFields));
    }

    [Fact]
    public async Task A_view_named_by_its_record_is_filed_under_the_records_patient()
    {
        var patientId = await RegisterAsync();
        var screening = await host.ScreenSuitableAsync(patientId);
        var plan = await host.PlanCourseAsync(patientId);

        var views = await NewEntriesAsync(() => host.RunAsync<AuditService, int>(async s =>
        {
            await s.RecordViewAsync("Screening", screening.Id, null);
            await s.RecordViewAsync("CoursePlan", plan.Id, null);
            await s.RecordViewAsync("Room", 1, null);
            return 0;
        }));

        Assert.Equal([patientId, patientId, null], views.Select(v => v.PatientId));
        Assert.All(views, v => Assert.Equal((AuditActions.View, TestUser.DefaultName), (v.Action, v.UserName)));
    }
}
