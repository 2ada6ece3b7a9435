using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Recalls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class MaintenanceRecallConfiguration : IEntityTypeConfiguration<MaintenanceRecall>
{
    public void Configure(EntityTypeBuilder<MaintenanceRecall> builder)
    {
        builder.Property(r => r.AnswerNote).HasMaxLength(500);
        builder.Property(r => r.AnsweredBy).HasMaxLength(256);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoursePlan>().WithMany().HasForeignKey(r => r.CoursePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(r => r.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.CoursePlanId).IsUnique();
        builder.HasIndex(r => r.DueOn);
    }
}
