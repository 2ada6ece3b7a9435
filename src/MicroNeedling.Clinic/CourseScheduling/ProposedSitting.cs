namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>The proposal for one sitting: a start, clinician and room, or the reason it could not be placed.</summary>
public sealed record ProposedSitting(int SittingId, int Number, DateTime? StartUtc, string? ClinicianId, int? RoomId, string? Problem)
{
    public bool IsPlaced => StartUtc is not null;
}
