using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class SittingPhotoConfiguration : IEntityTypeConfiguration<SittingPhoto>
{
    public void Configure(EntityTypeBuilder<SittingPhoto> builder)
    {
        builder.Property(p => p.CustomView).HasMaxLength(100);
        builder.Property(p => p.DisplayKey).HasMaxLength(200).IsRequired();
        builder.Property(p => p.ThumbnailKey).HasMaxLength(200).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(256);

        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoursePlan>().WithMany().HasForeignKey(p => p.CoursePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Booking>().WithMany().HasForeignKey(p => p.BookingId).OnDelete(DeleteBehavior.Restrict);

        // The course's photo timeline and the comparison read by course.
        builder.HasIndex(p => new { p.CoursePlanId, p.Area, p.View });
        builder.HasIndex(p => p.BookingId);
        builder.HasIndex(p => p.PatientId);
    }
}
