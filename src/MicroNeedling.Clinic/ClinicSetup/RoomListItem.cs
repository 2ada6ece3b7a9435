namespace MicroNeedling.Clinic.ClinicSetup;

public sealed record RoomListItem(int Id, string Name, bool IsActive);
