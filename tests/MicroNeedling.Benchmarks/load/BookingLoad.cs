using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MicroNeedling.Benchmarks.Load;

/// <summary>
/// The booking POST under load: N workers post the real booking form, each POST for a different planned sitting
/// (from seed-demo's --bookable-out list) into a slot no other POST of this run uses. A 302 to the calendar is a
/// booking; a 200 is the form shown again with a rule's refusal (the slot was taken in the seeded calendar, the
/// clinician does not work then, ...). Both are counted and timed; the worker then tries the sitting's next slot.
/// Prints one JSON object.
/// </summary>
public static partial class BookingLoad
{
    private const int TriesPerSitting = 4;

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        // --base takes one URL, or several separated by commas (app instances behind the same database): the workers
        // take them in turn, so the POSTs split evenly, and one latency list covers all of them.
        var baseUris = arguments.Required("base").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b => new Uri(b)).ToList();
        var cookie = arguments.Required("cookie");
        var sittingIds = File.ReadLines(arguments.Required("sittings"))
            .Select(l => l.Trim()).Where(l => l.Length > 0).Take(arguments.Number("count", 300))
            .Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var workers = arguments.Number("workers", 16);
        var deadline = TimeSpan.FromSeconds(arguments.Number("seconds", 60));

        var clients = baseUris.Select(uri => Client(uri, cookie, (workers + baseUris.Count - 1) / baseUris.Count)).ToList();
        var http = clients[0];

        // Untimed preparation: the form's token, choices, and each sitting's recommended first day.
        var plans = new List<SittingPlan>();
        string? token = null;
        List<string> clinicians = [];
        List<string> rooms = [];
        foreach (var id in sittingIds)
        {
            var html = await http.GetStringAsync($"/Bookings/Create?sittingId={id}");
            if (token is null)
            {
                token = TokenPattern().Match(html).Groups[1].Value;
                clinicians = Options(html, "Input_ClinicianId");
                rooms = Options(html, "Input_RoomId");
            }

            var earliest = RecommendedPattern().Match(html) is { Success: true } m
                ? DateOnly.ParseExact(m.Groups[1].Value, "d MMM yyyy", CultureInfo.InvariantCulture)
                : DateOnly.FromDateTime(DateTime.Today).AddDays(1);
            plans.Add(new SittingPlan(id, earliest));
        }

        if (string.IsNullOrEmpty(token) || clinicians.Count == 0 || rooms.Count == 0)
        {
            Console.Error.WriteLine("The booking form showed no antiforgery token, clinician or room.");
            return 1;
        }

        var slots = new SlotAllocator(clinicians, rooms);
        var queue = new ConcurrentQueue<SittingPlan>(plans);
        var latencies = new ConcurrentBag<double>();
        int booked = 0, refused = 0, other = 0;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync(HttpClient http)
        {
            while (clock.Elapsed < deadline && queue.TryDequeue(out var plan))
            {
                for (var attempt = 0; attempt < TriesPerSitting && clock.Elapsed < deadline; attempt++)
                {
                    var slot = slots.Next(plan.Earliest);
                    var form = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["Input.SittingId"] = plan.SittingId.ToString(CultureInfo.InvariantCulture),
                        ["Input.ClinicianId"] = slot.ClinicianId,
                        ["Input.RoomId"] = slot.RoomId,
                        ["Input.Date"] = slot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["Input.Time"] = slot.Time.ToString("HH:mm", CultureInfo.InvariantCulture),
                        // Sittings of long-running courses may fall beyond the recommended interval; the desk confirms.
                        ["Input.ConfirmLongInterval"] = "true",
                        ["__RequestVerificationToken"] = token,
                    });
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsync($"/Bookings/Create?sittingId={plan.SittingId}", form);
                    await response.Content.ReadAsByteArrayAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Calendar", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        Interlocked.Increment(ref booked);
                        break;
                    }

                    Interlocked.Increment(ref (response.StatusCode == HttpStatusCode.OK ? ref refused : ref other));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(clients[i % clients.Count]))));
        clients.ForEach(c => c.Dispose());
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            posts = sorted.Length,
            booked,
            refused,
            other,
            sittings = plans.Count,
            instances = clients.Count,
            seconds = Math.Round(seconds, 2),
            rps = Math.Round(sorted.Length / seconds, 1),
            p50Ms = Percentile(sorted, 50),
            p95Ms = Percentile(sorted, 95),
            p99Ms = Percentile(sorted, 99),
        }));
        return other > 0 ? 1 : 0;
    }

    private static HttpClient Client(Uri baseUri, string cookie, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections })
        {
            BaseAddress = baseUri,
        };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)], 2);

    private static List<string> Options(string html, string selectId)
    {
        var select = Regex.Match(html, $"<select id=\"{selectId}\".*?</select>", RegexOptions.Singleline).Value;
        return [.. OptionPattern().Matches(select).Select(m => m.Groups[1].Value).Where(v => v.Length > 0)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("Recommended: from [A-Za-z]{3} (\\d{1,2} [A-Za-z]{3} \\d{4})")]
    private static partial Regex RecommendedPattern();

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionPattern();

    private sealed record SittingPlan(int SittingId, DateOnly Earliest);
}

/// <summary>A slot in the booking form's terms.</summary>
public sealed record BookingSlot(string ClinicianId, string RoomId, DateOnly Date, TimeOnly Time);

/// <summary>
/// Hands out slots no other POST of the run uses: per day, three starts three hours apart (longer than the longest
/// appointment), each clinician with a room of their own in turn, Monday to Saturday, from a sitting's earliest day.
/// </summary>
public sealed class SlotAllocator(IReadOnlyList<string> clinicians, IReadOnlyList<string> rooms)
{
    private static readonly TimeOnly[] Starts = [new(9, 0), new(12, 0), new(15, 0)];
    private readonly HashSet<(DateOnly, int, string)> usedClinicians = [];
    private readonly HashSet<(DateOnly, int, string)> usedRooms = [];
    private readonly Lock gate = new();

    public BookingSlot Next(DateOnly earliest)
    {
        lock (gate)
        {
            var tomorrow = DateOnly.FromDateTime(DateTime.Today).AddDays(1);
            for (var day = earliest < tomorrow ? tomorrow : earliest; ; day = day.AddDays(1))
            {
                if (day.DayOfWeek == DayOfWeek.Sunday)
                {
                    continue;
                }

                for (var s = 0; s < Starts.Length; s++)
                {
                    var clinician = clinicians.FirstOrDefault(c => !usedClinicians.Contains((day, s, c)));
                    var room = rooms.FirstOrDefault(r => !usedRooms.Contains((day, s, r)));
                    if (clinician is not null && room is not null)
                    {
                        usedClinicians.Add((day, s, clinician));
                        usedRooms.Add((day, s, room));
                        return new BookingSlot(clinician, room, day, Starts[s]);
                    }
                }
            }
        }
    }
}
