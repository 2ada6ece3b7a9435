namespace MicroNeedling.Clinic.Data;

/// <summary>
/// One ASP.NET Core data-protection key, as the XML the key ring writes. Kept in the clinic database so a restart
/// (or another instance) can still read cookies and antiforgery tokens. The web host's key repository reads and writes it.
/// </summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
