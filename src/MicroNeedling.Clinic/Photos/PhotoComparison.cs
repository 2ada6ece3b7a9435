namespace MicroNeedling.Clinic.Photos;

/// <summary>The same area and view at the course's first photographed sitting and at its latest.</summary>
public sealed record PhotoComparison(PhotoItem First, PhotoItem Latest);
