namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// The policy's answer. A bookable slot has a span, a clinician and a room and no refusals; otherwise every refusal is
/// listed, so the user sees all the reasons at once.
/// </summary>
public sealed record SlotDecision(UtcSpan? Span, string? ClinicianId, int? RoomId, IReadOnlyList<SlotRefusal> Refusals)
{
    public bool IsBookable => Refusals.Count == 0 && Span is not null && ClinicianId is not null && RoomId is not null;
}
