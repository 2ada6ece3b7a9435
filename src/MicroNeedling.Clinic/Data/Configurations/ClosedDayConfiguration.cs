using MicroNeedling.Clinic.ClinicSetup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ClosedDayConfiguration : IEntityTypeConfiguration<ClosedDay>
{
    public void Configure(EntityTypeBuilder<ClosedDay> builder)
    {
        builder.Property(d => d.Reason).HasMaxLength(200).IsRequired();
        builder.HasIndex(d => d.Date).IsUnique();
    }
}
