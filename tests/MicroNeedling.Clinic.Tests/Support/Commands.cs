using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;

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

    /// <summary>A complete chart of a sitting whose numbing began at 10:00: cream until 10:30, needling 10:30–10:45.</summary>
    public static ChartSittingCommand Chart(int bookingId, decimal depth = 0.75m) => new()
    {
        BookingId = bookingId,
        NumbingProduct = "Lidocaine 5%",
        NumbingApplied = new TimeOnly(10, 0),
        NumbingRemoved = new TimeOnly(10, 30),
        Device = "Pen A6",
        CartridgeLot = "LOT-123",
        Areas = [new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = depth, Passes = 3 }],
        SerumProduct = "Hyaluronic serum",
        ProcedureStart = new TimeOnly(10, 30),
        ProcedureEnd = new TimeOnly(10, 45),
        Reaction = ImmediateReaction.Redness,
    };
}
