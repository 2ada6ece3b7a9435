using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ClinicianHoursConfiguration : IEntityTypeConfiguration<ClinicianHours>
{
    public void Configure(EntityTypeBuilder<ClinicianHours> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(h => h.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.ClinicianId, h.Day }).IsUnique();
    }
}
