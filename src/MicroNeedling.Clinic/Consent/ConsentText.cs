namespace MicroNeedling.Clinic.Consent;

public enum ConsentLineKind
{
    Heading = 1,
    Paragraph = 2,
    Bullet = 3,
}

public sealed record ConsentLine(ConsentLineKind Kind, string Text);

/// <summary>
/// How a consent's plain text is laid out on screen and paper: blank lines separate sections, a section's first line is
/// its heading when it is short and does not end a sentence, and a line starting with "- " is a bullet. The text stays
/// plain so that what was signed is exactly the stored string, with no markup to interpret.
/// </summary>
public static class ConsentText
{
    private const int LongestHeading = 80;

    public static IReadOnlyList<ConsentLine> Lines(string body)
    {
        var lines = new List<ConsentLine>();
        foreach (var section in body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var first = true;
            foreach (var raw in section.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    lines.Add(new ConsentLine(ConsentLineKind.Bullet, line[2..].Trim()));
                }
                else if (first && line.Length <= LongestHeading && !".:;,".Contains(line[^1]))
                {
                    lines.Add(new ConsentLine(ConsentLineKind.Heading, line));
                }
                else
                {
                    lines.Add(new ConsentLine(ConsentLineKind.Paragraph, line));
                }

                first = false;
            }
        }

        return lines;
    }
}
