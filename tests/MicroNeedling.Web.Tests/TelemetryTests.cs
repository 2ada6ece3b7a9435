using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// A host with telemetry turned on the way an operator does it (an OTLP endpoint over http/protobuf), pointed at a small
/// collector of the test's own that keeps every byte it is sent. In-memory exporters beside the OTLP one let the tests
/// read the spans and metrics as objects too.
/// </summary>
public sealed class TracedApp : ClinicAppFactory
{
    public TracedApp()
    {
        Settings[TelemetryTarget.EndpointKey] = Collector.Address;
        Settings[TelemetryTarget.ProtocolKey] = "http/protobuf";
    }

    public OtlpCollector Collector { get; } = new();

    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Sends everything recorded so far to the exporters now, rather than at their next interval.</summary>
    public void Flush()
    {
        Assert.True(Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Collector.Dispose();
        }
    }
}

public sealed class TelemetryTests(TracedApp app) : IClassFixture<TracedApp>
{
    private static readonly string[] NoisePaths = ["/health/live", "/health/ready", "/css/site.css", "/js/site.js", "/favicon.ico"];

    [Fact]
    public async Task A_patient_search_is_one_span_named_by_its_route_with_the_queries_below_it_and_no_span_holds_the_patients_name()
    {
        var surname = ClinicAppFactory.UniqueName();
        await app.CreatePatientAsync(surname);
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var trace = ActivityTraceId.CreateRandom();

        var response = await client.SendAsync(Traced(trace, $"/Patients?q={surname}"));
        var server = await SpanAsync(s => s.TraceId == trace && s.Kind == ActivityKind.Server);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(surname, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the search found them
        Assert.Equal("GET /Patients", server.DisplayName);
        Assert.Equal("Patients", server.GetTagItem("http.route"));
        Assert.Equal("?q=Redacted", server.GetTagItem("url.query"));
        Assert.Equal("/Patients", server.GetTagItem("url.path"));
        var queries = app.Spans.Snapshot().Where(s => s.TraceId == trace && s.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore").ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.True(IsBelow(q, server), $"{q.DisplayName} is not inside the request's span"));
        Assert.Contains(queries, q => (q.GetTagItem("db.statement") ?? q.GetTagItem("db.query.text")) is string sql
            && sql.Contains("\"Patients\"", StringComparison.Ordinal));
        if (TestDatabases.IsPostgreSql)
        {
            Assert.Contains(app.Spans.Snapshot(), s => s.TraceId == trace && s.Source.Name == "Npgsql");
        }

        AssertNothingHolds(surname);
    }

    [Fact]
    public async Task What_reaches_the_collector_holds_no_patients_name_typed_in_the_query_string_or_the_path()
    {
        var surname = ClinicAppFactory.UniqueName();
        await app.CreatePatientAsync(surname);
        var client = await app.LoginAsAsync(Roles.Clinician);
        var search = ActivityTraceId.CreateRandom();
        var typedPath = ActivityTraceId.CreateRandom();

        await client.SendAsync(Traced(search, $"/Patients?q={surname.ToUpperInvariant()}&p=1"));
        await client.SendAsync(Traced(typedPath, $"/Patients/Details/{surname}"));
        var typed = await SpanAsync(s => s.TraceId == typedPath && s.Kind == ActivityKind.Server);
        await SpanAsync(s => s.TraceId == search && s.Kind == ActivityKind.Server);
        app.Flush();

        Assert.NotEqual("/Patients/Details/" + surname, typed.GetTagItem("url.path"));
        Assert.Contains("/v1/traces", app.Collector.Paths);
        Assert.Contains("/v1/metrics", app.Collector.Paths);
        Assert.Contains(app.Collector.Bodies, body => ContainsTraceId(body, search)); // the search's span did go out
        Assert.DoesNotContain(app.Collector.Bodies, body => Contains(body, surname));
        AssertNothingHolds(surname);
    }

    [Fact]
    public async Task A_patients_page_is_named_by_its_route_template_not_by_the_patients_number()
    {
        var patientId = await app.CreatePatientAsync();
        var client = await app.LoginAsAsync(Roles.Clinician);
        var trace = ActivityTraceId.CreateRandom();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Traced(trace, $"/Patients/Details/{patientId}"))).StatusCode);
        var server = await SpanAsync(s => s.TraceId == trace && s.Kind == ActivityKind.Server);

