using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ScreeningConfiguration : IEntityTypeConfiguration<ScreeningRecord>
{
    public void Configure(EntityTypeBuilder<ScreeningRecord> builder)
    {
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.Property(s => s.ReversalNote).HasMaxLength(2000);
        builder.Ignore(s => s.HasHardStopFinding);
        builder.Property(s => s.Reasons).HasMaxLength(4000);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Ignore(s => s.ReasonList);
        builder.Ignore(s => s.LastValidDay);
        builder.Ignore(s => s.Answers);

        // Screenings are clinical history: deleting a patient must never cascade them away.
        builder.HasOne(s => s.Patient).WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Clearance).WithOne().HasForeignKey<Screening.DoctorClearance>(c => c.ScreeningId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasOne<Bookings.Booking>().WithMany().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Restrict);

        // The latest screening of a patient is looked up on every patient page and every booking.
        builder.HasIndex(s => new { s.PatientId, s.CreatedAtUtc });

        // The screening-outcomes report reads screenings by day.
        builder.HasIndex(s => s.ScreenedOn);
    }
}
