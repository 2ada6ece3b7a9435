using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Messaging;

/// <summary>
/// A clinic in London open every day 08:00–20:00 with one clinician and one room, the clinic's phone and address set,
/// and patients who agreed to e-mails (or not). Now is Tuesday 10 March 2026, 10:00.
/// </summary>
internal sealed class MailingClinic : IDisposable
{
    public const string Phone = "+44 20 7946 0958";

    private MailingClinic(ClinicTestHost host, string clinicianId, int roomId)
    {
        Host = host;
        ClinicianId = clinicianId;
        RoomId = roomId;
    }

    public ClinicTestHost Host { get; }

    public string ClinicianId { get; }

    public int RoomId { get; }

    public static async Task<MailingClinic> OpenAsync(DateTimeOffset? now = null)
    {
        var host = new ClinicTestHost(now);
        await host.ChangeSettingsAsync(s =>
        {
            s.ClinicName = "Skin Studio";
            s.ClinicPhone = Phone;
            s.ClinicAddress = "1 High Street\nLondon";
            s.ScreeningValidityDays = 365;
        });
        var (clinicianId, roomId) = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "mail@tests.clinic", NormalizedUserName = "MAIL@TESTS.CLINIC", DisplayName = "Dr Post" };
            db.Users.Add(clinician);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = clinician.Id, RoleId = Roles.IdOf(Roles.Clinician) });
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician.Id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) });
            }

            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            await db.OpeningHours.ExecuteUpdateAsync(u => u
                .SetProperty(h => h.IsOpen, true).SetProperty(h => h.Opens, new TimeOnly(8, 0)).SetProperty(h => h.Closes, new TimeOnly(20, 0)));
            await db.SaveChangesAsync();
            return (clinician.Id, room.Id);
        });
        return new MailingClinic(host, clinicianId, roomId);
    }

    /// <summary>A screened patient with a planned, consented course; e-mail address and opt-ins as asked.</summary>
    public async Task<CoursePlan> PatientWithCourseAsync(string firstName = "Anna", bool appointmentEmails = true, bool recallEmails = true, string lastName = "Smith")
    {
        var patientId = await Host.CreateScreenedPatientAsync(firstName, lastName);
        await Host.QueryAsync(db => db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Email, $"{firstName.ToLowerInvariant()}@example.com")
            .SetProperty(p => p.AppointmentEmails, appointmentEmails)
            .SetProperty(p => p.RecallEmails, recallEmails)));
        return await Host.PlanCourseAsync(patientId);
    }

    public Task<ServiceResult<BookingOutcome>> BookAsync(CoursePlan plan, int number, string date, string time) =>
        Host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(x => x.Number == number).Id,
            ClinicianId = ClinicianId,
            RoomId = RoomId,
            Date = DateOnly.Parse(date),
            Time = TimeOnly.Parse(time),
        }));

    public async Task<int> BookedAsync(CoursePlan plan, int number, string date, string time)
    {
        var result = await BookAsync(plan, number, date, time);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!.BookingId!.Value;
    }

    public Task<ServiceResult<BookingOutcome>> MoveAsync(int bookingId, string date, string time) =>
        Host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.MoveAsync(new MoveBookingCommand
        {
            BookingId = bookingId,
            ClinicianId = ClinicianId,
            RoomId = RoomId,
            Date = DateOnly.Parse(date),
            Time = TimeOnly.Parse(time),
        }));

    public Task<ServiceResult> CancelAsync(int bookingId) =>
        Host.RunAsync<BookingService, ServiceResult>(s => s.CancelAsync(new CancelBookingCommand { BookingId = bookingId, Reason = "Patient is unwell" }));

    public Task<List<OutboxMessage>> OutboxAsync() =>
        Host.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>One dispatcher round over real SMTP to <paramref name="port"/>.</summary>
    public Task<int> SendDueAsync(int port, int max = 100)
    {
        Host.Mail.SmtpPort = port;
        return Host.RunAsync<OutboxDispatcher, int>(d => d.SendDueAsync(new SmtpMailTransport(Host.Mail), max, CancellationToken.None));
    }

    public void Dispose() => Host.Dispose();
}
