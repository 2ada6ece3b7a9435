using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MicroNeedling.Benchmarks.Load;

/// <summary>
/// A stand-in OTLP/HTTP collector for the harness's "telemetry on" run: answers 200 with an empty body to
/// POST /v1/traces, /v1/metrics and /v1/logs (an empty body is a valid, fully accepted Export*ServiceResponse in
/// protobuf), and counts requests and bytes per signal. GET /count returns the counts as JSON. It keeps nothing, so
/// the exporter's cost is measured without a real collector's work on the same machine.
/// </summary>
public static class OtlpSink
{
    private static readonly string[] Signals = ["traces", "metrics", "logs"];

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var port = arguments.Number("port", 4318);
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        listener.Start();
        var counts = new ConcurrentDictionary<string, Count>(Signals.Select(s => KeyValuePair.Create(s, new Count())));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OTLP sink listening on 127.0.0.1:{port}"));
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(() => AnswerAsync(context, counts));
        }

        return 0;
    }

    private static async Task AnswerAsync(HttpListenerContext context, ConcurrentDictionary<string, Count> counts)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url?.AbsolutePath ?? "";
            if (request.HttpMethod == "POST" && path.StartsWith("/v1/", StringComparison.Ordinal) && counts.TryGetValue(path[4..], out var count))
            {
                var buffer = new byte[16 * 1024];
                long bytes = 0;
                int read;
                while ((read = await request.InputStream.ReadAsync(buffer)) > 0)
                {
                    bytes += read;
                }

                count.Add(bytes);
                response.StatusCode = 200;
                response.ContentType = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "application/json" : "application/x-protobuf";
                response.ContentLength64 = 0;
            }
            else if (request.HttpMethod == "GET" && path == "/count")
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(counts.ToDictionary(c => c.Key, c => new { requests = c.Value.Requests, bytes = c.Value.Bytes }));
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength64 = json.Length;
                await response.OutputStream.WriteAsync(json);
            }
            else
            {
                response.StatusCode = 404;
                response.ContentLength64 = 0;
            }
        }
        finally
        {
            response.Close();
        }
    }

    private sealed class Count
    {
        private long requests;
        private long bytes;

        public long Requests => Interlocked.Read(ref requests);

        public long Bytes => Interlocked.Read(ref bytes);

        public void Add(long size)
        {
            Interlocked.Increment(ref requests);
            Interlocked.Add(ref bytes, size);
        }
    }
}
