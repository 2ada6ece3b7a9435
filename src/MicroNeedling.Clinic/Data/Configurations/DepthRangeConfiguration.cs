using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class DepthRangeConfiguration : IEntityTypeConfiguration<DepthRange>
{
    public void Configure(EntityTypeBuilder<DepthRange> builder)
    {
        builder.Property(r => r.MinMm).HasPrecision(4, 2);
        builder.Property(r => r.MaxMm).HasPrecision(4, 2);
        builder.HasIndex(r => r.Area).IsUnique();

        // One manufacturer's chart from docs/domain.md: the default safe range; clinics edit it in the settings.
        builder.HasData(
            new DepthRange { Id = 1, Area = NeedlingArea.Forehead, MinMm = 0.25m, MaxMm = 0.5m },
            new DepthRange { Id = 2, Area = NeedlingArea.AroundEyes, MinMm = 0.25m, MaxMm = 0.25m },
            new DepthRange { Id = 3, Area = NeedlingArea.UpperLip, MinMm = 0.25m, MaxMm = 0.75m },
            new DepthRange { Id = 4, Area = NeedlingArea.CheeksAndChin, MinMm = 0.5m, MaxMm = 1.0m },
            new DepthRange { Id = 5, Area = NeedlingArea.AcneScars, MinMm = 1.0m, MaxMm = 2.0m },
            new DepthRange { Id = 6, Area = NeedlingArea.StretchMarks, MinMm = 1.5m, MaxMm = 2.0m },
            new DepthRange { Id = 7, Area = NeedlingArea.Scalp, MinMm = 0.5m, MaxMm = 1.5m });
    }
}
