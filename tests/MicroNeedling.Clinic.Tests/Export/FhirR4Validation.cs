using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace MicroNeedling.Clinic.Tests.Export;

/// <summary>
/// The FHIR R4 checks the export tests use, from maintained libraries rather than hand-written JSON checks: the SDK's
/// strict JSON deserializer (unknown elements, wrong types and bad values are errors) and Firely's validator against the
/// core R4 StructureDefinitions (cardinality, types, bindings to required value sets and the FHIRPath invariants), read from
/// the specification.zip that Hl7.Fhir.Specification.Data.R4 copies next to the tests.
/// </summary>
internal static class FhirR4Validation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var zip = Path.Combine(AppContext.BaseDirectory, "specification.zip");
        var source = new CachedResolver(new ZipSource(zip));
        return new Validator(source, new LocalTerminologyService(source));
    });

    private static readonly Lock ValidatorLock = new();

    /// <summary>Parses JSON strictly; throws <see cref="DeserializationFailedException"/> on anything that is not valid R4.</summary>
    public static T ParseStrict<T>(string json)
        where T : Resource =>
        new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict)).Deserialize<T>(json);

    /// <summary>The issues of severity error or fatal, as readable lines ("location: message").</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (ValidatorLock)
        {
            outcome = Shared.Value.Validate(resource);
        }

        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }
}
