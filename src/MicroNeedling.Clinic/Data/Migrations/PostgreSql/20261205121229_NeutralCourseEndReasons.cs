using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NeutralCourseEndReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Course cancels used to copy the clinician's reason ("Course cancelled: <reason>") into each open booking and
            // its history, where front desk reads it. The clinician's reason stays on the course (CancellationReason of
            // CoursePlans); the bookings get the neutral wording PlanService now writes. A one-way rewrite: Down keeps it.
            migrationBuilder.Sql("""
                UPDATE "Bookings" SET "CancellationReason" = 'Course ended by a clinician.'
                WHERE "CancellationReason" LIKE 'Course cancelled: %';
                """);
            migrationBuilder.Sql("""
                UPDATE "Bookings" SET "NotPerformedReason" = 'Course ended by a clinician.'
                WHERE "NotPerformedReason" LIKE 'Course cancelled: %';
                """);
            migrationBuilder.Sql("""
                UPDATE "BookingEvents" SET "Reason" = 'Course ended by a clinician.'
                WHERE "Kind" IN (2, 6) AND "Reason" LIKE 'Course cancelled: %';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
