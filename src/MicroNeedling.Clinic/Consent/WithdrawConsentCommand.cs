namespace MicroNeedling.Clinic.Consent;

public sealed class WithdrawConsentCommand
{
    public int ConsentId { get; set; }

    /// <summary>How the patient withdrew (in person, by phone, by letter) and anything they said.</summary>
    public string Reason { get; set; } = "";
}
