using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class SittingChartConfiguration : IEntityTypeConfiguration<SittingChart>
{
    public void Configure(EntityTypeBuilder<SittingChart> builder)
    {
        builder.Property(c => c.AmendmentReason).HasMaxLength(1000);
        builder.Property(c => c.NumbingProduct).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Device).HasMaxLength(200).IsRequired();
        builder.Property(c => c.CartridgeLot).HasMaxLength(200).IsRequired();
        builder.Property(c => c.SerumProduct).HasMaxLength(200).IsRequired();
        builder.Property(c => c.ReactionOther).HasMaxLength(500);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);

        builder.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Areas).WithOne().HasForeignKey(a => a.SittingChartId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.BookingId, c.Version }).IsUnique();

        // Exactly one current version per sitting, even under a double submit.
        builder.HasIndex(c => c.BookingId).IsUnique().HasFilter("\"IsCurrent\" = 1").HasDatabaseName("IX_SittingCharts_BookingId_Current");
    }
}
