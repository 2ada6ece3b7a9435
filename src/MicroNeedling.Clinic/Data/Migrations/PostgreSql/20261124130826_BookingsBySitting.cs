using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BookingsBySitting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings",
                columns: new[] { "PlannedSittingId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings");
        }
    }
}
