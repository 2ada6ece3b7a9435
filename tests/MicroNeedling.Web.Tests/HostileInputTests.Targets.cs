using System.Globalization;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>The data each form needs, and how each form is put back after a post uses it up.</summary>
public sealed partial class HostileInputTests
{
    private const string StrongPassword = "hostile corpus battery staple";

    /// <summary>The forms about patients (run side by side) and the forms that change the clinic's set-up (run after, alone).</summary>
    private async Task<(List<FormTarget> PatientForms, List<FormTarget> SetupForms)> SetUpTargetsAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var otherClinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        string Unique() => ClinicAppFactory.UniqueName();

        // Today's sittings, one per form that needs a booking in a given state.
        var checkIn = await BookAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, Today, new TimeOnly(10, 0));
        // A no-show can only be marked after the start: this one began at 08:00, an hour before the test clock.
        var noShow = await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        // A no-show of this morning, to put back to booked (its own clinician and room, so the slot is free).
        var undoNoShow = await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, otherClinician, await app.CreateRoomAsync(), new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.NoShow);
        var notPerformed = await CheckedInAsync(await BookAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, Today, new TimeOnly(12, 0)));
        var reScreen = await CheckedInAsync(await BookAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, Today, new TimeOnly(13, 0)));
        var chart = await CheckedInAsync(await BookAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, Today, new TimeOnly(14, 0)));
        await app.ReScreenSuitableAsync(chart);

        // Later sittings to move, cancel and book; in the mornings, while the whole-course booking asks for afternoons.
        var movePlan = await app.CreateBookablePatientAsync();
        var move = await BookAsync(movePlan, 1, clinician, room, Today.AddDays(1), new TimeOnly(10, 0));
        var cancelPlan = await app.CreateBookablePatientAsync();
        var cancel = await BookAsync(cancelPlan, 1, clinician, room, Today.AddDays(1), new TimeOnly(11, 0));
        var bookPlan = await app.CreateBookablePatientAsync();
        var courseplan = await app.CreateBookablePatientAsync();

        var editPatient = await app.CreatePatientAsync();
        var screenPatient = await app.CreatePatientAsync();
        var planPatient = await app.CreatePatientAsync();
        await app.ScreenAsync(planPatient);
        var pregnantPatient = await app.CreatePatientAsync();
        var needsClearance = await app.ScreenAsync(pregnantPatient, pregnancy: PregnancyAnswer.Yes);
        var cancelCourse = await app.CreateBookablePatientAsync();
        var sideEffectPlan = await app.CreateBookablePatientAsync();
        var reviewPlan = await app.CreateBookablePatientAsync();
        var sideEffect = await app.GetAsync(sp => sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = reviewPlan.PatientId,
            Kind = SideEffectKind.Infection,
            Severity = Severity.Moderate,
            OnsetDate = Today,
            Description = "Pustules on the left cheek",
        }));
        var sideEffectId = sideEffect.Value?.Id ?? throw new InvalidOperationException(string.Join("; ", sideEffect.Errors.Select(e => e.Message)));

        var toggled = await app.EnsureUserAsync(Roles.FrontDesk, $"{Unique().ToLowerInvariant()}@tests.clinic");
        var toggledId = await WithDbAsync(db => db.Users.Where(u => u.Email == toggled).Select(u => u.Id).SingleAsync());
        var signIn = await app.EnsureUserAsync(Roles.FrontDesk, $"{Unique().ToLowerInvariant()}@tests.clinic");
        var timeOffId = await WithDbAsync(async db =>
        {
            var off = new TimeOff { ClinicianId = otherClinician, From = new DateOnly(2026, 9, 1), To = new DateOnly(2026, 9, 2), Reason = "Leave" };
            db.TimeOff.Add(off);
            await db.SaveChangesAsync();
            return off.Id;
        });
        var closedDayId = await WithDbAsync(async db =>
        {
            var day = new ClosedDay { Date = new DateOnly(2027, 12, 27), Reason = "Holiday" };
            db.ClosedDays.Add(day);
            await db.SaveChangesAsync();
            return day.Id;
        });
        var setupRoom = await app.CreateRoomAsync();
        var consentPatient = await app.CreatePatientAsync();
        await app.ScreenAsync(consentPatient);
        var consentPlan = await app.PlanCourseAsync(consentPatient, signConsent: false);
        var withdrawPlan = await app.CreateBookablePatientAsync();
        var withdrawConsent = await WithDbAsync(db => db.PatientConsents.Where(c => c.CoursePlanId == withdrawPlan.Id).Select(c => c.Id).SingleAsync());
        Task<int> NewDraftAsync() => app.GetAsync(async sp => (await sp.GetRequiredService<Clinic.Consent.ConsentTemplateService>().StartDraftAsync()).Id);

        Dictionary<string, Func<string>> Answers() => new()
        {
            ["Input.Eczema"] = () => "false",
            ["Input.Psoriasis"] = () => "false",
            ["Input.ActiveAcne"] = () => "false",
            ["Input.OpenWounds"] = () => "false",
            ["Input.Pregnancy"] = () => "No",
            ["Input.RadiationTherapy"] = () => "false",
        };

        List<FormTarget> patientForms =
        [
            new(Roles.FrontDesk, "/Patients/Create")
            {
                TextHeavy = true,
                Defaults = new()
                {
                    ["Input.FirstName"] = () => "Hostile", ["Input.LastName"] = Unique, ["Input.DateOfBirth"] = () => "1990-05-17",
                    ["Input.Phone"] = () => "+44 20 7946 0958", ["Input.Concerns"] = () => "Scars", ["Input.TreatmentAreas"] = () => "Face",
                    ["Input.ConfirmDuplicate"] = () => "true",
                },
            },
            new(Roles.FrontDesk, $"/Patients/Edit/{editPatient}") { Defaults = new() { ["Input.ConfirmDuplicate"] = () => "true" } },
            new(Roles.Clinician, $"/Screening/Create?patientId={screenPatient}") { Defaults = Answers() },
            new(Roles.Clinician, $"/Screening/Clearance/{needsClearance}")
            {
                Defaults = new() { ["Input.DoctorName"] = () => "Dr Amal Haddad", ["Input.ClearedOn"] = () => "2026-03-09" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.DoctorClearances.Where(c => c.ScreeningId == needsClearance).ExecuteDeleteAsync());
                    return null;
                },
            },
            new(Roles.Clinician, $"/Plans/Create?patientId={planPatient}")
            {
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.CoursePlans.Where(p => p.PatientId == planPatient)
                        .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PlanStatus.Cancelled)));
                    return null;
                },
            },
            new(Roles.Clinician, $"/Plans/Cancel/{cancelCourse.Id}")
            {
                Defaults = new() { ["Input.Reason"] = () => "Patient moved away" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.CoursePlans.Where(p => p.Id == cancelCourse.Id)
                        .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PlanStatus.Active)));
                    return null;
                },
            },
            new(Roles.FrontDesk, $"/Plans/BookCourse/{courseplan.Id}?propose=1&timeOfDay=Afternoon&clinicianId={otherClinician}")
            {
                Defaults = new() { ["Input.ConfirmLongInterval"] = () => "true" },
                StoredRows = () => WithDbAsync(db => db.Bookings.CountAsync(b => b.PatientId == courseplan.PatientId)),
                AfterAccepted = async _ =>
                {
                    await DeleteBookingsAsync(courseplan.Id);
                    return null;
                },
            },
            new(Roles.FrontDesk, $"/Bookings/Create?sittingId={bookPlan.Sittings.Single(s => s.Number == 1).Id}&date=2026-03-12&time=10:00&clinicianId={clinician}&roomId={room}")
            {
                AfterAccepted = async _ =>
                {
                    await DeleteBookingsAsync(bookPlan.Id);
                    return null;
                },
            },
            new(Roles.FrontDesk, $"/Bookings/Move/{move}")
            {
                Defaults = new() { ["Input.Date"] = () => "2026-03-12", ["Input.Time"] = () => "11:00", ["Input.ConfirmLongInterval"] = () => "true" },
                AfterAccepted = async _ =>
                {
                    var back = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().MoveAsync(new MoveBookingCommand
                    {
                        BookingId = move, ClinicianId = clinician, RoomId = room, Date = Today.AddDays(1), Time = new TimeOnly(10, 0), ConfirmLongInterval = true,
                    }));
                    return back.Succeeded ? null : throw new InvalidOperationException(string.Join("; ", back.Errors.Select(e => e.Message)));
                },
            },
            new(Roles.FrontDesk, $"/Bookings/Cancel/{cancel}")
            {
                Defaults = new() { ["Input.Reason"] = () => "Unwell" },
                AfterAccepted = async _ =>
                {
                    var again = await BookAsync(cancelPlan, 1, clinician, room, Today.AddDays(1), new TimeOnly(11, 0));
                    return $"/Bookings/Cancel/{again}";
                },
            },
            new(Roles.FrontDesk, $"/Bookings/Details/{checkIn}") { Handler = "CheckIn" },
            new(Roles.FrontDesk, $"/Bookings/Details/{noShow}") { Handler = "NoShow", Defaults = new() { ["confirm"] = () => "true" } },
            new(Roles.FrontDesk, $"/Bookings/Details/{undoNoShow}") { Handler = "UndoNoShow" },
            new(Roles.Clinician, $"/Bookings/Details/{notPerformed}")
            {
                Handler = "NotPerformed",
                Defaults = new() { ["notPerformedReason"] = () => "Patient felt faint" },
                AfterAccepted = async _ =>
                {
                    await ResetToCheckedInAsync(notPerformed);
                    return null;
                },
            },
            new(Roles.Clinician, $"/Sittings/ReScreen/{reScreen}")
            {
                Defaults = Answers(),
                AfterAccepted = async _ =>
                {
                    await ResetToCheckedInAsync(reScreen);
                    return null;
                },
            },
            new(Roles.Clinician, $"/Sittings/Chart/{chart}")
            {
                Defaults = new()
                {
                    ["Input.NumbingProduct"] = () => "Lidocaine 5% cream", ["Input.NumbingApplied"] = () => "08:00", ["Input.NumbingRemoved"] = () => "08:30",
                    ["Input.Device"] = () => "Pen A6", ["Input.CartridgeLot"] = () => "LOT-2026-031", ["Input.Areas[0].Area"] = () => nameof(NeedlingArea.CheeksAndChin),
                    ["Input.Areas[0].DepthMm"] = () => "0.75", ["Input.Areas[0].Passes"] = () => "3", ["Input.SerumProduct"] = () => "Hyaluronic acid serum",
                    ["Input.ProcedureStart"] = () => "08:30", ["Input.ProcedureEnd"] = () => "08:45", ["Input.Reaction"] = () => nameof(ImmediateReaction.Redness),
                    ["Input.ConfirmWarnings"] = () => "true",
                },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(async db =>
                    {
                        await db.ChartAreas.Where(a => db.SittingCharts.Any(c => c.Id == a.SittingChartId && c.BookingId == chart)).ExecuteDeleteAsync();
                        return await db.SittingCharts.Where(c => c.BookingId == chart).ExecuteDeleteAsync();
                    });
                    await ResetToCheckedInAsync(chart);
                    return null;
                },
            },
            new(Roles.FrontDesk, $"/SideEffects/Create?patientId={sideEffectPlan.PatientId}")
            {
                Defaults = new()
                {
                    ["Input.Kind"] = () => ((int)SideEffectKind.Redness).ToString(CultureInfo.InvariantCulture),
                    ["Input.Severity"] = () => ((int)Severity.Mild).ToString(CultureInfo.InvariantCulture),
                    ["Input.OnsetDate"] = () => "2026-03-09", ["Input.Description"] = () => "Redness on both cheeks",
                },
            },
            new(Roles.Clinician, $"/SideEffects/Review/{sideEffectId}")
            {
                Defaults = new() { ["Input.Outcome"] = () => nameof(ReviewOutcome.ContinueCourse), ["Input.Note"] = () => "Antibiotics started" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.SideEffects.Where(e => e.Id == sideEffectId).ExecuteUpdateAsync(e => e
                        .SetProperty(x => x.ReviewedAtUtc, (DateTime?)null).SetProperty(x => x.ReviewedBy, (string?)null)
                        .SetProperty(x => x.ReviewOutcome, (ReviewOutcome?)null).SetProperty(x => x.ReviewNote, (string?)null)
                        .SetProperty(x => x.ResolvedOn, (DateOnly?)null)));
                    return null;
                },
            },
            new(Roles.Clinician, $"/Consent/Sign/{consentPlan.Id}")
            {
                Defaults = new()
                {
                    ["Input.ReadAndDisclosed"] = () => "true", ["Input.PatientSignature"] = TestSignatures.Handwritten,
                    ["Input.ClinicianSignature"] = TestSignatures.Handwritten,
                },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.PatientConsents.Where(c => c.CoursePlanId == consentPlan.Id).ExecuteDeleteAsync());
                    return null;
                },
            },
            new(Roles.Clinician, $"/Consent/Withdraw/{withdrawConsent}")
            {
                Defaults = new() { ["Input.Reason"] = () => "Phoned reception to stop the course" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.PatientConsents.Where(c => c.Id == withdrawConsent).ExecuteUpdateAsync(c => c
                        .SetProperty(x => x.WithdrawnAtUtc, (DateTime?)null).SetProperty(x => x.WithdrawnBy, (string?)null)
                        .SetProperty(x => x.WithdrawalReason, (string?)null)));
                    return null;
                },
            },
            // Without a file a photo or a document is always refused; the file itself is fuzzed by the upload tests.
            new(Roles.Clinician, $"/Photos/Sitting/{chart}")
            {
                MustRefuse = true,
                Defaults = new() { ["Input.Area"] = () => nameof(NeedlingArea.CheeksAndChin), ["Input.View"] = () => "Front" },
            },
            new(Roles.Clinician, $"/Documents/Patient/{editPatient}")
            {
                MustRefuse = true,
                Defaults = new() { ["Input.Kind"] = () => "OutsideReport", ["Input.Title"] = () => "Dermatology report" },
            },
            new(Roles.Admin, "/Admin/Staff/Create")
            {
                Defaults = new()
                {
                    ["Input.DisplayName"] = () => "Hostile Staff", ["Input.Email"] = () => $"{Unique().ToLowerInvariant()}@tests.clinic",
                    ["Input.Role"] = () => Roles.FrontDesk, ["Input.Password"] = () => StrongPassword,
                },
            },
            new(Roles.Admin, "/Admin/Staff") { RowValue = toggledId, AfterAccepted = _ => Task.FromResult<string?>("/Admin/Staff") },
            new(Roles.Admin, "/Admin/Rooms") { Defaults = new() { ["Input.Name"] = Unique } },
            new(Roles.Admin, $"/Admin/Clinicians/Hours/{clinician}"),
            new(Roles.Admin, $"/Admin/Clinicians/Hours/{clinician}")
            {
                Handler = "AddTimeOff",
                Defaults = new() { ["NewTimeOff.From"] = () => "2026-11-02", ["NewTimeOff.To"] = () => "2026-11-03" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.TimeOff.Where(t => t.ClinicianId == clinician).ExecuteDeleteAsync());
                    return null;
                },
            },
            new("", "/Account/Login")
            {
                IsSignIn = true,
                Defaults = new() { ["Input.Email"] = () => signIn, ["Input.Password"] = () => "not the password" },
            },
        ];

        patientForms.AddRange(await AccessAndAccountTargetsAsync(otherClinician));
        patientForms.AddRange(await MessagingTargetsAsync());

        List<FormTarget> setupForms =
        [
            new(Roles.Admin, "/Admin/Settings"),
            new(Roles.Admin, "/Admin/OpeningHours"),
            new(Roles.Admin, "/Admin/OpeningHours")
            {
                Handler = "AddClosedDay",
                Defaults = new() { ["ClosedDay.Date"] = () => "2027-12-28", ["ClosedDay.Reason"] = () => "Holiday" },
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.ClosedDays.Where(d => d.Id != closedDayId && d.Date >= new DateOnly(2027, 12, 28)).ExecuteDeleteAsync());
                    return null;
                },
            },
            new(Roles.Admin, "/Admin/OpeningHours") { RowValue = closedDayId.ToString(CultureInfo.InvariantCulture), Handler = "RemoveClosedDay" },
            new(Roles.Admin, $"/Admin/Clinicians/Hours/{otherClinician}") { RowValue = timeOffId.ToString(CultureInfo.InvariantCulture), Handler = "RemoveTimeOff" },
            new(Roles.Admin, $"/Admin/Rooms?rename={setupRoom}") { Handler = "Rename", Defaults = new() { ["Rename.Name"] = Unique } },
            new(Roles.Admin, "/Admin/Rooms") { RowValue = setupRoom.ToString(CultureInfo.InvariantCulture), AfterAccepted = _ => Task.FromResult<string?>("/Admin/Rooms") },
            new(Roles.Admin, "/Admin/DepthRanges"),
            new(Roles.Admin, "/Admin/Consent") { AfterAccepted = _ => Task.FromResult<string?>("/Admin/Consent") },
            new(Roles.Admin, $"/Admin/Consent/Edit/{await NewDraftAsync()}") { TextHeavy = true },
        ];

        return (patientForms, setupForms);
    }

    private async Task<int> BookAsync(CoursePlan plan, int number, string clinicianId, int roomId, DateOnly date, TimeOnly time)
    {
        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == number).Id,
            ClinicianId = clinicianId,
            RoomId = roomId,
            Date = date,
            Time = time,
            ConfirmLongInterval = true,
        }));
        return booked.Value?.BookingId ?? throw new InvalidOperationException(string.Join("; ", booked.Errors.Select(e => e.Message)));
    }

    private async Task<int> CheckedInAsync(int bookingId)
    {
        var result = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().CheckInAsync(bookingId));
        return result.Succeeded ? bookingId : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private Task<int> ResetToCheckedInAsync(int bookingId) =>
        WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.CheckedIn).SetProperty(x => x.NotPerformedReason, (string?)null)));

    private Task<int> DeleteBookingsAsync(int planId) =>
        WithDbAsync(async db =>
        {
            var ids = await db.Bookings.Where(b => db.PlannedSittings.Any(s => s.Id == b.PlannedSittingId && s.CoursePlanId == planId)).Select(b => b.Id).ToListAsync();
            await db.BookingEvents.Where(e => ids.Contains(e.BookingId)).ExecuteDeleteAsync();
            return await db.Bookings.Where(b => ids.Contains(b.Id)).ExecuteDeleteAsync();
        });

    private Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> work) =>
        app.GetAsync(sp => work(sp.GetRequiredService<ClinicDbContext>()));

    /// <summary>The set-up tables and the rooms' names and states, as they are before the set-up forms run.</summary>
    private async Task<Dictionary<string, List<object?[]>>> SaveTablesAsync()
    {
        var saved = new Dictionary<string, List<object?[]>>();
        await using var connection = app.CreateRawConnection();
        await connection.OpenAsync();
        foreach (var table in SetupTables.Append("Rooms"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "Rooms" ? "SELECT \"Id\", \"Name\", \"IsActive\" FROM \"Rooms\"" : $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<object?[]> { Enumerable.Range(0, reader.FieldCount).Select(i => (object?)reader.GetName(i)).ToArray() };
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
            }

            saved[table] = rows;
        }

        return saved;
    }

    private async Task RestoreTablesAsync(Dictionary<string, List<object?[]>> saved)
    {
        await using var connection = app.CreateRawConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (table, rows) in saved)
        {
            var columns = rows[0].Cast<string>().ToArray();
            if (table != "Rooms")
            {
                await using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = $"DELETE FROM \"{table}\"";
                await delete.ExecuteNonQueryAsync();
            }

            foreach (var row in rows.Skip(1))
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = table == "Rooms"
                    ? "UPDATE \"Rooms\" SET \"Name\" = @p1, \"IsActive\" = @p2 WHERE \"Id\" = @p0"
                    : $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < row.Length; i++)
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = row[i] ?? DBNull.Value;
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }
}
