using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class PlannedSittingConfiguration : IEntityTypeConfiguration<PlannedSitting>
{
    public void Configure(EntityTypeBuilder<PlannedSitting> builder) =>
        builder.HasIndex(s => new { s.CoursePlanId, s.Number }).IsUnique();
}
