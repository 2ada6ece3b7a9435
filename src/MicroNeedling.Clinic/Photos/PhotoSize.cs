namespace MicroNeedling.Clinic.Photos;

public enum PhotoSize
{
    Thumbnail = 1,
    Display = 2,
}
