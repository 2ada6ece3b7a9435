using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

/// <summary>The three roles are part of the schema, not demo data, so the migration creates them in every environment.</summary>
public sealed class RoleSeedConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(role => new IdentityRole(role)
        {
            Id = Roles.IdOf(role),
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = $"seed-{role.ToLowerInvariant()}",
        }));
}
