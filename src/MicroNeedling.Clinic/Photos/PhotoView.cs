using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Photos;

/// <summary>The standard views of a treated area, so that "before" and "after" compare like with like.</summary>
public enum PhotoView
{
    [Display(Name = "Front")] Front = 1,
    [Display(Name = "Left 45°")] Left45 = 2,
    [Display(Name = "Right 45°")] Right45 = 3,
    [Display(Name = "Custom")] Custom = 4,
}
