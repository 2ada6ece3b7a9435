using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LateCancellationHours",
                table: "ClinicSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.UpdateData(
                table: "ClinicSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "LateCancellationHours",
                value: 24);

            migrationBuilder.CreateIndex(
                name: "IX_SideEffects_OnsetDate",
                table: "SideEffects",
                column: "OnsetDate");

            migrationBuilder.CreateIndex(
                name: "IX_Screenings_ScreenedOn",
                table: "Screenings",
                column: "ScreenedOn");

            migrationBuilder.CreateIndex(
                name: "IX_DoctorClearances_CreatedAtUtc",
                table: "DoctorClearances",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePlans_CancelledAtUtc",
                table: "CoursePlans",
                column: "CancelledAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePlans_CompletedAtUtc",
                table: "CoursePlans",
                column: "CompletedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePlans_CreatedAtUtc",
                table: "CoursePlans",
                column: "CreatedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SideEffects_OnsetDate",
                table: "SideEffects");

            migrationBuilder.DropIndex(
                name: "IX_Screenings_ScreenedOn",
                table: "Screenings");

            migrationBuilder.DropIndex(
                name: "IX_DoctorClearances_CreatedAtUtc",
                table: "DoctorClearances");

            migrationBuilder.DropIndex(
                name: "IX_CoursePlans_CancelledAtUtc",
                table: "CoursePlans");

            migrationBuilder.DropIndex(
                name: "IX_CoursePlans_CompletedAtUtc",
                table: "CoursePlans");

            migrationBuilder.DropIndex(
                name: "IX_CoursePlans_CreatedAtUtc",
                table: "CoursePlans");

            migrationBuilder.DropColumn(
                name: "LateCancellationHours",
                table: "ClinicSettings");
        }
    }
}
