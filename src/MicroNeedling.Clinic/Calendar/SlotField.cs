using MicroNeedling.Clinic.ClinicSetup;
namespace MicroNeedling.Clinic.Calendar;

/// <summary>The field of the booking form a refusal belongs to, so each message appears next to its field.</summary>
public enum SlotField
{
    Slot,
    Date,
    Time,
    Clinician,
    Room,
}
