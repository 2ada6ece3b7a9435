using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentsByCourseNewestFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PatientConsents_CoursePlanId",
                table: "PatientConsents");

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_CoursePlanId_Id",
                table: "PatientConsents",
                columns: new[] { "CoursePlanId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PatientConsents_CoursePlanId_Id",
                table: "PatientConsents");

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_CoursePlanId",
                table: "PatientConsents",
                column: "CoursePlanId");
        }
    }
}
