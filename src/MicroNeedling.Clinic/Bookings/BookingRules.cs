namespace MicroNeedling.Clinic.Bookings;

/// <summary>Limits the booking queries rely on.</summary>
public static class BookingRules
{
    /// <summary>The longest appointment the settings allow (numbing 90 + needling 20 + turnover 60), rounded up.
    /// Overlap queries look back this far, which keeps them bounded by the index on the start time.</summary>
    public static readonly TimeSpan LongestAppointment = TimeSpan.FromMinutes(180);
}
