// The FHIR SDK's POCOs are not annotated for nullable reference types: every property reads as maybe-null.
#nullable disable warnings
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Export;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using R4 = Hl7.Fhir.Model;

namespace MicroNeedling.Clinic.Tests.Export;

/// <summary>
/// A patient's access request: the whole record as a FHIR R4 Bundle that the SDK parses strictly and Firely's validator
/// finds valid against the core R4 definitions, with the statuses mapped as ADR 0022 says; and who may export it.
/// </summary>
public sealed class ExportingAPatientsRecordTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    private sealed record FullRecord(int PatientId, CoursePlan Plan, int ChartedId, int NoShowId, int BookedId, int CancelledId, int NotPerformedId, int ArrivedId, int SevereId);

    /// <summary>
    /// Screened needing clearance and cleared; a course with its consent; sitting 1 checked in today, re-screened and charted;
    /// a no-show and its re-booking, a cancelled, a not-performed and a checked-in booking; a severe and a mild side effect.
    /// </summary>
    private async Task<FullRecord> FullRecordAsync()
    {
        var patientId = await host.CreatePatientAsync("Export", "Patient");
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        await host.ClearAsync(screening.Id);
        var plan = await host.PlanCourseAsync(patientId);
        var ids = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "treating@tests.clinic", NormalizedUserName = "TREATING@TESTS.CLINIC", DisplayName = "Dr Treating" };
            db.Users.Add(clinician);
            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            Booking At(int number, DateTime start, BookingStatus status, string? cancelled = null, string? notPerformed = null) => new()
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
                PatientId = patientId,
                ClinicianId = clinician.Id,
                RoomId = room.Id,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
                Status = status,
                CancellationReason = cancelled,
                NotPerformedReason = notPerformed,
            };
            var bookings = new[]
            {
                At(1, host.UtcNow, BookingStatus.CheckedIn),
                At(2, new DateTime(2026, 4, 7, 10, 0, 0, DateTimeKind.Utc), BookingStatus.NoShow),
                At(2, new DateTime(2026, 4, 14, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked),
                At(3, new DateTime(2026, 4, 21, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Cancelled, cancelled: "Patient away"),
                At(4, new DateTime(2026, 4, 28, 10, 0, 0, DateTimeKind.Utc), BookingStatus.NotPerformed, notPerformed: "Active acne at the re-screen"),
                At(5, new DateTime(2026, 5, 5, 10, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn),
            };
            db.Bookings.AddRange(bookings);
            await db.SaveChangesAsync();
            return bookings.Select(b => b.Id).ToArray();
        });

        var reScreen = await host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(ids[0], Commands.NoToEverything(0)));
        Assert.True(reScreen.Succeeded, string.Join("; ", reScreen.Errors.Select(e => e.Message)));
        host.Clock.Advance(TimeSpan.FromHours(1));
        var chart = await host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(Commands.Chart(ids[0])));
        Assert.True(chart.Succeeded, string.Join("; ", chart.Errors.Select(e => e.Message)));

        var severeId = await host.QueryAsync(async db =>
        {
            var today = DateOnly.FromDateTime(host.UtcNow);
            var severe = new SideEffect
            {
                PatientId = patientId,
                CoursePlanId = plan.Id,
                BookingId = ids[0],
                Kind = SideEffectKind.Infection,
                OnsetDate = today,
                Severity = Severity.Severe,
                Description = "Pustules on the left cheek.",
            };
            db.SideEffects.Add(severe);
            db.SideEffects.Add(new SideEffect
            {
                PatientId = patientId,
                CoursePlanId = plan.Id,
                BookingId = ids[0],
                Kind = SideEffectKind.Redness,
                OnsetDate = today,
                Severity = Severity.Mild,
                Description = "Redness as expected.",
            });
            await db.SaveChangesAsync();
            return severe.Id;
        });
        return new FullRecord(patientId, plan, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], severeId);
    }

    private Task<FhirRecordFile?> FhirAsync(int patientId) => host.RunAsync<PatientRecordExport, FhirRecordFile?>(s => s.FhirAsync(patientId));

    private Task<PatientRecord?> PrintAsync(int patientId) => host.RunAsync<PatientRecordExport, PatientRecord?>(s => s.PrintAsync(patientId));

    private static List<T> All<T>(R4.Bundle bundle)
        where T : R4.Resource => bundle.Entry.Select(e => e.Resource).OfType<T>().ToList();

    /// <summary>Every element under a resource, walked through the SDK's own element enumeration.</summary>
    private static IEnumerable<R4.Base> Descendants(R4.Base parent)
    {
        foreach (var (_, value) in parent.EnumerateElements())
        {
            var children = value switch
            {
                R4.Base one => [one],
                IEnumerable<R4.Base> many => many.ToList(),
                _ => new List<R4.Base>(),
            };
            foreach (var child in children)
            {
                yield return child;
                foreach (var descendant in Descendants(child))
                {
                    yield return descendant;
                }
            }
        }
    }

    private static void AssertValid(R4.Resource resource)
    {
        var errors = FhirR4Validation.Errors(resource);
        Assert.True(errors.Count == 0, $"{resource.TypeName} is not valid FHIR R4:\n" + string.Join("\n", errors));
    }

    private static string FullUrlOf(R4.Bundle bundle, R4.Resource resource) => bundle.Entry.Single(e => ReferenceEquals(e.Resource, resource)).FullUrl;

    private static string IdentifierOf(R4.Resource resource) => resource switch
    {
        R4.Appointment a => a.Identifier.Single().Value,
        R4.Procedure p => p.Identifier.Single().Value,
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    [Fact]
    public async Task The_bundle_parses_strictly_and_every_resource_is_valid_FHIR_R4()
    {
        var record = await FullRecordAsync();

        var file = await FhirAsync(record.PatientId);

        Assert.NotNull(file);
        Assert.Equal($"patient-{record.PatientId}-record.json", file.FileName);
        var bundle = FhirR4Validation.ParseStrict<R4.Bundle>(file.Json);
        Assert.Equal(R4.Bundle.BundleType.Collection, bundle.Type);
        Assert.StartsWith("urn:uuid:", bundle.Identifier.Value);
        Assert.Equal(host.UtcNow, bundle.Timestamp!.Value.UtcDateTime);
        AssertValid(bundle);
        foreach (var entry in bundle.Entry)
        {
            Assert.StartsWith("urn:uuid:", entry.FullUrl);
            AssertValid(entry.Resource);
        }
    }

    [Fact]
    public void The_validator_the_tests_rely_on_does_report_an_invalid_resource()
    {
        // No participant (1..* in R4) and a cancellation reason on a booked appointment (invariant app-4).
        var invalid = new R4.Appointment { Status = R4.Appointment.AppointmentStatus.Booked, CancelationReason = new R4.CodeableConcept { Text = "x" } };

        var errors = FhirR4Validation.Errors(invalid);

        Assert.Contains(errors, e => e.Contains("participant", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(errors, e => e.Contains("app-4", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Each_part_of_the_record_becomes_its_resource_with_the_mapped_status()
    {
        var record = await FullRecordAsync();

        var bundle = FhirR4Validation.ParseStrict<R4.Bundle>((await FhirAsync(record.PatientId))!.Json);

        var patient = Assert.Single(All<R4.Patient>(bundle));
        Assert.Equal(("Patient", "Export"), (patient.Name[0].Family, patient.Name[0].Given.Single()));
        Assert.Equal(2, All<R4.QuestionnaireResponse>(bundle).Count); // the first screening and today's re-screen
        var plan = Assert.Single(All<R4.CarePlan>(bundle));
        Assert.Equal(R4.RequestStatus.Active, plan.Status);
        var appointments = All<R4.Appointment>(bundle).ToDictionary(a => IdentifierOf(a), a => a);
        Assert.Equal(6, appointments.Count);
        Assert.Equal(R4.Appointment.AppointmentStatus.Fulfilled, appointments[$"{record.ChartedId}"].Status);
        Assert.Equal(R4.Appointment.AppointmentStatus.Noshow, appointments[$"{record.NoShowId}"].Status);
        Assert.Equal(R4.Appointment.AppointmentStatus.Booked, appointments[$"{record.BookedId}"].Status);
        Assert.Equal(R4.Appointment.AppointmentStatus.Arrived, appointments[$"{record.ArrivedId}"].Status);
        Assert.Equal((R4.Appointment.AppointmentStatus.Cancelled, "Patient away"),
            (appointments[$"{record.CancelledId}"].Status, appointments[$"{record.CancelledId}"].CancelationReason.Text));
        Assert.Equal((R4.Appointment.AppointmentStatus.Cancelled, "Not performed: Active acne at the re-screen"),
            (appointments[$"{record.NotPerformedId}"].Status, appointments[$"{record.NotPerformedId}"].CancelationReason.Text));
        var procedure = Assert.Single(All<R4.Procedure>(bundle));
        var chartId = await host.QueryAsync(db => db.SittingCharts.Where(c => c.BookingId == record.ChartedId && c.IsCurrent).Select(c => c.Id).SingleAsync());
        Assert.Equal($"{chartId}", IdentifierOf(procedure));
        Assert.Equal(R4.EventStatus.Completed, procedure.Status);
        Assert.Equal("Dr Treating", procedure.Performer.Single().Actor.Display);
        var site = procedure.BodySite.Single();
        Assert.Equal("Cheeks and chin", site.Text);
        var depth = (R4.Quantity)site.Extension.Single(e => e.Url == FhirRecordBundle.NeedleDepthExtension).Value;
        Assert.Equal((0.75m, "mm", "http://unitsofmeasure.org"), (depth.Value, depth.Code, depth.System));
        Assert.Contains(procedure.UsedCode, c => c.Text == "Serum: Hyaluronic serum");
        var consent = Assert.Single(All<R4.Consent>(bundle));
        Assert.Equal((R4.Consent.ConsentState.Active, "treatment"), (consent.Status, consent.Scope.Coding.Single().Code));
        var adverse = Assert.Single(All<R4.AdverseEvent>(bundle)); // the severe infection; the mild redness is in the print only
        Assert.Equal((R4.AdverseEvent.AdverseEventActuality.Actual, $"{record.SevereId}", "severe"),
            (adverse.Actuality, adverse.Identifier.Value, adverse.Severity.Coding.Single().Code));
        Assert.Equal(FullUrlOf(bundle, procedure), adverse.SuspectEntity.Single().Instance.Reference);
    }

    [Fact]
    public async Task Entries_refer_to_each_other_by_their_full_urls_and_the_screenings_answer_the_six_questions()
    {
        var record = await FullRecordAsync();

        var bundle = FhirR4Validation.ParseStrict<R4.Bundle>((await FhirAsync(record.PatientId))!.Json);

        var patientUrl = FullUrlOf(bundle, All<R4.Patient>(bundle).Single());
        var plan = All<R4.CarePlan>(bundle).Single();
        var procedure = All<R4.Procedure>(bundle).Single();
        Assert.Equal(patientUrl, plan.Subject.Reference);
        Assert.All(All<R4.Appointment>(bundle), a => Assert.Equal(patientUrl, a.Participant[0].Actor.Reference));
        var appointmentUrls = All<R4.Appointment>(bundle).Select(a => FullUrlOf(bundle, a)).Order().ToList();
        Assert.Equal(appointmentUrls, plan.Activity.Where(a => a.Reference is not null).Select(a => a.Reference.Reference).Order().ToList());
        Assert.Equal(FullUrlOf(bundle, procedure), plan.Activity.Single(a => a.OutcomeReference.Count > 0).OutcomeReference.Single().Reference);
        Assert.Equal(FullUrlOf(bundle, plan), procedure.BasedOn.Single().Reference);
        Assert.Single(plan.Activity, a => a.Detail?.Description == "Sitting 6 of 6: not booked");

        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        var references = bundle.Entry.SelectMany(e => Descendants(e.Resource)).OfType<R4.ResourceReference>().Where(r => r.Reference is not null).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r.Reference, urls));

        var first = All<R4.QuestionnaireResponse>(bundle).OrderBy(q => q.Authored).First();
        Assert.Equal("https://microneedling.example/fhir/Questionnaire/contraindication-screening", first.Questionnaire);
        Assert.Equal(["eczema", "psoriasis", "active-acne", "open-wounds", "pregnancy", "radiation-therapy"], first.Item.Take(6).Select(i => i.LinkId));
        Assert.Equal("yes", ((R4.Coding)first.Item.Single(i => i.LinkId == "pregnancy").Answer.Single().Value).Code);
        Assert.Equal("clearancerequired", ((R4.Coding)first.Item.Single(i => i.LinkId == "outcome").Answer.Single().Value).Code);
        Assert.Equal("Dr Priya Patel", ((R4.FhirString)first.Item.Single(i => i.LinkId == "clearance").Item.Single(i => i.LinkId == "clearance-doctor").Answer.Single().Value).Value);
    }

    [Fact]
    public async Task A_withdrawn_consent_and_a_cancelled_course_are_exported_as_inactive_and_revoked()
    {
        var record = await FullRecordAsync();
        var consentId = await host.QueryAsync(db => db.PatientConsents.Where(c => c.PatientId == record.PatientId).Select(c => c.Id).SingleAsync());
        var withdrawn = await host.RunAsync<ConsentService, ServiceResult>(s => s.WithdrawAsync(new WithdrawConsentCommand { ConsentId = consentId, Reason = "Patient phoned to withdraw." }));
        Assert.True(withdrawn.Succeeded, string.Join("; ", withdrawn.Errors.Select(e => e.Message)));
        await host.QueryAsync(db => db.CoursePlans.Where(c => c.Id == record.Plan.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Status, PlanStatus.Cancelled).SetProperty(c => c.CancellationReason, "Infection").SetProperty(c => c.CancelledAtUtc, host.UtcNow)));

        var bundle = FhirR4Validation.ParseStrict<R4.Bundle>((await FhirAsync(record.PatientId))!.Json);

        Assert.Equal(R4.Consent.ConsentState.Inactive, All<R4.Consent>(bundle).Single().Status);
        Assert.Equal(R4.RequestStatus.Revoked, All<R4.CarePlan>(bundle).Single().Status);
        AssertValid(bundle);
    }

    [Fact]
    public async Task Every_export_writes_an_export_entry_on_the_patient_naming_the_format()
    {
        var record = await FullRecordAsync();

        var print = await PrintAsync(record.PatientId);
        await FhirAsync(record.PatientId);

        Assert.NotNull(print);
        var entries = await host.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.Export).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [(TestUser.DefaultName, "Patient", $"{record.PatientId}", (int?)record.PatientId, "Print"), (TestUser.DefaultName, "Patient", $"{record.PatientId}", record.PatientId, "Fhir")],
            entries.Select(e => (e.UserName, e.EntityType, e.EntityId, e.PatientId, e.ChangedFields)));
        Assert.True((await host.RunAsync<AuditService, ChainVerification>(s => s.VerifyChainAsync())).IsIntact);
    }

    [Fact]
    public async Task The_print_has_the_whole_record_loaded_once_in_order()
    {
        var record = await FullRecordAsync();

        var print = (await PrintAsync(record.PatientId))!;

        Assert.Equal(2, print.Screenings.Count);
        Assert.NotNull(print.Screenings[0].Clearance);
        Assert.Equal(record.Plan.Id, Assert.Single(print.Courses).Id);
        Assert.Equal(6, print.Bookings.Count);
        Assert.Equal(record.ChartedId, print.Bookings[0].Id);
        Assert.Equal("Dr Treating", print.Bookings[0].ClinicianName);
        Assert.Equal(record.ChartedId, Assert.Single(print.Charts).BookingId);
        Assert.Equal(2, print.SideEffects.Count);
        Assert.Single(print.Consents);
    }

    [Fact]
    public async Task Front_desk_and_a_clinician_who_does_not_treat_the_patient_cannot_export_and_nothing_is_audited()
    {
        var record = await FullRecordAsync();

        host.User.Roles.Clear();
        host.User.Roles.Add(Roles.FrontDesk);
        host.User.UserName = "frontdesk@tests.clinic";
        host.User.UserId = "front-desk";
        var byFrontDesk = await FhirAsync(record.PatientId);
        host.User.Roles.Clear();
        host.User.Roles.Add(Roles.Clinician);
        host.User.UserName = "clinician.two@tests.clinic";
        host.User.UserId = "test-clinician-two";
        var byOtherClinician = await FhirAsync(record.PatientId);
        var printByOtherClinician = await PrintAsync(record.PatientId);

        Assert.Null(byFrontDesk);
        Assert.Null(byOtherClinician);
        Assert.Null(printByOtherClinician);
        Assert.Equal(0, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Export)));
    }

    [Fact]
    public async Task An_admin_and_each_kind_of_treating_clinician_may_export()
    {
        var record = await FullRecordAsync();
        var bookingClinician = await host.QueryAsync(db => db.Users.Where(u => u.UserName == "treating@tests.clinic").Select(u => u.Id).SingleAsync());

        var byScreener = await MayExportAsAsync(Roles.Clinician, TestUser.DefaultName, "test-clinician-one", record.PatientId);
        var byBookingClinician = await MayExportAsAsync(Roles.Clinician, "treating@tests.clinic", bookingClinician, record.PatientId);
        var byAdmin = await MayExportAsAsync(Roles.Admin, "admin@tests.clinic", "admin", record.PatientId);
        var byStranger = await MayExportAsAsync(Roles.Clinician, "stranger@tests.clinic", "stranger", record.PatientId);
        var missing = await MayExportAsAsync(Roles.Admin, "admin@tests.clinic", "admin", 987654);

        Assert.Equal((true, true, true, false, false), (byScreener, byBookingClinician, byAdmin, byStranger, missing));
    }

    [Fact]
    public async Task A_treating_clinician_cannot_export_a_record_restricted_to_another_clinician()
    {
        var record = await FullRecordAsync();
        await host.QueryAsync(db => db.Patients.Where(p => p.Id == record.PatientId).ExecuteUpdateAsync(u => u.SetProperty(p => p.RestrictedToStaffId, "someone-else")));

        var byScreener = await MayExportAsAsync(Roles.Clinician, TestUser.DefaultName, "test-clinician-one", record.PatientId);
        var byOwner = await MayExportAsAsync(Roles.Clinician, "owner@tests.clinic", "someone-else", record.PatientId);

        Assert.Equal((false, true), (byScreener, byOwner));
    }

    private async Task<bool> MayExportAsAsync(string role, string userName, string userId, int patientId)
    {
        host.User.Roles.Clear();
        host.User.Roles.Add(role);
        host.User.UserName = userName;
        host.User.UserId = userId;
        return await host.RunAsync<PatientRecordExport, bool>(s => s.MayExportAsync(patientId));
    }
}
