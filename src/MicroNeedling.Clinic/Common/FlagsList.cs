using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace MicroNeedling.Clinic.Common;

/// <summary>Turns a flags enum into the list of its set values and back, for multi-select forms.</summary>
public static class FlagsList
{
    public static List<TEnum> Split<TEnum>(TEnum flags)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => Convert.ToInt64(v) != 0 && flags.HasFlag(v)).ToList();

    public static TEnum Combine<TEnum>(IEnumerable<TEnum>? values)
        where TEnum : struct, Enum
    {
        long bits = 0;
        foreach (var value in values ?? [])
        {
            bits |= Convert.ToInt64(value);
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), bits);
    }

    /// <summary>Every non-zero member, for rendering the checkboxes.</summary>
    public static IReadOnlyList<TEnum> Options<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => Convert.ToInt64(v) != 0).ToList();

    /// <summary>The value's [Display(Name)] or, without one, its name. Read by reflection once per value, then cached:
    /// the calendar asks for it once per booking shown.</summary>
    public static string DisplayName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        DisplayNames<TEnum>.Of.GetOrAdd(value, v =>
            typeof(TEnum).GetField(v.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());

    public static string Describe<TEnum>(TEnum flags)
        where TEnum : struct, Enum
    {
        var names = Split(flags).Select(DisplayName).ToList();
        return names.Count == 0 ? "None recorded" : string.Join(", ", names);
    }
}

file static class DisplayNames<TEnum>
    where TEnum : struct, Enum
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<TEnum, string> Of = new();
}
