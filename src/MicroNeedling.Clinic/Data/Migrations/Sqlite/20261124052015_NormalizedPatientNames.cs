using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NormalizedPatientNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_FirstName",
                table: "Patients");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedFirstName",
                table: "Patients",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedLastName",
                table: "Patients",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Backfill rows registered before these columns existed. SQLite's upper() folds A–Z only; the app rewrites
            // both columns with full Unicode upper-casing the next time a patient is saved.
            migrationBuilder.Sql("UPDATE \"Patients\" SET \"NormalizedFirstName\" = upper(trim(\"FirstName\")), \"NormalizedLastName\" = upper(trim(\"LastName\"));");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_NormalizedFirstName",
                table: "Patients",
                column: "NormalizedFirstName");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_NormalizedLastName",
                table: "Patients",
                column: "NormalizedLastName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_NormalizedFirstName",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_NormalizedLastName",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "NormalizedFirstName",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "NormalizedLastName",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FirstName",
                table: "Patients",
                column: "FirstName");
        }
    }
}
