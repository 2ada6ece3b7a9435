using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>The clinic's treatment rooms. Rooms are deactivated, never deleted, because bookings refer to them.</summary>
public sealed class RoomService(ClinicDbContext db, IValidator<SaveRoomCommand> roomValidator)
{
    public async Task<IReadOnlyList<RoomListItem>> ListRoomsAsync(CancellationToken ct = default)
    {
        var rooms = await db.Rooms.AsNoTracking().Select(r => new RoomListItem(r.Id, r.Name, r.IsActive)).ToListAsync(ct);
        return rooms.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public Task<RoomListItem?> FindRoomAsync(int roomId, CancellationToken ct = default) =>
        db.Rooms.AsNoTracking().Where(r => r.Id == roomId).Select(r => new RoomListItem(r.Id, r.Name, r.IsActive)).SingleOrDefaultAsync(ct);

    public async Task<ServiceResult> AddRoomAsync(SaveRoomCommand command, CancellationToken ct = default)
    {
        var validation = await roomValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var name = command.Name.Trim();
        if (await RoomNamedAsync(name, exceptId: null, ct) is { } taken)
        {
            return RoomNameTaken(taken);
        }

        db.Rooms.Add(new Room { Name = name, IsActive = true });
        return await SaveRoomAsync(name, ct);
    }

    public async Task<ServiceResult> RenameRoomAsync(int roomId, SaveRoomCommand command, CancellationToken ct = default)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return ServiceResult.Fail("", "That room does not exist.");
        }

        var validation = await roomValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        var name = command.Name.Trim();
        if (await RoomNamedAsync(name, exceptId: roomId, ct) is { } taken)
        {
            return RoomNameTaken(taken);
        }

        room.Name = name;
        return await SaveRoomAsync(name, ct);
    }

    /// <summary>A deactivated room keeps its bookings and history but is offered for no new booking.</summary>
    public async Task<ServiceResult> SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return ServiceResult.Fail("", "That room does not exist.");
        }

        room.IsActive = active;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    // The unique index compares names exactly; people do not, so "Room 1" and "room 1" are the same room. Rooms are a
    // handful of rows, so the comparison runs here, where it also folds non-ASCII letters (SQLite's upper() does not).
    private async Task<string?> RoomNamedAsync(string name, int? exceptId, CancellationToken ct)
    {
        var names = await db.Rooms.AsNoTracking().Where(r => r.Id != exceptId).Select(r => r.Name).ToListAsync(ct);
        return names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private static ServiceResult RoomNameTaken(string existing) =>
        ServiceResult.Fail(nameof(SaveRoomCommand.Name), $"There is already a room called \"{existing}\". Choose another name.");

    private async Task<ServiceResult> SaveRoomAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // A double submit or a colleague raced past the check above; the unique index kept one.
            db.ChangeTracker.Clear();
            return RoomNameTaken(name);
        }
    }
}
