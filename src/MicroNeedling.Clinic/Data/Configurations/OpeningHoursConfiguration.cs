using MicroNeedling.Clinic.ClinicSetup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroNeedling.Clinic.Data.Configurations;

public sealed class OpeningHoursConfiguration : IEntityTypeConfiguration<OpeningHours>
{
    public void Configure(EntityTypeBuilder<OpeningHours> builder)
    {
        builder.HasIndex(h => h.Day).IsUnique();

        // One row per weekday from the start, so the admin page only ever edits: Monday to Friday 09:00–18:00,
        // Saturday 09:00–14:00, Sunday closed.
        builder.HasData(Enum.GetValues<DayOfWeek>().Select(day => new OpeningHours
        {
            Id = (int)day + 1,
            Day = day,
            IsOpen = day != DayOfWeek.Sunday,
            Opens = new TimeOnly(9, 0),
            Closes = day == DayOfWeek.Saturday ? new TimeOnly(14, 0) : new TimeOnly(18, 0),
        }));
    }
}
