using System.Globalization;
using Hl7.Fhir.Serialization;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using FhirModel = Hl7.Fhir.Model;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Export;

/// <summary>
/// The record as a FHIR R4 Bundle of type "collection", mapped as docs/domain.md "Interoperability" says (ADR 0022 gives the
/// choices): Patient; an Appointment per booking; a CarePlan per course; a QuestionnaireResponse per screening; a Consent per
/// signed consent; a Procedure per charted sitting; an AdverseEvent per severe side effect. Every entry has a
/// <c>urn:uuid:</c> full URL made for this export, and entries refer to each other by it. Clinicians appear by name only
/// (a display-only reference): the clinic keeps no Practitioner records worth exporting.
/// </summary>
public static class FhirRecordBundle
{
    /// <summary>The clinic's own namespace for the identifiers, code systems and definitions below.</summary>
    public const string Base = "https://microneedling.example/fhir";

    /// <summary>The canonical URL of the contraindication screening (the six questions) each QuestionnaireResponse answers.</summary>
    public const string ScreeningQuestionnaire = Base + "/Questionnaire/contraindication-screening";

    /// <summary>On a Procedure's body site: the needle depth used on that area, in millimetres (UCUM "mm").</summary>
    public const string NeedleDepthExtension = Base + "/StructureDefinition/needle-depth";

    /// <summary>On a Procedure's body site: how many passes were made over that area.</summary>
    public const string NeedlePassesExtension = Base + "/StructureDefinition/needle-passes";

    public const string ScreeningOutcomeSystem = Base + "/CodeSystem/screening-outcome";

    public const string PregnancyAnswerSystem = Base + "/CodeSystem/pregnancy-answer";

    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>The pretty JSON of the Bundle, written by the SDK's serializer.</summary>
    public static string ToJson(FhirModel.Bundle bundle) => new FhirJsonSerializer().SerializeToString(bundle, pretty: true);

    public static FhirModel.Bundle Build(PatientRecord record) => new Builder(record).Build();

    /// <summary>Which side effects become an AdverseEvent: those recorded as severe, and the kinds that need a clinician at once.</summary>
    public static bool IsAdverseEvent(SideEffect effect) => effect.Severity == Severity.Severe || SideEffect.IsSevereKind(effect.Kind);

