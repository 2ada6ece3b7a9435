using FluentValidation;
using MicroNeedling.Clinic.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Staff;

public sealed record StaffListItem(string Id, string Email, string DisplayName, string Role, bool IsDisabled);

public sealed class CreateStaffCommand
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = "";

    public string Password { get; set; } = "";

    public const int MaxPasswordLength = 128;
}

public sealed class CreateStaffValidator : AbstractValidator<CreateStaffCommand>
{
    public CreateStaffValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the staff member's e-mail address.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$").WithMessage("Enter an e-mail address like name@example.com.")
            .MaximumLength(254)
            .Must(UnicodeText.IsWellFormed).WithMessage("The e-mail address contains characters that cannot be used.");
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the name colleagues know them by.").MaximumLength(100);
        RuleFor(c => c.Role).Must(r => Roles.All.Contains(r)).WithMessage("Choose a role: Clinician, FrontDesk or Admin.");
        // Hashing is the costly part of creating an account; a password of 100 kB would only slow the server down.
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter an initial password.")
            .MaximumLength(CreateStaffCommand.MaxPasswordLength).WithMessage($"The password can be at most {CreateStaffCommand.MaxPasswordLength} characters.");
    }
}

/// <summary>Staff accounts: only an Admin (or the create-admin verb) creates them; there is no self-registration.</summary>
public sealed class StaffService(UserManager<StaffUser> users, IValidator<CreateStaffCommand> validator)
{
    public async Task<IReadOnlyList<StaffListItem>> ListAsync(CancellationToken ct = default)
    {
        var staff = await users.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var list = new List<StaffListItem>(staff.Count);
        foreach (var user in staff)
        {
            var roles = await users.GetRolesAsync(user);
            list.Add(new StaffListItem(user.Id, user.Email ?? "", user.DisplayName, string.Join(", ", roles), user.IsDisabled));
        }

        return list;
    }

    public async Task<ServiceResult> CreateAsync(CreateStaffCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        if (await users.FindByEmailAsync(command.Email.Trim()) is not null)
        {
            return ServiceResult.Fail(nameof(command.Email), "An account with this e-mail address already exists.");
        }

        var user = new StaffUser
        {
            UserName = command.Email.Trim(),
            Email = command.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = command.DisplayName.Trim(),
        };
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded)
        {
            // Identity's password rules report here; they belong next to the password field.
            return ServiceResult.Fail(nameof(command.Password), string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var added = await users.AddToRoleAsync(user, command.Role);
        return added.Succeeded ? ServiceResult.Ok() : ServiceResult.Fail("", string.Join(" ", added.Errors.Select(e => e.Description)));
    }

    public Task<ServiceResult> DisableAsync(string userId, string actingUserId) => SetDisabledAsync(userId, actingUserId, disabled: true);

    public Task<ServiceResult> EnableAsync(string userId, string actingUserId) => SetDisabledAsync(userId, actingUserId, disabled: false);

    private async Task<ServiceResult> SetDisabledAsync(string userId, string actingUserId, bool disabled)
    {
        if (disabled && userId == actingUserId)
        {
            return ServiceResult.Fail("", "You cannot disable your own account.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ServiceResult.Fail("", "That account does not exist.");
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);

        // A new security stamp ends every open session of the account at the next validation.
        await users.UpdateSecurityStampAsync(user);
        return ServiceResult.Ok();
    }
}