        Assert.Equal("GET /Patients/Details/{id:int}", server.DisplayName);
        Assert.Equal("/Patients/Details/{id:int}", server.GetTagItem("url.path"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Health_probes_and_static_files_are_not_traced()
    {
        var client = app.CreateBrowserlessClient();
        var noise = NoisePaths.Select(path => (Trace: ActivityTraceId.CreateRandom(), Path: path)).ToList();
        var control = ActivityTraceId.CreateRandom();

        foreach (var (trace, path) in noise)
        {
            await client.SendAsync(Traced(trace, path));
        }

        await client.SendAsync(Traced(control, "/Account/Login"));
        await SpanAsync(s => s.TraceId == control && s.Kind == ActivityKind.Server);

        Assert.DoesNotContain(app.Spans.Snapshot(), s => noise.Any(n => n.Trace == s.TraceId));
    }

    [Fact]
    public async Task Queries_outside_a_request_such_as_the_outbox_workers_polling_are_not_traced()
    {
        var outside = ClinicAppFactory.UniqueName();
        var inside = ClinicAppFactory.UniqueName();

        await QueryNamedAsync(outside);
        using (var request = new ActivitySource("Microsoft.AspNetCore").StartActivity("GET", ActivityKind.Server)) // a request's span, as ASP.NET Core starts it
        {
            Assert.NotNull(request);
            await QueryNamedAsync(inside);
        }

        await SpanAsync(s => Holds(s, inside)); // the control: the name does show in a traced query's text
        Assert.DoesNotContain(app.Spans.Snapshot(), s => Holds(s, outside));

        static bool Holds(Activity span, string text) => span.TagObjects.Any(t => t.Value is string value && value.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_duration_and_runtime_metrics_are_recorded_by_route()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);

        app.Flush();
        var metrics = app.Metrics.Snapshot();

        var duration = metrics.Where(m => m.Name == "http.server.request.duration").ToList();
        Assert.NotEmpty(duration);
        Assert.Contains(duration.SelectMany(m => m.MetricPoints), p => Tags(p).Any(t => t.Key == "http.route" && t.Value as string == "Patients"));
        Assert.Contains(metrics, m => m.Name.StartsWith("dotnet.", StringComparison.Ordinal)); // the runtime's own
    }

    [Fact]
    public void The_scrubber_takes_out_status_messages_parameter_values_and_the_values_in_a_path()
    {
        using var source = ListenedSource();
        using var span = source.StartActivity("GET", ActivityKind.Server)!;
        span.SetTag("http.request.method", "GET");
        span.SetTag("http.route", "feeds/{token}.ics");
        span.SetTag("url.path", "/feeds/SECRETTOKEN.ics");
        span.SetTag("db.query.parameter.p0", "Smith");
        span.SetStatus(ActivityStatusCode.Error, "duplicate key (Smith)");
        span.Stop();

        new TelemetryScrubber().OnEnd(span);

        Assert.Equal("GET /feeds/{token}.ics", span.DisplayName);
        Assert.Equal("/feeds/{token}.ics", span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("db.query.parameter.p0"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.StatusDescription);
        Assert.True(span.Recorded);
    }

    [Fact]
    public void A_span_with_an_exception_message_is_not_exported_and_its_parent_gets_the_error_type()
    {
        using var source = ListenedSource();
        using var command = source.StartActivity("main", ActivityKind.Client)!;
        var failed = source.StartActivity("clinic", ActivityKind.Client)!;
        failed.SetTag("error.type", "23505");
        failed.SetTag("db.response.status_code", "23505");
        failed.AddException(new InvalidOperationException("Key (last_name)=(Smith) already exists"));
        failed.Stop();

        new TelemetryScrubber().OnEnd(failed);

        Assert.False(failed.Recorded);
        Assert.True(command.Recorded);
        Assert.Equal("23505", command.GetTagItem("error.type"));
        Assert.Equal("23505", command.GetTagItem("db.response.status_code"));
    }

    /// <summary>Every name, attribute, status and event of every span recorded, and every metric's attributes.</summary>
    private void AssertNothingHolds(string surname)
    {
        var spans = app.Spans.Snapshot();
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            var texts = new List<string?> { span.DisplayName, span.OperationName, span.StatusDescription };
            texts.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")));
            Assert.DoesNotContain(texts, text => text?.Contains(surname, StringComparison.OrdinalIgnoreCase) == true);
        }

        Assert.DoesNotContain(app.Metrics.Snapshot().SelectMany(m => m.MetricPoints).SelectMany(Tags),
            tag => tag.Value?.ToString()?.Contains(surname, StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>A query whose text holds <paramref name="name"/> as a column alias (the instrumentation drops comments and literals).</summary>
    private Task<int> QueryNamedAsync(string name)
    {
        var sql = "SELECT 1 AS \"" + name + "\""; // the name is the test's own letters and digits
        return app.GetAsync(services => services.GetRequiredService<MicroNeedling.Clinic.Data.ClinicDbContext>().Database.ExecuteSqlRawAsync(sql));
    }

    private static ActivitySource ListenedSource()
    {
        var source = new ActivitySource("MicroNeedling.Tests.Scrubber." + Guid.NewGuid().ToString("N"));
        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        });
        return source;
    }

    private static HttpRequestMessage Traced(ActivityTraceId trace, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    /// <summary>The span that matches, once it has ended (the server's span ends just after the response is sent).</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            if (app.Spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No such span was recorded.");
    }

    private bool IsBelow(Activity span, Activity ancestor)
    {
        var byId = app.Spans.Snapshot().Where(s => s.TraceId == ancestor.TraceId).ToDictionary(s => s.SpanId);
        for (var current = span; current.ParentSpanId != ancestor.SpanId; current = byId[current.ParentSpanId])
        {
            if (!byId.ContainsKey(current.ParentSpanId))
            {
                return false;
            }
        }

        return true;
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToUpperInvariant())) >= 0
        || body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToLowerInvariant())) >= 0;

