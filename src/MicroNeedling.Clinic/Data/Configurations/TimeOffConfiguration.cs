using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> builder)
    {
        builder.Property(t => t.Reason).HasMaxLength(200);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ClinicianId, t.From });
    }
}
