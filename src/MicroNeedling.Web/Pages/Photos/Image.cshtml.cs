using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Photos;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Photos;

/// <summary>
/// The only way to a photo's bytes: clinicians who may see the patient's clinical record (404 for anyone else, as for a
/// missing photo), never cached, every view audited by <see cref="PhotoService.ReadAsync"/>.
/// </summary>
public sealed class ImageModel(PhotoService photos, PatientAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public async Task<IActionResult> OnGetAsync(string? size, CancellationToken ct)
    {
        var photoSize = size switch
        {
            null or "" or "thumbnail" => PhotoSize.Thumbnail,
            "display" => PhotoSize.Display,
            _ => (PhotoSize?)null,
        };
        if (photoSize is null)
        {
            return BadRequest("size must be thumbnail or display.");
        }

        var bytes = await access.MayOpenPhotoAsync(Id, ct) ? await photos.ReadAsync(Id, photoSize.Value, ct) : null;
        if (bytes is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(bytes, "image/jpeg");
    }
}
