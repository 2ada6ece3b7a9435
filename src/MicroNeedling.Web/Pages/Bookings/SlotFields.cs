using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroNeedling.Web.Pages.Bookings;

/// <summary>What the _SlotFields partial renders: the choices, what was typed, and the messages.</summary>
public sealed record SlotFields(
    IReadOnlyList<ClinicianOption> Clinicians,
    IReadOnlyList<RoomOption> Rooms,
    ISlotCommand Input,
    ModelStateDictionary ModelState,
    string? Warning)
{
    /// <summary>
    /// For the typed date and time: each active room, free or taken (and by when), from the slot policy the final check
    /// uses. Empty until a date and time are known.
    /// </summary>
    public IReadOnlyList<(int RoomId, string? TakenBy)> RoomStates { get; init; } = [];

    public string RoomLabel(RoomOption room)
    {
        foreach (var (id, takenBy) in RoomStates)
        {
            if (id == room.Id)
            {
                return takenBy is null ? $"{room.Name} (free then)" : $"{room.Name} (taken {takenBy})";
            }
        }

        return room.Name;
    }

    public string? ClinicianId => Input.ClinicianId;

    public int? RoomId => Input.RoomId;

    // After a failed post, show exactly what was typed, even when it did not parse.
    public string? Date => Attempted("Input.Date") ?? Input.Date?.ToString("yyyy-MM-dd");

    public string? Time => Attempted("Input.Time") ?? Input.Time?.ToString("HH:mm");

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private string? Attempted(string key) => ModelState.TryGetValue(key, out var entry) ? entry.AttemptedValue : null;
}
