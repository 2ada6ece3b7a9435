using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.ToAddress).HasMaxLength(254).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(200).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.HtmlBody).IsRequired();
        builder.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        builder.Property(m => m.UnsubscribeToken).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ResentBy).HasMaxLength(256);

        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Booking>().WithMany().HasForeignKey(m => m.BookingId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(m => m.MessageId).IsUnique();

        // The dispatcher's question, every few seconds: what is due now?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => new { m.BookingId, m.Kind });
        builder.HasIndex(m => m.CreatedAtUtc);
    }
}
