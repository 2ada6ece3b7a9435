using System.Buffers;
using System.Text;

namespace MicroNeedling.Clinic.Common;

/// <summary>Text that Unicode normalization accepts: Identity normalizes user names and e-mails, and throws on anything else.</summary>
public static class UnicodeText
{
    /// <summary>False for a lone surrogate or a noncharacter (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their copies in every plane).</summary>
    public static bool IsWellFormed(string? text)
    {
        var rest = (text ?? "").AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || IsNoncharacter(rune.Value))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
