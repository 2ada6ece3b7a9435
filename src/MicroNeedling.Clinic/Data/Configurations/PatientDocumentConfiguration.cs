using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class PatientDocumentConfiguration : IEntityTypeConfiguration<PatientDocument>
{
    public void Configure(EntityTypeBuilder<PatientDocument> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(200).IsRequired();
        builder.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.StorageKey).HasMaxLength(200).IsRequired();
        builder.Property(d => d.CreatedBy).HasMaxLength(256);

        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorClearance>().WithMany().HasForeignKey(d => d.DoctorClearanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.PatientId);
    }
}
