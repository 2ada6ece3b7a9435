using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class CoursePlanConfiguration : IEntityTypeConfiguration<CoursePlan>
{
    public void Configure(EntityTypeBuilder<CoursePlan> builder)
    {
        builder.Property(p => p.SittingCountReason).HasMaxLength(1000);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.Property(p => p.CancellationReason).HasMaxLength(1000);
        builder.Property(p => p.CancelledBy).HasMaxLength(256);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);

        builder.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ScreeningRecord>().WithMany().HasForeignKey(p => p.ScreeningId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Sittings).WithOne().HasForeignKey(s => s.CoursePlanId).OnDelete(DeleteBehavior.Restrict);

        // At most one active course per patient, enforced by the database so a double submit cannot create two.
        builder.HasIndex(p => p.PatientId).IsUnique().HasFilter($"\"Status\" = {(int)PlanStatus.Active}")
            .HasDatabaseName("IX_CoursePlans_PatientId_Active");
        builder.HasIndex(p => new { p.PatientId, p.CreatedAtUtc });

        // The recall list: completed courses by their maintenance date.
        builder.HasIndex(p => p.MaintenanceDueOn).HasFilter($"\"Status\" = {(int)PlanStatus.Completed}");

        // The courses report counts courses started, completed and stopped in a period.
        builder.HasIndex(p => p.CreatedAtUtc);
        builder.HasIndex(p => p.CompletedAtUtc);
        builder.HasIndex(p => p.CancelledAtUtc);
    }
}
