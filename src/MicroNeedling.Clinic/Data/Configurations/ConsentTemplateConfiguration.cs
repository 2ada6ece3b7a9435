using MicroNeedling.Clinic.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class ConsentTemplateConfiguration : IEntityTypeConfiguration<ConsentTemplate>
{
    public void Configure(EntityTypeBuilder<ConsentTemplate> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(ConsentLimits.BodyLength).IsRequired();
        builder.Property(t => t.PublishedBy).HasMaxLength(256);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);

        // Two admins starting a new version at once get one draft, not two versions with the same number.
        builder.HasIndex(t => t.Version).IsUnique();

        // Version 1 is in the migrations, so every database, from the first start on, has a published consent to present.
        // It is published: like any published version it is never edited, so this seed must never change either; a
        // clinic's own wording is a new version made on the admin page.
        builder.HasData(new ConsentTemplate
        {
            Id = 1,
            Version = 1,
            Title = DefaultConsentTemplate.Title,
            Body = DefaultConsentTemplate.Body,
            SafetyRevision = 1,
            State = TemplateState.Published,
            PublishedAtUtc = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc),
            PublishedBy = "MicroNeedling (default text)",
            CreatedAtUtc = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc),
            CreatedBy = "MicroNeedling (default text)",
        });
    }
}
