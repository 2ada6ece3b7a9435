using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> builder)
    {
        builder.Property(e => e.StaffId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.StaffUserName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(2000).IsRequired();
        builder.Property(e => e.ReviewedBy).HasMaxLength(256);
        builder.Property(e => e.ReviewNote).HasMaxLength(2000);

        builder.HasOne<Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);

        // Every clinical page asks "does this clinician hold a live grant for this patient?".
        builder.HasIndex(e => new { e.PatientId, e.StaffId, e.ExpiresAtUtc });
        builder.HasIndex(e => e.ReviewedAtUtc);
    }
}
