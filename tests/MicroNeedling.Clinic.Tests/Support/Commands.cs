using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;

namespace MicroNeedling.Clinic.Tests.Support;

/// <summary>Valid commands that each test changes in the one place it is about.</summary>
public static class Commands
{
    public static SavePatientCommand Patient(string firstName = "Anna", string lastName = "Smith", DateOnly? dateOfBirth = null) => new()
    {
        FirstName = firstName,
        LastName = lastName,
        DateOfBirth = dateOfBirth ?? new DateOnly(1990, 5, 17),
        Phone = "+44 20 7946 0958",
        Email = "anna.smith@example.com",
        SkinType = FitzpatrickType.III,
        Concerns = [Concern.Scars, Concern.EnlargedPores],
        TreatmentAreas = [TreatmentArea.Face],
    };

    /// <summary>Every question answered "no": a screening that finds the patient suitable.</summary>
    public static RecordScreeningCommand NoToEverything(int patientId) => new()
    {
        PatientId = patientId,
        Eczema = false,
        Psoriasis = false,
        ActiveAcne = false,
        OpenWounds = false,
        Pregnancy = PregnancyAnswer.No,
        RadiationTherapy = false,
    };

    public static RecordClearanceCommand Clearance(int screeningId, string doctorName = "Dr Priya Patel") => new()
    {
        ScreeningId = screeningId,
        DoctorName = doctorName,
        ClearedOn = new DateOnly(2026, 3, 9),
        Note = "Letter scanned into the file.",
    };

    public static CreatePlanCommand Plan(int patientId, int sittings = 6) => new()
    {
        PatientId = patientId,
        Concerns = [Concern.Scars],
        Areas = [TreatmentArea.Face],
        SittingCount = sittings,
        MinutesPerSitting = 15,
        MinIntervalDays = 28,
        MaxIntervalDays = 42,
        NumbingLeadMinutes = 30,
    };

    /// <summary>The defaults of docs/domain.md as an update command.</summary>
    public static UpdateSettingsCommand Settings() => UpdateSettingsCommand.From(new ClinicSettings());
}
