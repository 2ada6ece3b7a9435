using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;

namespace MicroNeedling.Clinic.Tests.Consent;

/// <summary>
/// A course planned without its consent: sitting 1 checked in today at 14:00 (the patient was screened today, so the
/// needling waits only for the consent) and sitting 2 booked four weeks later.
/// </summary>
internal sealed record ConsentCourse(ClinicTestHost Host, int PatientId, CoursePlan Plan, int CheckedInId, int BookedId)
{
    public static async Task<ConsentCourse> CreateAsync()
    {
        var host = new ClinicTestHost();
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId, signConsent: false);
        var (checkedIn, booked) = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = $"c{Guid.NewGuid():N}@tests.clinic", DisplayName = "Dr Consent" };
            db.Users.Add(clinician);
            var room = new Room { Name = "Room C" };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            Booking At(int number, DateTime start, BookingStatus status) => new()
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
                PatientId = patientId,
                ClinicianId = clinician.Id,
                RoomId = room.Id,
                Status = status,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
            };
            var today = At(1, new DateTime(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
            var later = At(2, new DateTime(2026, 4, 7, 14, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
            db.Bookings.AddRange(today, later);
            await db.SaveChangesAsync();
            return (today.Id, later.Id);
        });
        return new ConsentCourse(host, patientId, plan, checkedIn, booked);
    }
}
