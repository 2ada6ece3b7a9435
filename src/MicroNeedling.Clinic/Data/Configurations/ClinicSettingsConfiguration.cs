using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ClinicSettingsConfiguration : IEntityTypeConfiguration<ClinicSettings>
{
    public void Configure(EntityTypeBuilder<ClinicSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ClinicName).HasMaxLength(120).IsRequired();
        builder.Property(s => s.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.AftercareText).HasMaxLength(4000).IsRequired();
        builder.Property(s => s.ClinicPhone).HasMaxLength(40).IsRequired();
        builder.Property(s => s.ClinicAddress).HasMaxLength(300).IsRequired();
        builder.Property(s => s.PreVisitInstructions).HasMaxLength(4000).IsRequired();
        builder.Ignore(s => s.ScreeningPolicy);

        // The single settings row exists from the first migration on, with the defaults of docs/domain.md.
        builder.HasData(new ClinicSettings());
    }
}
