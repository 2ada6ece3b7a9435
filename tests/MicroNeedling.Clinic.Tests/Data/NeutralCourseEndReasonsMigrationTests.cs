using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MicroNeedling.Clinic.Tests.Data;

/// <summary>
/// Bookings ended by a course cancel before issue 15 carry the clinician's reason ("Course cancelled: …") in their reason
/// and history; the NeutralCourseEndReasons migration rewrites exactly those to the neutral wording front desk may read.
/// </summary>
public sealed class NeutralCourseEndReasonsMigrationTests : IDisposable
{
    private const string OldStyle = "Course cancelled: new pregnancy";

    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Reasons_copied_from_a_course_cancel_are_rewritten_and_other_reasons_kept()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        var (cancelledId, notPerformedId, ownReasonId) = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "c@tests.clinic", DisplayName = "Dr Reason" };
            db.Users.Add(clinician);
            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            Booking Ended(int number, BookingStatus status, BookingEventKind kind, string reason)
            {
                var start = new DateTime(2026, 3, 10 + number, 9, 0, 0, DateTimeKind.Utc);
                var booking = new Booking
                {
                    PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
                    PatientId = patientId,
                    ClinicianId = clinician.Id,
                    RoomId = room.Id,
                    Status = status,
                    StartUtc = start,
                    NeedlingStartUtc = start.AddMinutes(30),
                    EndUtc = start.AddMinutes(60),
                    CancellationReason = status == BookingStatus.Cancelled ? reason : null,
                    NotPerformedReason = status == BookingStatus.NotPerformed ? reason : null,
                };
                booking.History.Add(new BookingEvent { Kind = kind, FromStartUtc = start, Reason = reason });
                db.Bookings.Add(booking);
                return booking;
            }

            var bookings = (Ended(1, BookingStatus.Cancelled, BookingEventKind.Cancelled, OldStyle),
                Ended(2, BookingStatus.NotPerformed, BookingEventKind.NotPerformed, OldStyle),
                Ended(3, BookingStatus.Cancelled, BookingEventKind.Cancelled, "The patient is on holiday."));
            await db.SaveChangesAsync();
            return (bookings.Item1.Id, bookings.Item2.Id, bookings.Item3.Id);
        });

        // Back to the migration before it and forward again: its Up runs over the old-style rows.
        await host.QueryAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("AuditHeadRecord");
            await migrator.MigrateAsync();
            return 0;
        });

        var stored = await host.QueryAsync(db => db.Bookings.AsNoTracking().Include(b => b.History).OrderBy(b => b.Id).ToListAsync());
        var cancelled = stored.Single(b => b.Id == cancelledId);
        var notPerformed = stored.Single(b => b.Id == notPerformedId);
        var ownReason = stored.Single(b => b.Id == ownReasonId);
        Assert.Equal(PlanService.EndedByAClinician, cancelled.CancellationReason);
        Assert.Equal(PlanService.EndedByAClinician, notPerformed.NotPerformedReason);
        Assert.All(cancelled.History.Concat(notPerformed.History), e => Assert.Equal(PlanService.EndedByAClinician, e.Reason));
        Assert.Equal("The patient is on holiday.", ownReason.CancellationReason);
        Assert.Equal("The patient is on holiday.", Assert.Single(ownReason.History).Reason);
    }
}
