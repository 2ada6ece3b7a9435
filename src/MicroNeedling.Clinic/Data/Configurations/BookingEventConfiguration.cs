using MicroNeedling.Clinic.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class BookingEventConfiguration : IEntityTypeConfiguration<BookingEvent>
{
    public void Configure(EntityTypeBuilder<BookingEvent> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.FromClinicianId).HasMaxLength(450);
        builder.Property(e => e.ToClinicianId).HasMaxLength(450);
        builder.HasIndex(e => e.BookingId);
    }
}
