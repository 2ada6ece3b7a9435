namespace MicroNeedling.Clinic.Common;

public static class Age
{
    /// <summary>Whole years completed on <paramref name="on"/>; someone born on 29 February counts a year older on 28 February in common years.</summary>
    public static int YearsOn(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        if (on < dateOfBirth.AddYears(years))
        {
            years--;
        }

        return years;
    }
}
