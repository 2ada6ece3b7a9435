using System.Globalization;
using System.Text.RegularExpressions;

namespace MicroNeedling.Clinic.Media;

/// <summary>
/// The names media is stored under: "photos/2026/12/3f2a…-display.jpg". Random (nothing about the patient in a path),
/// grouped by month so no folder grows without end, and of a shape that cannot climb out of the store's root.
/// </summary>
public static partial class MediaKeys
{
    public static string New(string folder, DateOnly date, string suffix, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{folder}/{date:yyyy}/{date:MM}/{Guid.NewGuid():N}-{suffix}{extension}");

    public static bool IsValid(string? key) => key is { Length: > 0 and <= 200 } && Shape().IsMatch(key);

    [GeneratedRegex(@"\A[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*\.[a-z0-9]{2,5}\z")]
    private static partial Regex Shape();
}
