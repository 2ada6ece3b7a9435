namespace MicroNeedling.Clinic.Media;

public enum UploadedFileType
{
    Unknown = 0,
    Jpeg = 1,
    Png = 2,
    Heic = 3,
    Pdf = 4,
}
