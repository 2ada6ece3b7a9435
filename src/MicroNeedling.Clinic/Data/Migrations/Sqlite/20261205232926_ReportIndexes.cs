using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings",
                columns: new[] { "PlannedSittingId", "Status", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_PlannedSittingId_Status",
                table: "Bookings",
                columns: new[] { "PlannedSittingId", "Status" });
        }
    }
}
