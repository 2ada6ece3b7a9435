using System.Text.RegularExpressions;

namespace MicroNeedling.Clinic.Common;

/// <summary>Whether free text that a rule requires says something: words of letters, not punctuation or one token.</summary>
public static partial class MeaningfulText
{
    /// <summary>The number of words of at least two letters (any script).</summary>
    public static int WordCount(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : Words().Count(text);

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
