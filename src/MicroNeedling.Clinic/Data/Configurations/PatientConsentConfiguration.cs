using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class PatientConsentConfiguration : IEntityTypeConfiguration<PatientConsent>
{
    public void Configure(EntityTypeBuilder<PatientConsent> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(200).IsRequired();
        builder.Property(c => c.TextShown).HasMaxLength(ConsentLimits.BodyLength).IsRequired();
        builder.Property(c => c.PatientNameSigned).HasMaxLength(300).IsRequired();
        builder.Property(c => c.PatientSignaturePng).IsRequired();
        builder.Property(c => c.ClinicianSignaturePng).IsRequired();
        builder.Property(c => c.CountersignedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(c => c.WithdrawnBy).HasMaxLength(256);
        builder.Property(c => c.WithdrawalReason).HasMaxLength(2000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Ignore(c => c.IsWithdrawn);

        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoursePlan>().WithMany().HasForeignKey(c => c.CoursePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);

        // The gate reads a course's consents on every sitting start and the calendar reads them for the courses on screen.
        // The booking reads the course's newest consent (ORDER BY Id DESC LIMIT 1): with Id in the index, PostgreSQL seeks
        // it, where on CoursePlanId alone it may walk the primary key backwards over every consent of the clinic hoping to
        // meet the course's soon (SQLite's indexes end in the row id anyway).
        builder.HasIndex(c => new { c.CoursePlanId, c.Id });
        builder.HasIndex(c => c.PatientId);
    }
}
