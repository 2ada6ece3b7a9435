namespace MicroNeedling.Clinic.Consent;

public static class ConsentLimits
{
    /// <summary>The longest consent text: several pages, far more than a consent should need.</summary>
    public const int BodyLength = 20000;

    public const int TitleLength = 200;

    public const int ReasonLength = 2000;
}
