using System.Text;

namespace MicroNeedling.Clinic.Common;

/// <summary>
/// "Starts with <c>prefix</c>" as a range of strings, for an index seek: exactly the strings s with
/// <c>From &lt;= s &lt; UpTo</c> in code-point order (SQLite's BINARY collation, PostgreSQL's "C") start with the prefix.
/// <c>UpTo</c> is the prefix with its last character moved one code point on; it is null when no string is above
/// every match (the prefix is empty, or made only of the highest code point).
/// </summary>
public static class PrefixRange
{
    public static (string From, string? UpTo) Of(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1];
            runes.RemoveAt(runes.Count - 1);
            if (Next(last) is { } next)
            {
                var upTo = new StringBuilder();
                foreach (var rune in runes)
                {
                    upTo.Append(rune.ToString());
                }

                return (prefix, upTo.Append(next.ToString()).ToString());
            }
        }

        return (prefix, null);
    }

    // The surrogate range is not made of runes (scalar values), so the code point after U+D7FF is U+E000.
    private static Rune? Next(Rune rune) => rune.Value switch
    {
        0x10FFFF => null,
        0xD7FF => new Rune(0xE000),
        var value => new Rune(value + 1),
    };
}
