using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SittingDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BookingId",
                table: "Screenings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CompletedAtUtc",
                table: "CoursePlans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MaintenanceDueOn",
                table: "CoursePlans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpectedEffectReviewDays",
                table: "ClinicSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MaintenanceMonths",
                table: "ClinicSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NotPerformedReason",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DepthRanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    MinMm = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: false),
                    MaxMm = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepthRanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SideEffects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    CoursePlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OnsetDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ActionTaken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SideEffects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SideEffects_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SideEffects_CoursePlans_CoursePlanId",
                        column: x => x.CoursePlanId,
                        principalTable: "CoursePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SideEffects_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SittingCharts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    AmendmentReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NumbingProduct = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NumbingAppliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NumbingRemovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CartridgeLot = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SerumProduct = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcedureStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcedureEndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reaction = table.Column<int>(type: "INTEGER", nullable: false),
                    ReactionOther = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SittingCharts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SittingCharts_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChartAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SittingChartId = table.Column<int>(type: "INTEGER", nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    DepthMm = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: false),
                    Passes = table.Column<int>(type: "INTEGER", nullable: false),
                    OutOfRangeReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChartAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChartAreas_SittingCharts_SittingChartId",
                        column: x => x.SittingChartId,
                        principalTable: "SittingCharts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "ClinicSettings",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "ExpectedEffectReviewDays", "MaintenanceMonths" },
                values: new object[] { 7, 6 });

            migrationBuilder.InsertData(
                table: "DepthRanges",
                columns: new[] { "Id", "Area", "MaxMm", "MinMm" },
                values: new object[,]
                {
                    { 1, 1, 0.5m, 0.25m },
                    { 2, 2, 0.25m, 0.25m },
                    { 3, 3, 0.75m, 0.25m },
                    { 4, 4, 1.0m, 0.5m },
                    { 5, 5, 2.0m, 1.0m },
                    { 6, 6, 2.0m, 1.5m },
                    { 7, 7, 1.5m, 0.5m }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Screenings_BookingId",
                table: "Screenings",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_ChartAreas_SittingChartId",
                table: "ChartAreas",
                column: "SittingChartId");

            migrationBuilder.CreateIndex(
                name: "IX_DepthRanges_Area",
                table: "DepthRanges",
                column: "Area",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SideEffects_BookingId",
                table: "SideEffects",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_SideEffects_CoursePlanId_ReviewedAtUtc",
                table: "SideEffects",
                columns: new[] { "CoursePlanId", "ReviewedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SideEffects_PatientId",
                table: "SideEffects",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_SittingCharts_BookingId_Current",
                table: "SittingCharts",
                column: "BookingId",
                unique: true,
                filter: "\"IsCurrent\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_SittingCharts_BookingId_Version",
                table: "SittingCharts",
                columns: new[] { "BookingId", "Version" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Screenings_Bookings_BookingId",
                table: "Screenings",
                column: "BookingId",
                principalTable: "Bookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Screenings_Bookings_BookingId",
                table: "Screenings");

            migrationBuilder.DropTable(
                name: "ChartAreas");

            migrationBuilder.DropTable(
                name: "DepthRanges");

            migrationBuilder.DropTable(
                name: "SideEffects");

            migrationBuilder.DropTable(
                name: "SittingCharts");

            migrationBuilder.DropIndex(
                name: "IX_Screenings_BookingId",
                table: "Screenings");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "Screenings");

            migrationBuilder.DropColumn(
                name: "CompletedAtUtc",
                table: "CoursePlans");

            migrationBuilder.DropColumn(
                name: "MaintenanceDueOn",
                table: "CoursePlans");

            migrationBuilder.DropColumn(
                name: "ExpectedEffectReviewDays",
                table: "ClinicSettings");

            migrationBuilder.DropColumn(
                name: "MaintenanceMonths",
                table: "ClinicSettings");

            migrationBuilder.DropColumn(
                name: "NotPerformedReason",
                table: "Bookings");
        }
    }
}
