using MicroNeedling.Clinic.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> builder)
    {
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(200);
        builder.Property(b => b.Content).IsRequired();
    }
}
