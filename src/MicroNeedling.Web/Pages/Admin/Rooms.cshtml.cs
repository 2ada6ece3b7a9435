using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin;

public sealed class RoomsModel(RoomService rooms) : PageModel
{
    /// <summary>The new room of the "Add a room" form.</summary>
    [BindProperty]
    public SaveRoomCommand Input { get; set; } = new();

    /// <summary>The room being renamed: from <c>?rename=</c> when the page opens, from the rename form when it posts.</summary>
    [BindProperty]
    public int? RenameId { get; set; }

    [BindProperty]
    public SaveRoomCommand Rename { get; set; } = new();

    public RoomListItem? Renaming { get; private set; }

    public IReadOnlyList<RoomListItem> Rooms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? rename, CancellationToken ct)
    {
        if (rename is { } roomId)
        {
            Renaming = await rooms.FindRoomAsync(roomId, ct);
            if (Renaming is null)
            {
                return NotFound();
            }

            RenameId = roomId;
            Rename = new SaveRoomCommand { Name = Renaming.Name };
        }

        Rooms = await rooms.ListRoomsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        RenameId = null;
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(ct);
        }

        var result = await rooms.AddRoomAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return await RedisplayAsync(ct);
        }

        TempData["Flash"] = $"The room \"{Input.Name.Trim()}\" is added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        Renaming = RenameId is { } roomId ? await rooms.FindRoomAsync(roomId, ct) : null;
        if (Renaming is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(ct);
        }

        var result = await rooms.RenameRoomAsync(Renaming.Id, Rename, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Rename));
            return await RedisplayAsync(ct);
        }

        TempData["Flash"] = $"\"{Renaming.Name}\" is renamed to \"{Rename.Name.Trim()}\".";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDeactivateAsync(int roomId, CancellationToken ct) =>
        ChangeAsync(rooms.SetRoomActiveAsync(roomId, active: false, ct), "The room is deactivated. It keeps its bookings but takes no new ones.", ct);

    public Task<IActionResult> OnPostActivateAsync(int roomId, CancellationToken ct) =>
        ChangeAsync(rooms.SetRoomActiveAsync(roomId, active: true, ct), "The room is active again and can be booked.", ct);

    private async Task<IActionResult> ChangeAsync(Task<ServiceResult> change, string done, CancellationToken ct)
    {
        var result = await change;
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            RenameId = null;
            return await RedisplayAsync(ct);
        }

        TempData["Flash"] = done;
        return RedirectToPage();
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Rooms = await rooms.ListRoomsAsync(ct);
        return Page();
    }
}
