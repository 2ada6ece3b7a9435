using MicroNeedling.Clinic.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class DoctorClearanceConfiguration : IEntityTypeConfiguration<DoctorClearance>
{
    public void Configure(EntityTypeBuilder<DoctorClearance> builder)
    {
        builder.Property(c => c.DoctorName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(4000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);

        // One clearance per screening; a second one needs a new screening.
        builder.HasIndex(c => c.ScreeningId).IsUnique();

        // The screening-outcomes report counts clearances recorded in a period.
        builder.HasIndex(c => c.CreatedAtUtc);
    }
}
