using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ClinicianCalendarFeedConfiguration : IEntityTypeConfiguration<ClinicianCalendarFeed>
{
    public void Configure(EntityTypeBuilder<ClinicianCalendarFeed> builder)
    {
        builder.Property(f => f.StaffUserId).HasMaxLength(450).IsRequired();
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(f => f.StaffUserId).OnDelete(DeleteBehavior.Cascade);

        // One link per clinician: a new one replaces the old, so an old phone subscription stops working.
        builder.HasIndex(f => f.StaffUserId).IsUnique();
        builder.HasIndex(f => f.TokenHash).IsUnique();
    }
}
