using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>OTLP's two transports, as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> names them: grpc and http/protobuf.</summary>
public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}

/// <summary>
/// Where telemetry goes: an OTLP collector's base address and the protocol to speak to it. It names no OpenTelemetry
/// type, so reading the configuration loads none of its assemblies.
/// </summary>
public sealed record TelemetryTarget(Uri Endpoint, OtlpProtocol Protocol)
{
    /// <summary>The app's own keys; they win over the standard OpenTelemetry variables when both are set.</summary>
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string ProtocolKey = "Telemetry:OtlpProtocol";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// The configured target, or null when neither <c>Telemetry:OtlpEndpoint</c> nor <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
    /// set. A malformed value stops the start with a message rather than silently sending nothing.
    /// </summary>
    public static TelemetryTarget? Of(IConfiguration configuration)
    {
        var (endpointKey, endpoint) = FirstSet(configuration, EndpointKey, StandardEndpointKey);
        if (endpoint is null)
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{endpointKey} is \"{endpoint}\"; it must be an http:// or https:// address, for example http://collector:4317.");
        }

        var (protocolKey, protocol) = FirstSet(configuration, ProtocolKey, StandardProtocolKey);
        return new TelemetryTarget(uri, protocol?.Trim().ToLowerInvariant() switch
        {
            null or "grpc" => OtlpProtocol.Grpc,
            "http/protobuf" => OtlpProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"{protocolKey} is \"{protocol}\"; it must be grpc or http/protobuf."),
        });
    }

    /// <summary>
    /// The address one signal is sent to: over gRPC the base address itself, over http/protobuf the base address with the
    /// signal's path (v1/traces, v1/metrics) appended, as the OpenTelemetry SDK does with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    public Uri EndpointFor(string signalPath) =>
        Protocol == OtlpProtocol.Grpc ? Endpoint : new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);

    public override string ToString() =>
        $"{(Protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf")} {Endpoint.GetLeftPart(UriPartial.Path)}";

    private static (string Key, string? Value) FirstSet(IConfiguration configuration, string key, string standardKey) =>
        !string.IsNullOrWhiteSpace(configuration[key]) ? (key, configuration[key])
        : !string.IsNullOrWhiteSpace(configuration[standardKey]) ? (standardKey, configuration[standardKey])
        : (standardKey, null);
}

/// <summary>
/// OpenTelemetry traces and metrics sent over OTLP, so an operator sees which page and which query is slow (ADR 0024).
/// Off unless an endpoint is configured: then nothing of OpenTelemetry is registered and requests pay nothing for it.
/// Nothing about a patient leaves the process this way: query-string values are redacted by the instrumentation, SQL
/// goes out as its parameterised text without parameter values, and <see cref="TelemetryScrubber"/> takes out exception
/// messages and paths that carry tokens before any exporter sees a span.
/// </summary>
public static partial class Telemetry
{
    public const string ServiceName = "MicroNeedling";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        if (TelemetryTarget.Of(builder.Configuration) is { } target)
        {
            Register(builder, target);
        }

