using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ChartAreaConfiguration : IEntityTypeConfiguration<ChartArea>
{
    public void Configure(EntityTypeBuilder<ChartArea> builder)
    {
        builder.Property(a => a.DepthMm).HasPrecision(4, 2);
        builder.Property(a => a.OutOfRangeReason).HasMaxLength(1000);
    }
}
