namespace MicroNeedling.Clinic.Calendar;

/// <summary>Inclusive range of clinic-local dates.</summary>
public sealed record DateSpan(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => From <= day && day <= To;
}
