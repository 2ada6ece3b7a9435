namespace MicroNeedling.Clinic.Calendar;

public sealed record SlotRefusal(SlotField Field, string Message);
