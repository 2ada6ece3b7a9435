using MicroNeedling.Clinic.Media;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Reads an uploaded file for the service layer's checks. It stops one byte past the size limit: that is enough for the
/// check to say "too large" next to the field, without holding a huge body in memory.
/// </summary>
public static class UploadedFile
{
    /// <summary>
    /// The largest request an upload page accepts (twice the file limit, for the form's other fields and the multipart
    /// framing). A file between the limit and this gets the clear message next to its field; only a body beyond it is
    /// refused by the server as a whole (413).
    /// </summary>
    public const long RequestLimit = UploadLimits.MaxBytes * 2;

    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return [];
        }

        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream((int)Math.Min(file.Length, UploadLimits.MaxBytes + 1));
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= UploadLimits.MaxBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, (int)Math.Min(read, UploadLimits.MaxBytes + 1 - buffer.Length));
        }

        return buffer.ToArray();
    }
}
