using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Photos;

/// <summary>One photo as lists show it (the timeline, a sitting's photos, the comparison). No bytes: those come through the handler.</summary>
public sealed record PhotoItem(int Id, int CoursePlanId, int BookingId, int SittingNumber, DateOnly TakenOn, NeedlingArea Area, PhotoView View, string? CustomView, int Width, int Height)
{
    public string ViewName => View == PhotoView.Custom && !string.IsNullOrWhiteSpace(CustomView) ? CustomView! : Common.FlagsList.DisplayName(View);
}
