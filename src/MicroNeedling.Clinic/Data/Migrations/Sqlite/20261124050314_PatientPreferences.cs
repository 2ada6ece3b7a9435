using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PatientPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PreferredDays",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PreferredTimeOfDay",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreferredDays",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "PreferredTimeOfDay",
                table: "Patients");
        }
    }
}
