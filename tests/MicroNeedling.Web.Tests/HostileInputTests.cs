using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Posts the <see cref="HostileInputCorpus"/> into every field of every form of the app, with the form's antiforgery
/// token, as a user allowed to use it. The forms are found by reading each page's <c>&lt;form method=post&gt;</c>, and
/// <see cref="EveryForm"/> is checked against every POST handler the app's endpoints list.
/// <para>
/// The scheme, per form (the other fields keep the valid values the page shows or <see cref="FormTarget.Defaults"/>):
/// each field alone gets the values that matter for its type (<see cref="HostileInputCorpus.For"/>: every length past a
/// column limit, markup, SQL and control characters for text; the extremes of numbers, dates and times for typed
/// fields), the fields of a table's later rows a handful; then a sample of every category goes into all fields at once.
/// The text-heavy forms get every corpus value in each text field alone. A form with no field is posted once, and with
/// hostile route ids. Setting HOSTILE_EVERY_VALUE=1 posts every value into every field alone (too slow for every run).
/// </para>
/// <para>
/// Every response must: not be a 5xx or a 400; not contain a marked value with markup characters verbatim. A 200 must
/// show a message and must not have written to the database; an accepted post (a redirect) is followed, and the page it
/// leads to must show the text encoded. Forms that change the clinic's set-up run after the others, alone, and their
/// tables are restored afterwards so the rest of the suite sees the clinic unchanged.
/// </para>
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class HostileInputTests(ClinicAppFactory app, ITestOutputHelper output)
{
    /// <summary>Set to 1 to post every corpus value into every field of every form alone (about 30,000 posts; not for every run).</summary>
    private const string EveryValueVariable = "HOSTILE_EVERY_VALUE";
    private const int Parallelism = 4;
    private static readonly HtmlParser Parser = new();
    private static readonly DateOnly Today = new(2026, 3, 10);

    /// <summary>Every post form of the app, by page and handler: the test fails when one was not reached or a new one appears.</summary>
    private static readonly string[] EveryForm =
    [
        "/Account/Login", "/Account/Logout",
        "/Patients/Create", "/Patients/Edit",
        "/Screening/Create", "/Screening/Clearance",
        "/Plans/Create", "/Plans/Cancel", "/Plans/BookCourse",
        "/Bookings/Create", "/Bookings/Move", "/Bookings/Cancel",
        "/Bookings/Details?handler=CheckIn", "/Bookings/Details?handler=NoShow", "/Bookings/Details?handler=UndoNoShow", "/Bookings/Details?handler=NotPerformed",
        "/Sittings/ReScreen", "/Sittings/Chart",
        "/SideEffects/Create", "/SideEffects/Review",
        "/Admin/Staff/Create", "/Admin/Staff?handler=Disable", "/Admin/Staff?handler=Enable",
        "/Admin/Settings",
        "/Admin/Rooms", "/Admin/Rooms?handler=Rename", "/Admin/Rooms?handler=Deactivate", "/Admin/Rooms?handler=Activate",
        "/Admin/OpeningHours", "/Admin/OpeningHours?handler=AddClosedDay", "/Admin/OpeningHours?handler=RemoveClosedDay",
        "/Admin/Clinicians/Hours", "/Admin/Clinicians/Hours?handler=AddTimeOff", "/Admin/Clinicians/Hours?handler=RemoveTimeOff",
        "/Admin/DepthRanges",
        "/Patients/EmergencyAccess", "/Patients/Details?handler=Restrict", "/Patients/Details?handler=LiftRestriction",
        "/Admin/EmergencyAccess?handler=Review", "/Admin/Audit?handler=Verify",
        "/Account/ChangePassword", "/Account/TwoFactor/Setup", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode",
        "/Consent/Sign", "/Consent/Withdraw", "/Photos/Sitting", "/Documents/Patient",
        "/Admin/Consent", "/Admin/Consent/Edit",
        "/Waitlist/Add", "/Waitlist?handler=Remove", "/Waitlist/Slot?handler=Book", "/Waitlist/Slot?handler=Offer",
        "/Recalls?handler=Answer", "/Admin/Outbox?handler=Resend", "/Unsubscribe",
        "/Account/CalendarFeed?handler=Create", "/Account/CalendarFeed?handler=Revoke",
    ];

    /// <summary>
    /// POST handlers of the app that <see cref="EveryForm"/> leaves out on purpose, and why. Every other handler the app's
    /// endpoints list must be in <see cref="EveryForm"/>, whether or not a page the test opens shows its form.
    /// </summary>
    private static readonly Dictionary<string, string> NotFuzzed = new(StringComparer.Ordinal)
    {
        // Re-executed by the status-code pages for a failed POST; it takes no input and changes nothing.
        ["/Error"] = "the error page",

        // Discarding the consent draft reads no field; the consent tests discard one.
        ["/Admin/Consent/Edit?handler=Discard"] = "takes no input",
    };

    /// <summary>
    /// Text fields longer than the usual 4000 characters by design, with their limit: the consent text runs to pages.
    /// Anything longer must still be refused.
    /// </summary>
    private static int LongestTextOf(string form, string field) =>
        (form, field) is ("/Admin/Consent/Edit", "Input.Body") ? Clinic.Consent.ConsentLimits.BodyLength : 4000;

    /// <summary>The tables the clinic set-up forms change; saved before those forms run and put back after.</summary>
    private static readonly string[] SetupTables = ["ClinicSettings", "OpeningHours", "ClosedDays", "DepthRanges", "TimeOff"];

    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> failures = new();
    private readonly ConcurrentDictionary<string, byte> formsSeen = new();
    private readonly ConcurrentDictionary<string, byte> formsPosted = new();
    private readonly ConcurrentDictionary<string, byte> fieldsPosted = new();
    private readonly ConcurrentDictionary<string, (int Accepted, int ShownBack)> markupAccepted = new();
    private readonly ConcurrentDictionary<string, TimeSpan> formTimes = new();
    private int requests;
    private int posts;
    private int refused;
    private int accepted;
    private int nulRefusals;
    private string? nulPage;

    [Fact]
    public void The_corpus_holds_at_least_200_distinct_values_from_every_category()
    {
        output.WriteLine($"{HostileInputCorpus.All.Count} values: {HostileInputCorpus.Describe()}");
        Assert.Equal(HostileInputCorpus.All.Count, HostileInputCorpus.DistinctCount);
        Assert.True(HostileInputCorpus.DistinctCount >= 200, $"Only {HostileInputCorpus.DistinctCount} distinct values.");
        Assert.Equal(
            ["blank", "control", "date", "email", "identifier", "long", "markup", "number", "sql-like", "time", "unicode"],
            HostileInputCorpus.All.Select(v => v.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(HostileInputCorpus.All, v => v.Text.Length >= 100 * 1024);
    }

    [Fact]
    public async Task Every_form_refuses_or_safely_stores_every_hostile_value_and_never_fails()
    {
        var watch = Stopwatch.StartNew();
        var clients = new Dictionary<string, HttpClient>
        {
            [Roles.FrontDesk] = await app.LoginAsAsync(Roles.FrontDesk),
            [Roles.Clinician] = await app.LoginAsAsync(Roles.Clinician),
            [Roles.Admin] = await app.LoginAsAsync(Roles.Admin),
            [""] = app.CreateBrowserlessClient(),
        };
        var (patientForms, setupForms) = await SetUpTargetsAsync();

        await Parallel.ForEachAsync(patientForms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (target, _) => await FuzzAsync(clients, target));

        var saved = await SaveTablesAsync();
        try
        {
            await Parallel.ForEachAsync(setupForms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (target, _) => await FuzzAsync(clients, target));
        }
        finally
        {
            await RestoreTablesAsync(saved);
        }

        await LogOutOnceAsync();

        // Read from the app's endpoints, so a handler whose form no page the test opens shows is still listed.
        var handlers = (await PostHandlersAsync()).ToList();

        output.WriteLine($"Corpus: {HostileInputCorpus.All.Count} values ({HostileInputCorpus.Describe()}).");
        output.WriteLine($"Forms posted: {formsPosted.Count}: {string.Join(", ", formsPosted.Keys.Order(StringComparer.Ordinal))}.");
        output.WriteLine($"Fields posted: {fieldsPosted.Count}.");
        output.WriteLine($"POST handlers of the app: {handlers.Count}, of which not fuzzed: {string.Join(", ", NotFuzzed.Keys)}.");
        output.WriteLine($"Requests: {requests} ({posts} posts: {refused} refused, {accepted} accepted) in {watch.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine($"Posts with a NUL character refused by the form reader with 400: {nulRefusals}; the page: {nulPage}");
        foreach (var (form, time) in formTimes.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  {form}: {time.TotalSeconds:F1} s");
        }

        foreach (var (field, counts) in markupAccepted.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  markup accepted into {field}: {counts.Accepted}, shown back encoded: {counts.ShownBack}");
        }

        var unknown = formsSeen.Keys.Union(handlers).Except(EveryForm).Except(NotFuzzed.Keys).Order(StringComparer.Ordinal).ToList();
        var unreached = EveryForm.Except(formsPosted.Keys).ToList();
        var notHandlers = EveryForm.Concat(NotFuzzed.Keys).Except(handlers).ToList();
        Assert.True(unknown.Count == 0, $"Forms the test does not post: {string.Join(", ", unknown)}");
        Assert.True(notHandlers.Count == 0, $"Listed forms the app has no POST handler for: {string.Join(", ", notHandlers)}");
        Assert.True(unreached.Count == 0, $"Forms the crawl did not reach: {string.Join(", ", unreached)}");
        var report = failures.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key} ×{f.Value.Count}: {f.Value.First()}").ToList();
        Assert.True(report.Count == 0, $"{report.Count} kinds of failure:\n{string.Join("\n", report)}");
        Assert.True(posts >= 3000, $"Only {posts} posts.");
        Assert.True(markupAccepted.Values.Sum(c => c.ShownBack) > 0, "No accepted markup was shown back.");
    }

    /// <summary>One form to post: the page that shows it, who may use it, and how to pick it among the page's forms.</summary>
    private sealed class FormTarget(string role, string pageUrl)
    {
        public string Role => role;

        public string PageUrl { get; set; } = pageUrl;

        /// <summary>The handler of the form to post (from its action or its submit button); null for the page's own post.</summary>
        public string? Handler { get; init; }

        /// <summary>Picks the form that holds a hidden input with this value, among one form per row.</summary>
        public string? RowValue { get; init; }

        /// <summary>Values for fields the page leaves empty or for which it shows no valid value, made fresh for every post.</summary>
        public Dictionary<string, Func<string>> Defaults { get; init; } = [];

        /// <summary>Puts the target back after an accepted post; returns a new page when the old one is used up.</summary>
        public Func<Uri?, Task<string?>>? AfterAccepted { get; init; }

        /// <summary>Posts every corpus value into each text field alone (pass C).</summary>
        public bool TextHeavy { get; init; }

        /// <summary>
        /// For a form whose service writes inside a transaction and rolls it back when a later line fails: what it would
        /// have stored, counted before and after each refused post instead of watching the commands.
        /// </summary>
        public Func<Task<int>>? StoredRows { get; init; }

        /// <summary>The sign-in forms: their defaults are a wrong password or code, and a refused post still records the failed attempt.</summary>
        public bool IsSignIn { get; init; }

        /// <summary>Every post must be refused, the form's own values too: a code no authenticator app showed.</summary>
        public bool MustRefuse { get; init; }

        /// <summary>The post is a question answered by a page (the audit chain check), not a change answered by a redirect.</summary>
        public bool AnswersWithPage { get; init; }

        /// <summary>Fields that take the fuzzed value of another (a password and its confirmation), so the pair is tested together.</summary>
        public Dictionary<string, string> SameAs { get; init; } = [];

        /// <summary>A client of the target's own (an account in the middle of signing in, or one whose password changes); else the role's.</summary>
        public HttpClient? Client { get; init; }

        /// <summary>Fields the page shows but does not read (a user name for password managers): posted as shown, never fuzzed.</summary>
        public string[] Unread { get; init; } = [];

        /// <summary>Runs after each refused post, e.g. to keep wrong codes below the lockout.</summary>
        public Func<Task>? AfterRefused { get; init; }

        public string Key => FormKey(PageUrl, Handler);
    }

    private sealed record Field(string Name, string Kind)
    {
        public bool IsText => Kind is "text" or "textarea" or "email" or "password" or "search";

        /// <summary>A field of the second or later row of a table form (Days[3].Start, Ranges[2].MinMm).</summary>
        public bool IsLaterRow => RowIndex().Match(Name) is { Success: true } m && m.Groups[1].Value != "0";
    }

    private sealed record DiscoveredForm(string Key, string PostUrl, string Token, List<KeyValuePair<string, string>> Values, List<Field> Fields);

    private async Task FuzzAsync(Dictionary<string, HttpClient> clients, FormTarget target)
    {
        var client = target.Client ?? clients[target.Role];
        var watch = Stopwatch.StartNew();
        await FuzzFormAsync(client, target);
        formTimes[target.Key + (target.RowValue is null ? "" : " (row)")] = watch.Elapsed;
    }

    private async Task FuzzFormAsync(HttpClient client, FormTarget target)
    {
        var form = await DiscoverAsync(client, target);
        if (form is null)
        {
            return;
        }

        // First the form as the page and the defaults fill it: it must be accepted, so that a refusal later is the hostile value's doing.
        form = await PostAsync(client, target, form, [], null);
        var fuzzable = form.Fields.Where(f => !target.Unread.Contains(f.Name)).ToList();
        if (fuzzable.Count == 0)
        {
            // A handler without an id in its route (the audit chain check) has nothing more to post.
            foreach (var value in RouteId().IsMatch(form.PostUrl) ? HostileInputCorpus.ForRouteIds : [])
            {
                var url = RouteId().Replace(form.PostUrl, "/" + Uri.EscapeDataString(value.Text) + "$1", 1);
                await PostAsync(client, target, form with { PostUrl = url }, [], value);
            }

            return;
        }

        var everyValue = target.TextHeavy || Environment.GetEnvironmentVariable(EveryValueVariable) == "1";
        foreach (var field in fuzzable.Where(f => everyValue || !f.IsLaterRow))
        {
            var values = everyValue && (field.IsText || !target.TextHeavy) ? HostileInputCorpus.All
                : field.IsLaterRow ? HostileInputCorpus.ForLaterRows
                : HostileInputCorpus.For(field.Kind);
            foreach (var value in values)
            {
                form = await PostAsync(client, target, form, [field], value);
            }
        }

        // All fields at once, so that no check between fields can break on two hostile values together.
        foreach (var value in HostileInputCorpus.ForAllFieldsAtOnce)
        {
            form = await PostAsync(client, target, form, fuzzable, value);
        }
    }

    private async Task<DiscoveredForm?> DiscoverAsync(HttpClient client, FormTarget target)
    {
        Interlocked.Increment(ref requests);
        var response = await client.GetAsync(target.PageUrl);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Fail(target.Key, "form page", $"GET {target.PageUrl} returned {(int)response.StatusCode}");
            return null;
        }

        var document = await Parser.ParseDocumentAsync(html);
        DiscoveredForm? chosen = null;
        foreach (var form in document.QuerySelectorAll("form").Where(IsPostForm))
        {
            var action = form.QuerySelector("button[formaction]")?.GetAttribute("formaction") ?? form.GetAttribute("action");
            var handler = action is null ? null : HandlerParameter().Match(action) is { Success: true } m ? m.Groups[1].Value : null;
            var key = FormKey(target.PageUrl, handler);
            formsSeen.TryAdd(key, 0);
            var rowMatches = target.RowValue is null || form.QuerySelectorAll("input[type=hidden]").Any(i => i.GetAttribute("value") == target.RowValue);
            if (chosen is null && rowMatches && (target.RowValue is not null || handler == target.Handler))
            {
                chosen = Read(form, key, string.IsNullOrEmpty(action) ? target.PageUrl : action);
            }
        }

        if (chosen is null)
        {
            Fail(target.Key, "form page", $"GET {target.PageUrl} shows no such form");
        }

        return chosen;
    }

    private static DiscoveredForm Read(IElement form, string key, string postUrl)
    {
        var token = "";
        var values = new List<KeyValuePair<string, string>>();
        var fields = new List<Field>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (name == "__RequestVerificationToken")
            {
                token = element.GetAttribute("value") ?? "";
                continue;
            }

            var kind = element switch
            {
                IHtmlSelectElement => "select",
                IHtmlTextAreaElement => "textarea",
                _ => element.GetAttribute("type")?.ToLowerInvariant() ?? "text",
            };
            if (fields.All(f => f.Name != name))
            {
                fields.Add(new Field(name, kind));
            }

            if (element.SentValue() is { } value)
            {
                values.Add(new(name, value));
            }
        }

        return new DiscoveredForm(key, postUrl, token, values, fields);
    }

    /// <summary>Posts one hostile value into <paramref name="fuzzed"/>, checks the answer, and returns the form to post next.</summary>
    private async Task<DiscoveredForm> PostAsync(HttpClient client, FormTarget target, DiscoveredForm form, IReadOnlyList<Field> fuzzed, HostileValue? value)
    {
        var fields = form.Values.ToList();
        foreach (var (name, make) in target.Defaults)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, make()));
        }

        foreach (var field in fuzzed)
        {
            fields.RemoveAll(f => f.Key == field.Name);
            fields.Add(new(field.Name, value!.Text));
            fieldsPosted.TryAdd($"{form.Key} {field.Name}", 0);
        }

        foreach (var (copy, source) in target.SameAs)
        {
            if (fuzzed.Any(f => f.Name == source))
            {
                fields.RemoveAll(f => f.Key == copy);
                fields.Add(new(copy, value!.Text));
            }
        }

        fields.Add(new("__RequestVerificationToken", form.Token));
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.PostUrl)
        {
            Content = new StringContent(
                string.Join("&", fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value))),
                Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(CommandLog.RequestTagHeader, tag);
        var rowsBefore = target.StoredRows is null ? 0 : await target.StoredRows();
        Interlocked.Increment(ref requests);
        Interlocked.Increment(ref posts);
        formsPosted.TryAdd(form.Key, 0);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var what = value is null ? "no value" : fuzzed.Count == 1 ? fuzzed[0].Name : fuzzed.Count == 0 ? "route id" : "all fields";
        var where = $"{form.Key} [{what}]";
        var example = $"{value?.ToString() ?? "plain post"} → {status}";

        if (value is { NeedsEncoding: true } && body.Contains(value.Text, StringComparison.Ordinal))
        {
            Fail(where, "value echoed without encoding", example);
        }

        if (value is null && !target.IsSignIn && !target.MustRefuse && !target.AnswersWithPage
            && response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
        {
            var messages = (await Parser.ParseDocumentAsync(body)).QuerySelectorAll(".field-error, .field-validation-error, .error-summary, .warning")
                .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);
            Fail(form.Key, "the form's own valid values were refused", $"{status}: {string.Join(" | ", messages)}");
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.OK when target.AnswersWithPage && value is null:
                Interlocked.Increment(ref accepted);
                if (app.Sql.WritesFor(tag) > 0)
                {
                    Fail(where, "a question stored something", example);
                }

                return form;
            case HttpStatusCode.OK:
                Interlocked.Increment(ref refused);
                var page = await Parser.ParseDocumentAsync(body);
                if (!ShowsAMessage(page))
                {
                    Fail(where, "200 without a message", example);
                }

                var stored = target.StoredRows is null ? app.Sql.WritesFor(tag) : await target.StoredRows() - rowsBefore;
                if (!target.IsSignIn && stored != 0)
                {
                    Fail(where, "refused but stored", example);
                }

                if (target.AfterRefused is not null)
                {
                    await target.AfterRefused();
                }

                return form;
            case HttpStatusCode.NotFound when fuzzed.Count == 0 || fuzzed.Any(f => f.Kind is "hidden"):
                Interlocked.Increment(ref refused);
                if (app.Sql.WritesFor(tag) > 0)
                {
                    Fail(where, "404 but stored", example);
                }

                return form;
            case HttpStatusCode.BadRequest when value is not null && value.Text.Contains('\0', StringComparison.Ordinal):
                // ASP.NET Core's form reader cannot decode %00 and refuses the whole post before the app sees it
                // (dotnet/aspnetcore#19862): the antiforgery check cannot read the form and answers 400. Nothing may be stored.
                Interlocked.Increment(ref refused);
                Interlocked.Increment(ref nulRefusals);
                var title = (await Parser.ParseDocumentAsync(body)).Title;
                nulPage ??= string.IsNullOrWhiteSpace(title) ? $"{body.Length} characters: {body[..Math.Min(body.Length, 120)]}" : title;
                if (app.Sql.WritesFor(tag) > 0)
                {
                    Fail(where, "a form with a NUL character stored something", example);
                }

                return form;
            case HttpStatusCode.Redirect or HttpStatusCode.SeeOther:
                Interlocked.Increment(ref accepted);
                if (target.MustRefuse)
                {
                    Fail(where, "accepted a value it must refuse", example);
                }

                if (value is { TooLongForAnyField: true } && fuzzed.Any(f => f.IsText && value.Text.Length > LongestTextOf(target.Key, f.Name)))
                {
                    Fail(where, "accepted more than 4000 characters", example);
                }

                if (value is { IsExtremeDate: true } && fuzzed is [{ Kind: "date" }])
                {
                    Fail(where, "accepted a date before 1900 or after 2100", example);
                }

                await CheckShownBackAsync(client, target, where, fuzzed, value, response.Headers.Location);
                if (target.AfterAccepted is not null && await target.AfterAccepted(response.Headers.Location) is { } next)
                {
                    target.PageUrl = next;
                    return await DiscoverAsync(client, target) ?? form;
                }

                return form;
            default:
                Fail(where, $"status {status}", example);
                return form;
        }
    }

    /// <summary>Follows an accepted post to the page it leads to and checks that the stored text comes back encoded.</summary>
    private async Task CheckShownBackAsync(HttpClient client, FormTarget target, string where, IReadOnlyList<Field> fuzzed, HostileValue? value, Uri? location)
    {
        if (location is null)
        {
            Fail(where, "redirect without a location", value?.ToString() ?? "");
            return;
        }

        Interlocked.Increment(ref requests);
        var response = await client.GetAsync(location);
        // A post that leads to the home page is sent on from there to the user's start page.
        for (var hops = 0; hops < 3 && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: false } next; hops++)
        {
            response.Dispose();
            Interlocked.Increment(ref requests);
            response = await client.GetAsync(next);
        }

        using var disposed = response;
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Fail(where, $"the page after an accepted post returned {(int)response.StatusCode}", value?.ToString() ?? "");
            return;
        }

        if (value is null)
        {
            return;
        }

        if (value.NeedsEncoding && body.Contains(value.Text, StringComparison.Ordinal))
        {
            Fail(where, "stored value shown without encoding", value.ToString());
        }

        if (value.Category == "markup" && fuzzed is [{ IsText: true, Kind: not "password" } field])
        {
            var shown = Shows(await Parser.ParseDocumentAsync(body), value.Text);
            if (!shown && !target.PageUrl.Contains("/Create", StringComparison.Ordinal))
            {
                // An edit form shows what it saved in its own fields.
                Interlocked.Increment(ref requests);
                using var again = await client.GetAsync(target.PageUrl);
                var html = await again.Content.ReadAsStringAsync();
                if (html.Contains(value.Text, StringComparison.Ordinal))
                {
                    Fail(where, "stored value shown without encoding on the form", value.ToString());
                }

                shown = Shows(await Parser.ParseDocumentAsync(html), value.Text);
            }

            markupAccepted.AddOrUpdate($"{target.Key} {field.Name}", (1, shown ? 1 : 0), (_, c) => (c.Accepted + 1, c.ShownBack + (shown ? 1 : 0)));
        }
    }

    private static bool Shows(IHtmlDocument page, string text) =>
        page.Body!.TextContent.Contains(text.Trim(), StringComparison.Ordinal)
        || page.QuerySelectorAll("input").OfType<IHtmlInputElement>().Any(i => i.Value.Contains(text.Trim(), StringComparison.Ordinal));

    private static bool ShowsAMessage(IHtmlDocument page) =>
        page.QuerySelectorAll(".field-validation-error, .validation-summary-errors, .field-error, .error-summary, [role=alert], .warning")
            .Any(e => !string.IsNullOrWhiteSpace(e.TextContent));

    private static bool IsPostForm(IElement form) =>
        string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) && form.ClassList.Contains("signout") is false;

    /// <summary>The page's path without ids, and the handler: <c>/Bookings/Details?handler=CheckIn</c>.</summary>
    private static string FormKey(string url, string? handler)
    {
        var path = url.Split('?')[0];
        path = IdSegment().Replace(path, "");
        return handler is null ? path : $"{path}?handler={handler}";
    }

    private void Fail(string where, string what, string example) =>
        failures.GetOrAdd($"{where}: {what}", _ => []).Add(example);

    /// <summary>Signs a throwaway session out through the layout's sign-out form, which every page has.</summary>
    private async Task LogOutOnceAsync()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var page = await client.GetDocumentAsync("/Patients");
        var form = page.QuerySelector("form.signout")!;
        var discovered = Read(form, "/Account/Logout", form.GetAttribute("action")!);
        await PostAsync(client, new FormTarget(Roles.Clinician, "/Account/Logout"), discovered, [], null);
    }

    /// <summary>Every POST handler of the app, read from its endpoints, as form keys (<c>/Admin/Rooms?handler=Rename</c>).</summary>
    private async Task<IEnumerable<string>> PostHandlersAsync() =>
        (await AppPages.LoadAsync(app)).SelectMany(page => page.PostHandlers.Select(handler =>
            FormKey(page.Path.EndsWith("/Index", StringComparison.Ordinal) ? page.Path[..^"/Index".Length] : page.Path,
                handler.Length == 0 ? null : handler["handler=".Length..])));

    [GeneratedRegex(@"handler=([A-Za-z]+)")]
    private static partial Regex HandlerParameter();

    // Numbers, GUIDs and the 43-character tokens of the unsubscribe links.
    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{43})(?=$|/)")]
    private static partial Regex IdSegment();

    [GeneratedRegex(@"/\d+(\?|$)")]
    private static partial Regex RouteId();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex RowIndex();
}
