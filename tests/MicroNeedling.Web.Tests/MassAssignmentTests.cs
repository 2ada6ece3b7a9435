using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// ASVS 5.1.2: a form binds only properties chosen for it. The rule, checked by reflection over every page the app routes:
/// <list type="number">
/// <item>No page model uses class-level [BindProperties].</item>
/// <item>Each bound page property and handler parameter is a simple value (string, number, bool, date, time, enum, an
/// uploaded file, or a list of these) or an explicit input type: a class named *Command or *Input.</item>
/// <item>No input type, nor any type it contains, is an EF Core entity, and none has a server-owned property: a key
/// (<c>Id</c>), a who/when stamp (the <see cref="IUpdateStamped"/> members, and any entity property ending in "By" or
/// "AtUtc"), <c>RestrictedToStaffId</c>, <c>Status</c>, <c>IsCurrent</c>, <c>Version</c>, <c>Hash</c>, <c>PreviousHash</c>
/// or <c>IsDisabled</c>.</item>
/// <item>A bound property or parameter named like a route value of its page (<c>{id}</c>, <c>{bookingId}</c>) binds from the
/// route only, so a posted field cannot point the page at another record.</item>
/// </list>
/// The HTTP tests then post such fields to the patient, booking, screening, chart, cancel and clearance forms and read the
/// stored rows.
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class MassAssignmentTests(ClinicAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] ServerOwnedNames = ["Id", "RestrictedToStaffId", "Status", "IsCurrent", "Version", "Hash", "PreviousHash", "IsDisabled"];

    [Fact]
    public async Task Pages_bind_only_explicit_input_types_without_server_owned_properties_and_route_ids_only_from_the_route()
    {
        var pages = await AppPages.LoadAsync(app);
        var entityTypes = app.Get(sp => sp.GetRequiredService<ClinicDbContext>().Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet());
        var serverOwned = ServerOwnedNames
            .Concat(typeof(IUpdateStamped).GetProperties().Concat(typeof(IStamped).GetProperties()).Select(p => p.Name))
            .Concat(entityTypes.SelectMany(t => t.GetProperties()).Select(p => p.Name).Where(n => n.EndsWith("By", StringComparison.Ordinal) || n.EndsWith("AtUtc", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var bindings = 0;

        foreach (var page in pages)
        {
            var model = page.Descriptor.ModelTypeInfo!;
            if (model.GetCustomAttribute<BindPropertiesAttribute>() is not null || page.Descriptor.HandlerTypeInfo.GetCustomAttribute<BindPropertiesAttribute>() is not null)
            {
                problems.Add($"{page.Path}: [BindProperties] binds every public property; mark each bound property instead.");
            }

            var routeValues = RouteParameter().Matches(page.Descriptor.AttributeRouteInfo?.Template ?? "").Select(m => m.Groups[1].Value)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var bound = page.Descriptor.BoundProperties.Select(p => (Kind: "property", p.Name, p.ParameterType, p.BindingInfo))
                .Concat(page.Descriptor.HandlerMethods.SelectMany(h => h.Parameters)
                    .Where(p => p.ParameterType != typeof(CancellationToken))
                    .Select(p => (Kind: "parameter", p.Name, p.ParameterType, p.BindingInfo)));
            foreach (var (kind, name, type, binding) in bound)
            {
                bindings++;
                var where = $"{page.Path} {kind} {name}";
                if (routeValues.Contains(name) && binding?.BindingSource != BindingSource.Path)
                {
                    problems.Add($"{where}: is a route value but also binds from the form or query, so a posted field can replace it.");
                }

                if (!IsSimple(type))
                {
                    if (!type.Name.EndsWith("Command", StringComparison.Ordinal) && !type.Name.EndsWith("Input", StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: binds {type.Name}, which is neither a simple value nor an explicit *Command/*Input type.");
                    }

                    CheckInputType(type, where, entityTypes, serverOwned, problems, []);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        output.WriteLine($"{bindings} bound properties and handler parameters on {pages.Count} pages checked.");
    }

    private static void CheckInputType(Type type, string where, HashSet<Type> entityTypes, HashSet<string> serverOwned, List<string> problems, HashSet<Type> seen)
    {
        if (IsSimple(type) || !seen.Add(type))
        {
            return;
        }

        if (ElementType(type) is { } element)
        {
            CheckInputType(element, where, entityTypes, serverOwned, problems, seen);
            return;
        }

        if (entityTypes.Contains(type))
        {
            problems.Add($"{where}: binds the entity {type.Name}; bind an input type and copy its fields by hand.");
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            if (serverOwned.Contains(property.Name))
            {
                problems.Add($"{where}: {type.Name}.{property.Name} is owned by the server and must not be bindable.");
            }

            CheckInputType(property.PropertyType, where, entityTypes, serverOwned, problems, seen);
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(TimeOnly)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid)
            // An uploaded file carries its bytes and name only: nothing in it can set a server-owned property.
            || t == typeof(Microsoft.AspNetCore.Http.IFormFile))
        {
            return true;
        }

        return ElementType(t) is { } element && IsSimple(element);
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    [GeneratedRegex(@"\{\*?(\w+)")]
    private static partial Regex RouteParameter();

    /// <summary>Fields no form has, named after the stored columns a forger would want to set.</summary>
    private static List<KeyValuePair<string, string>> Forged(params (string Name, string Value)[] fields) =>
        fields.SelectMany(f => new KeyValuePair<string, string>[] { new("Input." + f.Name, f.Value), new(f.Name, f.Value) }).ToList();

    [Fact]
    public async Task Registering_a_patient_ignores_a_posted_id_stamps_and_restriction()
    {
        var other = await app.CreatePatientAsync();
        var lastName = ClinicAppFactory.UniqueName();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await frontDesk.PostFormAsync("/Patients/Create",
        [
            new("Input.FirstName", "Nadia"), new("Input.LastName", lastName), new("Input.DateOfBirth", "1985-06-07"),
            new("Input.Phone", "+44 20 7946 0222"), new("Input.Concerns", "Scars"), new("Input.TreatmentAreas", "Face"), new("Input.ConfirmDuplicate", "true"),
            .. Forged(("Id", other.ToString()), ("CreatedBy", "evil"), ("CreatedAtUtc", "2001-01-01T00:00:00Z"), ("UpdatedBy", "evil"),
                ("RestrictedToStaffId", "evil-staff"), ("NormalizedLastName", "EVIL")),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (created, untouched) = await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            return (await db.Patients.SingleAsync(p => p.LastName == lastName), await db.Patients.SingleAsync(p => p.Id == other));
        });
        Assert.NotEqual(other, created.Id);
        Assert.Equal($"/Patients/Details/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("frontdesk@tests.clinic", app.Clock.GetUtcNow().UtcDateTime, null, null, lastName.ToUpperInvariant()),
            (created.CreatedBy, created.CreatedAtUtc, created.UpdatedBy, created.RestrictedToStaffId, created.NormalizedLastName));
        Assert.NotEqual("Nadia", untouched.FirstName);
    }

    [Fact]
    public async Task Editing_a_patient_changes_only_the_patient_in_the_url_and_not_its_stamps_or_restriction()
    {
        var mine = await app.CreatePatientAsync();
        var other = await app.CreatePatientAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var form = (await frontDesk.GetDocumentAsync($"/Patients/Edit/{mine}")).PostFields()
            .Where(f => f.Key != "__RequestVerificationToken")
            .Select(f => f.Key == "Input.Phone" ? new KeyValuePair<string, string>(f.Key, "+44 20 7946 0333") : f).ToList();

        var response = await frontDesk.PostFormAsync($"/Patients/Edit/{mine}",
            [.. form, .. Forged(("Id", other.ToString()), ("CreatedBy", "evil"), ("RestrictedToStaffId", "evil-staff"), ("UpdatedBy", "evil"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (edited, untouched) = await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            return (await db.Patients.SingleAsync(p => p.Id == mine), await db.Patients.SingleAsync(p => p.Id == other));
        });
        Assert.Equal(("+44 20 7946 0333", "system", "frontdesk@tests.clinic", null), (edited.Phone, edited.CreatedBy, edited.UpdatedBy, edited.RestrictedToStaffId));
        Assert.Equal(("+44 20 7946 0958", null), (untouched.Phone, untouched.UpdatedBy));
    }

    [Fact]
    public async Task Booking_a_sitting_ignores_a_posted_status_patient_and_stamps()
    {
        var plan = await app.CreateBookablePatientAsync();
        var otherPatient = await app.CreatePatientAsync();
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var sittingId = plan.Sittings.Single(s => s.Number == 1).Id;
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await frontDesk.PostFormAsync($"/Bookings/Create?sittingId={sittingId}",
        [
            new("Input.SittingId", sittingId.ToString()), new("Input.ClinicianId", clinician), new("Input.RoomId", room.ToString()),
            new("Input.Date", "2026-03-12"), new("Input.Time", "10:00"),
            .. Forged(("Status", nameof(BookingStatus.Completed)), ("PatientId", otherPatient.ToString()), ("Id", "999999"),
                ("CreatedBy", "evil"), ("EndUtc", "2030-01-01T00:00:00Z"), ("PlannedSittingId", "1")),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.SingleAsync(b => b.PlannedSittingId == sittingId));
        Assert.Equal((BookingStatus.Booked, plan.PatientId, "frontdesk@tests.clinic"), (booking.Status, booking.PatientId, booking.CreatedBy));
        Assert.NotEqual(999999, booking.Id);
        Assert.Equal(new DateOnly(2026, 3, 12), DateOnly.FromDateTime(booking.EndUtc));
    }

    [Fact]
    public async Task Recording_a_screening_ignores_a_posted_outcome_validity_date_booking_and_clearance()
    {
        var patientId = await app.CreatePatientAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFormAsync($"/Screening/Create?patientId={patientId}",
        [
            new("Input.PatientId", patientId.ToString()), new("Input.Eczema", "true"), new("Input.Psoriasis", "false"), new("Input.ActiveAcne", "false"),
            new("Input.OpenWounds", "false"), new("Input.Pregnancy", "No"), new("Input.RadiationTherapy", "false"),
            .. Forged(("Outcome", nameof(ScreeningOutcome.Suitable)), ("Reasons", ""), ("ValidityDays", "9999"), ("ScreenedOn", "2020-01-01"),
                ("BookingId", "1"), ("Id", "999999"), ("CreatedBy", "evil"), ("Clearance.DoctorName", "Dr Evil")),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (screening, validity) = await app.GetAsync(async sp => (
            await sp.GetRequiredService<ClinicDbContext>().Screenings.Include(s => s.Clearance).SingleAsync(s => s.PatientId == patientId),
            (await sp.GetRequiredService<ClinicSettingsService>().GetAsync()).ScreeningValidityDays));
        Assert.Equal((ScreeningOutcome.NotSuitable, validity, new DateOnly(2026, 3, 10), null, "clinician@tests.clinic", null),
            (screening.Outcome, screening.ValidityDays, screening.ScreenedOn, screening.BookingId, screening.CreatedBy, screening.Clearance));
        Assert.NotEqual(999999, screening.Id);
        Assert.Contains("Eczema", screening.Reasons, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Charting_ignores_a_posted_booking_version_and_stamps()
    {
        var clinicianId = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var otherPlan = await app.CreateBookablePatientAsync();
        var mine = await app.InsertBookingAsync(plan, 1, clinicianId, room, new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        var other = await app.InsertBookingAsync(otherPlan, 1, clinicianId, room, new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        await app.ReScreenSuitableAsync(mine);
        await app.ReScreenSuitableAsync(other);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFormAsync($"/Sittings/Chart/{mine}",
        [
            new("Input.NumbingProduct", "Lidocaine 5% cream"), new("Input.NumbingApplied", "08:00"), new("Input.NumbingRemoved", "08:30"),
            new("Input.Device", "Pen A6"), new("Input.CartridgeLot", "LOT-2026-031"), new("Input.Areas[0].Area", nameof(NeedlingArea.CheeksAndChin)),
            new("Input.Areas[0].DepthMm", "0.75"), new("Input.Areas[0].Passes", "3"), new("Input.SerumProduct", "Hyaluronic acid serum"),
            new("Input.ProcedureStart", "08:30"), new("Input.ProcedureEnd", "08:45"), new("Input.Reaction", nameof(ImmediateReaction.Redness)),
            .. Forged(("BookingId", other.ToString()), ("Version", "7"), ("IsCurrent", "false"), ("CreatedBy", "evil"), ("Id", "999999"),
                ("Status", nameof(BookingStatus.Cancelled))),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Sittings/Details/{mine}", response.Headers.Location?.OriginalString);
        var (charts, otherCharts, statuses) = await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            return (await db.SittingCharts.Where(c => c.BookingId == mine).ToListAsync(), await db.SittingCharts.CountAsync(c => c.BookingId == other),
                await db.Bookings.Where(b => b.Id == mine || b.Id == other).OrderBy(b => b.Id).Select(b => b.Status).ToListAsync());
        });
        var chart = Assert.Single(charts);
        Assert.Equal((1, true, "clinician@tests.clinic"), (chart.Version, chart.IsCurrent, chart.CreatedBy));
        Assert.NotEqual(999999, chart.Id);
        Assert.Equal(0, otherCharts);
        Assert.Equal([BookingStatus.Completed, BookingStatus.CheckedIn], statuses);
    }

    [Fact]
    public async Task A_posted_id_cannot_point_a_cancel_or_clearance_form_at_another_record_than_its_url()
    {
        var clinicianId = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var start = new DateTime(2026, 3, 17, 10, 0, 0, DateTimeKind.Utc);
        var bookingA = await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinicianId, room, start, BookingStatus.Booked);
        var bookingB = await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinicianId, room, start.AddHours(2), BookingStatus.Booked);
        var screeningA = await app.ScreenAsync(await app.CreatePatientAsync(), pregnancy: PregnancyAnswer.Yes);
        var screeningB = await app.ScreenAsync(await app.CreatePatientAsync(), pregnancy: PregnancyAnswer.Yes);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var cancelled = await frontDesk.PostFormAsync($"/Bookings/Cancel/{bookingA}",
            [new("Input.Reason", "The patient asked to cancel"), .. Forged(("BookingId", bookingB.ToString())), new("Id", bookingB.ToString())]);
        var cleared = await clinician.PostFormAsync($"/Screening/Clearance/{screeningA}",
            [new("Input.DoctorName", "Dr Okafor"), new("Input.ClearedOn", "2026-03-10"), .. Forged(("ScreeningId", screeningB.ToString())), new("Id", screeningB.ToString())]);

        Assert.Equal((HttpStatusCode.Redirect, $"/Bookings/Details/{bookingA}"), (cancelled.StatusCode, cancelled.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, $"/Screening/Details/{screeningA}"), (cleared.StatusCode, cleared.Headers.Location?.OriginalString));
        var stored = await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            return (A: await db.Bookings.Where(b => b.Id == bookingA).Select(b => b.Status).SingleAsync(),
                B: await db.Bookings.Where(b => b.Id == bookingB).Select(b => b.Status).SingleAsync(),
                ClearedA: await db.DoctorClearances.AnyAsync(c => c.ScreeningId == screeningA),
                ClearedB: await db.DoctorClearances.AnyAsync(c => c.ScreeningId == screeningB));
        });
        Assert.Equal((BookingStatus.Cancelled, BookingStatus.Booked, true, false), stored);
    }
}
