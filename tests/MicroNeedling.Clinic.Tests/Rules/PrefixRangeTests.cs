using System.Text;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Tests.Rules;

public class PrefixRangeTests
{
    [Theory]
    [InlineData("SMI", "SMJ")]
    [InlineData("A", "B")]
    [InlineData("Z", "[")]
    [InlineData("ÉLO", "ÉLP")]
    [InlineData("O_", "O`")]
    [InlineData("%", "&")]
    [InlineData("\uD7FF", "\uE000")] // the code point after U+D7FF skips the surrogates
    [InlineData("A\U0010FFFF", "B")] // the highest code point cannot be moved on, so the one before it is
    [InlineData("A\U0001F600", "A\U0001F601")]
    public void The_upper_bound_is_the_prefix_with_its_last_character_moved_one_code_point_on(string prefix, string upTo) =>
        Assert.Equal((prefix, upTo), PrefixRange.Of(prefix));

    [Theory]
    [InlineData("")]
    [InlineData("\U0010FFFF")]
    public void A_prefix_that_every_string_above_it_starts_with_has_no_upper_bound(string prefix) =>
        Assert.Equal((prefix, (string?)null), PrefixRange.Of(prefix));

    /// <summary>The promise the search relies on: in code-point order (the databases' binary order), the range holds
    /// exactly the strings that start with the prefix.</summary>
    [Theory]
    [InlineData("SMI")]
    [InlineData("O_")]
    [InlineData("Z")]
    [InlineData("\uFFFF")]
    [InlineData("A\U0010FFFF")]
    public void The_range_holds_exactly_the_strings_that_start_with_the_prefix(string prefix)
    {
        string[] names =
        [
            "", "S", "SM", "SMI", "SMITH", "SMJ", "SMJA", "SMH", "SMIZZZ", "SMI\U0001F600", "SMÍTH", "O", "O_NEIL", "O`", "OA",
            "Z", "ZZ", "[", "\uFFFF", "\uFFFFA", "\U00010000", "A\U0010FFFF", "A\U0010FFFFX", "B", "A",
        ];
        var (from, upTo) = PrefixRange.Of(prefix);

        var inRange = names.Where(n => CodePointOrder(n, from) >= 0 && (upTo is null || CodePointOrder(n, upTo) < 0));

        Assert.Equal(names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal), inRange.Order(StringComparer.Ordinal));
    }

    // UTF-8 bytes compare in code-point order, which is how SQLite's BINARY and PostgreSQL's "C" collation compare.
    private static int CodePointOrder(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
