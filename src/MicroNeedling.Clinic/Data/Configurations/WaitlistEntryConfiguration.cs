using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.Ignore(w => w.IsOpen);
        builder.Property(w => w.Note).HasMaxLength(500);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        builder.HasOne<Patient>().WithMany().HasForeignKey(w => w.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoursePlan>().WithMany().HasForeignKey(w => w.CoursePlanId).OnDelete(DeleteBehavior.Restrict);

        // A course is on the waitlist once at a time; a double submit finds the first entry.
        builder.HasIndex(w => w.CoursePlanId).IsUnique()
            .HasFilter($"\"Status\" IN ({(int)WaitlistStatus.Waiting}, {(int)WaitlistStatus.Offered})")
            .HasDatabaseName("IX_WaitlistEntries_CoursePlanId_Open");
        builder.HasIndex(w => w.Status);
    }
}
