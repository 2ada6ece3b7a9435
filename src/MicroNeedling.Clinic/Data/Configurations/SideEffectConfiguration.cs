using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class SideEffectConfiguration : IEntityTypeConfiguration<SideEffect>
{
    public void Configure(EntityTypeBuilder<SideEffect> builder)
    {
        builder.Property(e => e.Description).HasMaxLength(4000).IsRequired();
        builder.Property(e => e.ActionTaken).HasMaxLength(4000);
        builder.Property(e => e.ReviewNote).HasMaxLength(4000);
        builder.Property(e => e.ReviewedBy).HasMaxLength(256);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);

        builder.HasOne<Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoursePlan>().WithMany().HasForeignKey(e => e.CoursePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Booking>().WithMany().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.Restrict);

        // Holds and review prompts are looked up per course on every check-in and booking.
        builder.HasIndex(e => new { e.CoursePlanId, e.ReviewedAtUtc });
        builder.HasIndex(e => e.PatientId);

        // The adverse-events report reads side effects by onset day.
        builder.HasIndex(e => e.OnsetDate);
    }
}