        return builder;
    }

    /// <summary>
    /// Apart from <see cref="AddTelemetry"/> and never inlined into it, so that with telemetry off the JIT has no reason
    /// to load the exporter's, the hosting's and the instrumentations' assemblies (it loads a method's types when it
    /// compiles the method).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Register(WebApplicationBuilder builder, TelemetryTarget target)
    {
        var assembly = typeof(Telemetry).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: version)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .SetSampler(new RequestsOnlySampler())
                // First, so it has cleaned a span before any exporter's processor sees it.
                .AddProcessor(new TelemetryScrubber())
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !IsNoise(context.Request.Path);
                    options.RecordException = false;
                })
                .AddHttpClientInstrumentation(options => options.RecordException = false)
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(options => Point(options, target, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel")
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter(options => Point(options, target, "v1/metrics")));
        builder.Services.AddHostedService(services => new TelemetryStartLine(target, services.GetRequiredService<ILogger<TelemetryStartLine>>()));
    }

    /// <summary>Health probes and static files: many, fast, and no help in finding a slow page.</summary>
    public static bool IsNoise(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/lib") || path.StartsWithSegments("/favicon.ico");

    private static void Point(OtlpExporterOptions options, TelemetryTarget target, string signalPath)
    {
        options.Protocol = target.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = target.EndpointFor(signalPath);
    }

    /// <summary>One line at start saying where telemetry goes (only when it is on).</summary>
    private sealed partial class TelemetryStartLine(TelemetryTarget target, ILogger<TelemetryStartLine> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GoesTo(logger, target);
            return Task.CompletedTask;
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: traces and metrics go over OTLP ({Target}).")]
        private static partial void GoesTo(ILogger logger, TelemetryTarget target);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// Runs on every span as it ends, before the exporters, and takes out what could hold a patient's details or a secret:
/// <list type="bullet">
/// <item>a status description (Entity Framework and Npgsql put the exception's message there; the status code stays);</item>
/// <item>a span with an exception event that holds the exception's message or stack trace (Npgsql's failed commands):
/// the span is not exported, and its error type and SQLSTATE are copied to its parent;</item>
/// <item>SQL parameter values, should an operator switch on the instrumentation's experimental option for them;</item>
/// <item>the request path, which can carry a token (<c>/feeds/{token}.ics</c>, <c>/Unsubscribe/{token}</c>) or whatever
/// was typed into the address bar: it becomes the route template, and is dropped when no route matched.</item>
/// </list>
/// Query-string values are already redacted by the ASP.NET Core and HttpClient instrumentation (their default, left on).
/// </summary>
public sealed class TelemetryScrubber : BaseProcessor<Activity>
{
    private static readonly string[] EventTagsToDrop = ["exception.message", "exception.stacktrace"];

    public override void OnEnd(Activity data)
    {
        if (data.StatusDescription is not null)
        {
            data.SetStatus(data.Status);
        }

        List<string>? drop = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Key.StartsWith("db.query.parameter.", StringComparison.Ordinal)
                || tag.Key.StartsWith("db.statement.parameter", StringComparison.Ordinal)
                || tag.Key is "exception.message" or "exception.stacktrace" or "otel.status_description")
            {
                (drop ??= []).Add(tag.Key);
            }
        }

        foreach (var key in drop ?? [])
        {
            data.SetTag(key, null);
        }

        if (data.Kind == ActivityKind.Server)
        {
            // The ASP.NET Core instrumentation's filter already leaves these out; this makes sure of it.
            if (data.GetTagItem("url.path") is string path && Telemetry.IsNoise(new PathString(path)))
            {
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                return;
            }

            // Razor Pages' route templates have no leading slash ("Patients/Details/{id:int}"); the span is named as the
            // address looks ("GET /Patients/Details/{id:int}"), and its path is the template, never the values in it.
            var route = data.GetTagItem("http.route") is string template ? "/" + template.TrimStart('/') : null;
            if (data.GetTagItem("url.path") is not null)
            {
                data.SetTag("url.path", route);
            }

            if (route is not null && data.GetTagItem("http.request.method") is string method)
            {
                data.DisplayName = $"{method} {route}";
            }
        }

        // An exception event's tags cannot be changed once recorded, and its message and stack trace can quote a value
        // (Npgsql records one on every failed command). Such a span is not exported; what it knew that is safe (the error's
        // type, PostgreSQL's SQLSTATE) goes to its parent, which still runs (the Entity Framework command's span, whose
        // status already says Error).
        if (data.Events.Any(e => e.Tags.Any(t => EventTagsToDrop.Contains(t.Key))))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            foreach (var key in (string[])["error.type", "db.response.status_code"])
            {
                if (data.Parent is { IsStopped: false } parent && data.GetTagItem(key) is { } value)
                {
                    parent.SetTag(key, value);
                }
            }
        }
    }
}

/// <summary>
/// Traces requests, and the database and HTTP calls made inside them; drops a client span that starts a trace of its own,
/// that is a query or call outside any request. The outbox worker polls the database every few seconds: a trace for each
/// poll (an Entity Framework span, and on PostgreSQL Npgsql's spans for the command and the connection) would bury the
/// pages. Their cost still shows in Npgsql's and the runtime's metrics. Everything else follows its parent, as the SDK's
/// default sampler does (a request whose incoming <c>traceparent</c> says "not sampled" is not traced).
/// </summary>
public sealed class RequestsOnlySampler : Sampler
{
    private readonly ParentBasedSampler parentBased = new(new AlwaysOnSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.ParentContext.TraceId == default && samplingParameters.Kind == ActivityKind.Client
            ? new SamplingResult(SamplingDecision.Drop)
            : parentBased.ShouldSample(samplingParameters);
}