    /// <summary>OTLP protobuf carries a trace id as its 16 raw bytes.</summary>
    private static bool ContainsTraceId(byte[] body, ActivityTraceId trace)
    {
        Span<byte> id = stackalloc byte[16];
        trace.CopyTo(id);
        return body.AsSpan().IndexOf(id) >= 0;
    }
}

/// <summary>Without an OTLP endpoint, nothing of OpenTelemetry is in the app (the shared test host has none).</summary>
[Collection(SharedApp.Name)]
public sealed class TelemetryOffTests(ClinicAppFactory app)
{
    [Fact]
    public void Without_an_endpoint_no_tracer_or_meter_provider_is_registered()
    {
        Assert.Null(TelemetryTarget.Of(app.Services.GetRequiredService<IConfiguration>()));
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Assembly.GetName().Name!.StartsWith("OpenTelemetry", StringComparison.Ordinal)
            || s.GetType().FullName!.Contains("Telemetry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null, null, null, null)]
    [InlineData("http://127.0.0.1:4318", "http/protobuf", null, null, "http://127.0.0.1:4318/v1/traces", OtlpProtocol.HttpProtobuf)]
    [InlineData("http://collector:4317", null, null, null, "http://collector:4317/", OtlpProtocol.Grpc)]
    [InlineData("http://ignored:4317", "grpc", "https://otel.clinic.example/base/", "http/protobuf", "https://otel.clinic.example/base/v1/traces", OtlpProtocol.HttpProtobuf)]
    [InlineData(null, null, "http://collector:4317", null, "http://collector:4317/", OtlpProtocol.Grpc)]
    public void The_endpoint_and_protocol_come_from_the_standard_variables_or_the_apps_own_keys(
        string? standardEndpoint, string? standardProtocol, string? endpoint, string? protocol, string? traces, OtlpProtocol? expected)
    {
        var target = TelemetryTarget.Of(Configuration(standardEndpoint, standardProtocol, endpoint, protocol));

        Assert.Equal(traces, target?.EndpointFor("v1/traces").AbsoluteUri);
        Assert.Equal(expected, target?.Protocol);
    }

    [Theory]
    [InlineData("collector:4317", null)]
    [InlineData("ftp://collector", null)]
    [InlineData("http://collector:4317", "http/json")]
    public void A_malformed_endpoint_or_an_unknown_protocol_stops_the_start_with_a_message(string endpoint, string? protocol)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TelemetryTarget.Of(Configuration(endpoint, protocol, null, null)));

        Assert.StartsWith("OTEL_EXPORTER_OTLP_", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? standardEndpoint, string? standardProtocol, string? endpoint, string? protocol) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryTarget.StandardEndpointKey] = standardEndpoint,
            [TelemetryTarget.StandardProtocolKey] = standardProtocol,
            [TelemetryTarget.EndpointKey] = endpoint,
            [TelemetryTarget.ProtocolKey] = protocol,
        }).Build();
}

/// <summary>A list that exporters add to on their own threads while a test reads a copy.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count
    {
        get
        {
            lock (items)
            {
                return items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public List<T> Snapshot()
    {
        lock (items)
        {
            return [.. items];
        }
    }

    public void Add(T item)
    {
        lock (items)
        {
            items.Add(item);
        }
    }

    public void Clear()
    {
        lock (items)
        {
            items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (items)
        {
            return items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The smallest OTLP/HTTP collector: answers 200 to every POST and keeps the path and body.</summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly LockedCollection<(string Path, byte[] Body)> received = new();

    public OtlpCollector()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Address + "/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Address { get; }

    public List<string> Paths => received.Snapshot().Select(r => r.Path).ToList();

    public List<byte[]> Bodies => received.Snapshot().Select(r => r.Body).ToList();

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
