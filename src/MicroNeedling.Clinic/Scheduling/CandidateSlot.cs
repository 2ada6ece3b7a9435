namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// A start on the clinic's slot grid where the clinic is open for the whole sitting, the patient is free and a room is
/// free. Only a clinician is still missing.
/// </summary>
/// <param name="Day">The clinic-local date.</param>
/// <param name="LocalStart">The clinic-local start.</param>
/// <param name="LocalEnd">The clinic-local end, read from the UTC end, so it is right across a clock change.</param>
/// <param name="Span">The sitting's whole occupation in UTC.</param>
/// <param name="RoomId">The first free room in room-id order.</param>
internal readonly record struct CandidateSlot(DateOnly Day, TimeOnly LocalStart, TimeOnly LocalEnd, UtcSpan Span, int RoomId);
