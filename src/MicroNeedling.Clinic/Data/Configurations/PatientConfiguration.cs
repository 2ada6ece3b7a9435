using MicroNeedling.Clinic.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Phone).HasMaxLength(40).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.Property(p => p.RestrictedToStaffId).HasMaxLength(450);
        builder.Ignore(p => p.FullName);
        builder.Property(p => p.ContactToken).HasMaxLength(64);
        builder.HasIndex(p => p.ContactToken).IsUnique();

        builder.Property(p => p.NormalizedFirstName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.NormalizedLastName).HasMaxLength(100).IsRequired();

        // The patient list is searched by name prefix and by date of birth.
        builder.HasIndex(p => new { p.LastName, p.FirstName });
        builder.HasIndex(p => p.NormalizedLastName);
        builder.HasIndex(p => p.NormalizedFirstName);
        builder.HasIndex(p => p.DateOfBirth);
    }
}