    /// <summary>The appointment status of a booking. A sitting stopped at check-in is "cancelled" with its reason (ADR 0022).</summary>
    public static FhirModel.Appointment.AppointmentStatus AppointmentStatus(BookingStatus status) => status switch
    {
        BookingStatus.Booked => FhirModel.Appointment.AppointmentStatus.Booked,
        BookingStatus.CheckedIn => FhirModel.Appointment.AppointmentStatus.Arrived,
        BookingStatus.Completed => FhirModel.Appointment.AppointmentStatus.Fulfilled,
        BookingStatus.NoShow => FhirModel.Appointment.AppointmentStatus.Noshow,
        BookingStatus.Cancelled or BookingStatus.NotPerformed => FhirModel.Appointment.AppointmentStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static FhirModel.RequestStatus CarePlanStatus(PlanStatus status) => status switch
    {
        PlanStatus.Active => FhirModel.RequestStatus.Active,
        PlanStatus.Completed => FhirModel.RequestStatus.Completed,
        PlanStatus.Cancelled => FhirModel.RequestStatus.Revoked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private sealed class Builder(PatientRecord record)
    {
        private readonly Dictionary<(string Type, int Id), string> urls = [];
        private readonly FhirModel.Bundle bundle = new()
        {
            Type = FhirModel.Bundle.BundleType.Collection,
            Identifier = new FhirModel.Identifier("urn:ietf:rfc:3986", NewUrl()),
            Timestamp = new DateTimeOffset(record.ExportedAtUtc, TimeSpan.Zero),
        };

        private FhirModel.ResourceReference PatientRef => Ref("Patient", record.Patient.Id, record.Patient.FullName);

        public FhirModel.Bundle Build()
        {
            // Full URLs first, so that any entry can refer to any other whatever the order they are written in.
            Url("Patient", record.Patient.Id);
            record.Screenings.ToList().ForEach(s => Url("QuestionnaireResponse", s.Id));
            record.Courses.ToList().ForEach(c => Url("CarePlan", c.Id));
            record.Bookings.ToList().ForEach(b => Url("Appointment", b.Id));
            record.Charts.Where(IsProcedure).ToList().ForEach(c => Url("Procedure", c.BookingId));

            Add("Patient", record.Patient.Id, Patient());
            record.Screenings.ToList().ForEach(s => Add("QuestionnaireResponse", s.Id, Screening(s)));
            record.Courses.ToList().ForEach(c => Add("CarePlan", c.Id, CarePlan(c)));
            record.Bookings.ToList().ForEach(b => Add("Appointment", b.Id, Appointment(b)));
            record.Charts.Where(IsProcedure).ToList().ForEach(c => Add("Procedure", c.BookingId, Procedure(c)));
            record.Consents.ToList().ForEach(c => Add("Consent", c.Id, Consent(c)));
            record.SideEffects.Where(IsAdverseEvent).ToList().ForEach(e => Add("AdverseEvent", e.Id, AdverseEvent(e)));
            return bundle;
        }

        private bool IsProcedure(RecordChart chart) =>
            record.Bookings.Any(b => b.Id == chart.BookingId && b.Status == BookingStatus.Completed);

        private static string NewUrl() => "urn:uuid:" + Guid.NewGuid().ToString("D");

        private string Url(string type, int id)
        {
            if (!urls.TryGetValue((type, id), out var url))
            {
                url = NewUrl();
                urls[(type, id)] = url;
            }

            return url;
        }

        private FhirModel.ResourceReference Ref(string type, int id, string? display = null) => new(Url(type, id), display);

        private FhirModel.ResourceReference? RefIfExported(string type, int id) => urls.ContainsKey((type, id)) ? Ref(type, id) : null;

        private void Add(string type, int id, FhirModel.Resource resource) =>
            bundle.Entry.Add(new FhirModel.Bundle.EntryComponent { FullUrl = Url(type, id), Resource = resource });

        private static FhirModel.Identifier Id(string kind, int id) => new($"{Base}/identifier/{kind}", id.ToString(CultureInfo.InvariantCulture));

        private static string Instant(DateTime utc) => new FhirModel.FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).Value!;

        private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static FhirModel.CodeableConcept Text(string text) => new() { Text = text };

        private static FhirModel.ResourceReference Person(string name) => new() { Display = name };

        private FhirModel.Patient Patient()
        {
            var p = record.Patient;
            var patient = new FhirModel.Patient
            {
                Identifier = [Id("patient", p.Id)],
                Name = [new FhirModel.HumanName { Family = p.LastName, Given = [p.FirstName], Text = p.FullName }],
                BirthDate = Date(p.DateOfBirth),
                Telecom = [new FhirModel.ContactPoint(FhirModel.ContactPoint.ContactPointSystem.Phone, FhirModel.ContactPoint.ContactPointUse.Mobile, p.Phone)],
            };
            if (!string.IsNullOrWhiteSpace(p.Email))
            {
                patient.Telecom.Add(new FhirModel.ContactPoint(FhirModel.ContactPoint.ContactPointSystem.Email, null, p.Email));
            }

            return patient;
        }

        private FhirModel.QuestionnaireResponse Screening(ScreeningRecord s)
        {
            static FhirModel.QuestionnaireResponse.ItemComponent Question(string linkId, string text, FhirModel.DataType answer) => new()
            {
                LinkId = linkId,
                Text = text,
                Answer = [new FhirModel.QuestionnaireResponse.AnswerComponent { Value = answer }],
            };

            var radiation = Question("radiation-therapy", "Radiation therapy in the last 12 months?", new FhirModel.FhirBoolean(s.RadiationTherapy));
            if (s.RadiationDate is { } radiationDate)
            {
                radiation.Answer[0].Item.Add(Question("radiation-date", "Date of the last radiation therapy", new FhirModel.Date(Date(radiationDate))));
            }

            var outcome = Question("outcome", "Outcome", new FhirModel.Coding(ScreeningOutcomeSystem, Code(s.Outcome), FlagsList.DisplayName(s.Outcome)));
            foreach (var reason in s.ReasonList)
            {
                outcome.Answer[0].Item.Add(Question("reason", "Reason", new FhirModel.FhirString(reason)));
            }

            var response = new FhirModel.QuestionnaireResponse
            {
                Identifier = Id("screening", s.Id),
                Questionnaire = ScreeningQuestionnaire,
                Status = FhirModel.QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
                Subject = PatientRef,
                Authored = Instant(s.CreatedAtUtc),
                Author = Person(s.CreatedBy),
                Item =
                [
                    Question("eczema", "Eczema in the treatment area?", new FhirModel.FhirBoolean(s.Eczema)),
                    Question("psoriasis", "Psoriasis in the treatment area?", new FhirModel.FhirBoolean(s.Psoriasis)),
                    Question("active-acne", "Active acne in the treatment area?", new FhirModel.FhirBoolean(s.ActiveAcne)),
                    Question("open-wounds", "Open wounds in the treatment area?", new FhirModel.FhirBoolean(s.OpenWounds)),
                    Question("pregnancy", "Pregnant or breastfeeding?",
                        new FhirModel.Coding(PregnancyAnswerSystem, Code(s.Pregnancy), FlagsList.DisplayName(s.Pregnancy))),
                    radiation,
                    Question("screened-on", "Date of the screening", new FhirModel.Date(Date(s.ScreenedOn))),
                    outcome,
                ],
            };
            if (!string.IsNullOrWhiteSpace(s.Notes))
            {
                response.Item.Add(Question("notes", "Notes", new FhirModel.FhirString(s.Notes)));
            }

            if (!string.IsNullOrWhiteSpace(s.ReversalNote))
            {
                response.Item.Add(Question("reversal-note", "What changed since the earlier \"not suitable\" finding", new FhirModel.FhirString(s.ReversalNote)));
            }

            if (s.Clearance is { } clearance)
            {
                var item = new FhirModel.QuestionnaireResponse.ItemComponent { LinkId = "clearance", Text = "Doctor's clearance" };
                item.Item.Add(Question("clearance-doctor", "Doctor", new FhirModel.FhirString(clearance.DoctorName)));
                item.Item.Add(Question("clearance-date", "Cleared on", new FhirModel.Date(Date(clearance.ClearedOn))));
                if (!string.IsNullOrWhiteSpace(clearance.Note))
                {
                    item.Item.Add(Question("clearance-note", "Note", new FhirModel.FhirString(clearance.Note)));
                }

                response.Item.Add(item);
            }

            return response;
        }

        private static string Code<TEnum>(TEnum value)
            where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

        private FhirModel.CarePlan CarePlan(CoursePlan c)
        {
            var plan = new FhirModel.CarePlan
            {
                Identifier = [Id("course", c.Id)],
                Status = CarePlanStatus(c.Status),
                Intent = FhirModel.CarePlan.CarePlanIntent.Plan,
                Title = $"Micro-needling course of {c.SittingCount} sittings",
                Description = $"Concerns: {FlagsList.Describe(c.Concerns)}. Areas: {FlagsList.Describe(c.Areas)}. " +
                    $"{c.MinutesPerSitting} minutes a sitting, {c.MinIntervalDays}–{c.MaxIntervalDays} days apart.",
                Subject = PatientRef,
                Period = new FhirModel.Period { Start = Instant(c.CreatedAtUtc), End = (c.CompletedAtUtc ?? c.CancelledAtUtc) is { } end ? Instant(end) : null },
                Created = Instant(c.CreatedAtUtc),
                Author = Person(c.CreatedBy),
            };
            if (RefIfExported("QuestionnaireResponse", c.ScreeningId) is { } screening)
            {
                plan.SupportingInfo.Add(screening);
            }

            if (c.SittingCountReason is { Length: > 0 } countReason)
            {
                plan.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown($"Why {c.SittingCount} sittings: {countReason}") });
            }

            if (c.Notes is { Length: > 0 } notes)
            {
                plan.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown(notes) });
            }

            if (c.Status == PlanStatus.Cancelled)
            {
                plan.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown($"Course stopped: {c.CancellationReason}") });
            }

            if (c.MaintenanceDueOn is { } due)
            {
                plan.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown($"Maintenance sitting due {Date(due)}.") });
            }

            // One activity per booking (the appointment, and the procedure once charted); a sitting never booked live is a
            // planned activity of its own.
            var bookings = record.BookingsOf(c.Id).ToList();
            foreach (var booking in bookings)
            {
                var activity = new FhirModel.CarePlan.ActivityComponent { Reference = Ref("Appointment", booking.Id) };
                if (RefIfExported("Procedure", booking.Id) is { } procedure)
                {
                    activity.OutcomeReference.Add(procedure);
                }

                plan.Activity.Add(activity);
            }

            foreach (var sitting in c.Sittings.Where(s => !bookings.Any(b => b.SittingNumber == s.Number && b.Status is BookingStatus.Booked or BookingStatus.CheckedIn or BookingStatus.Completed)))
            {
                plan.Activity.Add(new FhirModel.CarePlan.ActivityComponent
                {
                    Detail = new FhirModel.CarePlan.DetailComponent
                    {
                        Status = c.Status == PlanStatus.Active ? FhirModel.CarePlan.CarePlanActivityStatus.NotStarted : FhirModel.CarePlan.CarePlanActivityStatus.Cancelled,
                        Description = $"Sitting {sitting.Number} of {c.SittingCount}: not booked",
                    },
                });
            }

            return plan;
        }

        private FhirModel.Appointment Appointment(RecordBooking b)
        {
            var course = record.Courses.FirstOrDefault(c => c.Id == b.CoursePlanId);
            var appointment = new FhirModel.Appointment
            {
                Identifier = [Id("booking", b.Id)],
                Status = AppointmentStatus(b.Status),
                Description = $"Micro-needling, sitting {b.SittingNumber}{(course is null ? "" : $" of {course.SittingCount}")} ({b.RoomName})",
                Start = new DateTimeOffset(DateTime.SpecifyKind(b.StartUtc, DateTimeKind.Utc)),
                End = new DateTimeOffset(DateTime.SpecifyKind(b.EndUtc, DateTimeKind.Utc)),
                MinutesDuration = (int)Math.Round((b.EndUtc - b.StartUtc).TotalMinutes),
                Participant =
                [
                    new FhirModel.Appointment.ParticipantComponent { Actor = PatientRef, Status = FhirModel.ParticipationStatus.Accepted },
                    new FhirModel.Appointment.ParticipantComponent { Actor = Person(b.ClinicianName), Status = FhirModel.ParticipationStatus.Accepted },
                ],
            };
            if (RefIfExported("CarePlan", b.CoursePlanId) is { } plan)
            {
                appointment.SupportingInformation.Add(plan);
            }

            var reason = b.Status switch
            {
                BookingStatus.Cancelled => b.CancellationReason is { Length: > 0 } r ? r : "Cancelled",
                BookingStatus.NotPerformed => $"Not performed: {(b.NotPerformedReason is { Length: > 0 } r ? r : "stopped at check-in")}",
                _ => null,
            };
            if (reason is not null)
            {
                appointment.CancelationReason = Text(reason);
            }

            return appointment;
        }

        private FhirModel.Procedure Procedure(RecordChart recordChart)
        {
            var chart = recordChart.Chart;
            var booking = record.Bookings.First(b => b.Id == chart.BookingId);
            var procedure = new FhirModel.Procedure
            {
                Identifier = [Id("sitting-chart", chart.Id)],
                Status = FhirModel.EventStatus.Completed,
                Code = Text("Micro-needling (collagen induction therapy)"),
                Subject = PatientRef,
                Performed = new FhirModel.Period { Start = Instant(chart.ProcedureStartUtc), End = Instant(chart.ProcedureEndUtc) },
                Performer = [new FhirModel.Procedure.PerformerComponent { Actor = Person(recordChart.ClinicianName) }],
                Recorder = Person(chart.CreatedBy),
                UsedCode = [Text($"Serum: {chart.SerumProduct}"), Text($"Numbing: {chart.NumbingProduct}"), Text($"Device: {chart.Device}, cartridge lot {chart.CartridgeLot}")],
            };
            if (RefIfExported("CarePlan", booking.CoursePlanId) is { } plan)
            {
                procedure.BasedOn.Add(plan);
            }

            foreach (var area in chart.Areas)
            {
                var site = Text(FlagsList.DisplayName(area.Area));
                site.Extension.Add(new FhirModel.Extension(NeedleDepthExtension,
                    new FhirModel.Quantity { Value = area.DepthMm, Unit = "mm", System = Ucum, Code = "mm" }));
                site.Extension.Add(new FhirModel.Extension(NeedlePassesExtension, new FhirModel.Integer(area.Passes)));
                procedure.BodySite.Add(site);
                if (area.OutOfRangeReason is { Length: > 0 } why)
                {
                    procedure.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown($"{FlagsList.DisplayName(area.Area)}: depth outside the clinic's range because {why}") });
                }
            }

            if (chart.Reaction != ImmediateReaction.None)
            {
                procedure.Complication.Add(Text(chart.Reaction == ImmediateReaction.Other && chart.ReactionOther is { Length: > 0 } other
                    ? other : FlagsList.DisplayName(chart.Reaction)));
            }

            var numbing = $"Numbing cream on {Instant(chart.NumbingAppliedAtUtc)}, off {Instant(chart.NumbingRemovedAtUtc)}.";
            procedure.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown(numbing) });
            if (chart.Notes is { Length: > 0 } notes)
            {
                procedure.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown(notes) });
            }

            if (chart.AmendmentReason is { Length: > 0 } amended)
            {
                procedure.Note.Add(new FhirModel.Annotation { Text = new FhirModel.Markdown($"Chart version {chart.Version}, amended: {amended}") });
            }

            return procedure;
        }

        private FhirModel.Consent Consent(RecordConsent c)
        {
            var provision = new FhirModel.Consent.provisionComponent
            {
                Type = FhirModel.Consent.ConsentProvisionType.Permit,
                Period = new FhirModel.Period { Start = Instant(c.SignedAtUtc), End = c.WithdrawnAtUtc is { } withdrawn ? Instant(withdrawn) : null },
            };
            provision.Provision.Add(new FhirModel.Consent.provisionComponent
            {
                Type = c.PhotosForClinicalRecord ? FhirModel.Consent.ConsentProvisionType.Permit : FhirModel.Consent.ConsentProvisionType.Deny,
                Code = [Text("Photos for the clinical record")],
            });
            provision.Provision.Add(new FhirModel.Consent.provisionComponent
            {
                Type = c.PhotosForTeachingOrMarketing ? FhirModel.Consent.ConsentProvisionType.Permit : FhirModel.Consent.ConsentProvisionType.Deny,
                Code = [Text("Photos for teaching or marketing, without the patient's name")],
            });
            var consent = new FhirModel.Consent
            {
                Identifier = [Id("consent", c.Id)],
                Status = c.WithdrawnAtUtc is null ? FhirModel.Consent.ConsentState.Active : FhirModel.Consent.ConsentState.Inactive,
                Scope = new FhirModel.CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment", null),
                Category = [new FhirModel.CodeableConcept("http://loinc.org", "59284-0", "Patient Consent", c.Title)],
                Patient = PatientRef,
                DateTime = Instant(c.SignedAtUtc),
                Performer = [PatientRef],
                Policy = [new FhirModel.Consent.PolicyComponent { Uri = $"{Base}/consent-template/{c.TemplateId}/version/{c.TemplateVersion}" }],
                Verification =
                [
                    new FhirModel.Consent.VerificationComponent { Verified = true, VerifiedWith = PatientRef, VerificationDate = Instant(c.CountersignedAtUtc) },
                ],
                Provision = provision,
            };
            if (RefIfExported("CarePlan", c.CoursePlanId) is { } plan)
            {
                consent.Provision.Data.Add(new FhirModel.Consent.provisionDataComponent { Meaning = FhirModel.Consent.ConsentDataMeaning.Related, Reference = plan });
            }

            return consent;
        }

        private FhirModel.AdverseEvent AdverseEvent(SideEffect e)
        {
            var adverse = new FhirModel.AdverseEvent
            {
                Identifier = Id("side-effect", e.Id),
                Actuality = FhirModel.AdverseEvent.AdverseEventActuality.Actual,
                Event = Text($"{FlagsList.DisplayName(e.Kind)}: {e.Description}"),
                Subject = PatientRef,
                Date = Date(e.OnsetDate),
                RecordedDate = Instant(e.CreatedAtUtc),
                Recorder = Person(e.CreatedBy),
                Severity = new FhirModel.CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-severity", Code(e.Severity), FlagsList.DisplayName(e.Severity)),
                Outcome = e.ResolvedOn is null
                    ? new FhirModel.CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-outcome", "ongoing", "Ongoing")
                    : new FhirModel.CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-outcome", "resolved", "Resolved"),
            };
            if (e.BookingId is { } bookingId && RefIfExported("Procedure", bookingId) is { } procedure)
            {
                adverse.SuspectEntity.Add(new FhirModel.AdverseEvent.SuspectEntityComponent { Instance = procedure });
            }

            return adverse;
        }
    }
}
