using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentPhotosDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SafetyRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangesSafetyContent = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MediaBlobs",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaBlobs", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "PatientDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DoctorClearanceId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByteSize = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientDocuments_DoctorClearances_DoctorClearanceId",
                        column: x => x.DoctorClearanceId,
                        principalTable: "DoctorClearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatientDocuments_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SittingPhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    CoursePlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<int>(type: "INTEGER", nullable: false),
                    SittingNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    View = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomView = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DisplayKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ThumbnailKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SittingPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SittingPhotos_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SittingPhotos_CoursePlans_CoursePlanId",
                        column: x => x.CoursePlanId,
                        principalTable: "CoursePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SittingPhotos_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PatientConsents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    CoursePlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    SafetyRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextShown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PhotosForClinicalRecord = table.Column<bool>(type: "INTEGER", nullable: false),
                    PhotosForTeachingOrMarketing = table.Column<bool>(type: "INTEGER", nullable: false),
                    PatientNameSigned = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PatientSignaturePng = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClinicianSignaturePng = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CountersignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CountersignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientConsents_ConsentTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ConsentTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatientConsents_CoursePlans_CoursePlanId",
                        column: x => x.CoursePlanId,
                        principalTable: "CoursePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatientConsents_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ConsentTemplates",
                columns: new[] { "Id", "Body", "ChangesSafetyContent", "CreatedAtUtc", "CreatedBy", "PublishedAtUtc", "PublishedBy", "SafetyRevision", "State", "Title", "Version" },
                values: new object[] { 1, "What the treatment is\nMicro-needling uses a pen with fine, sterile needles to make tiny punctures in the skin. The skin's repair of these punctures stimulates new collagen, which can improve texture, fine lines and scarring. Results build up over the course and vary from person to person; no particular result is guaranteed.\n\nHow a sitting goes\n- A numbing cream is applied first and left to work before the needling.\n- The clinician then treats each area with the pen, at a needle depth chosen for that area.\n- A serum is applied at the end.\n- A sitting takes 10 to 20 minutes of needling, plus the numbing time.\n\nWhat to expect afterwards\n- Pinpoint bleeding during and just after the needling is normal.\n- Redness and irritation, like a mild sunburn, usually last a few days.\n\nCall the clinic at once if you notice\n- signs of infection (increasing pain, warmth, swelling, pus or fever),\n- bruising,\n- peeling,\n- bleeding that does not stop.\nThese are rare, but a clinician needs to see them straight away.\n\nContraindications\nMicro-needling is not suitable with eczema, psoriasis, active acne or open wounds in the area. During pregnancy or after recent radiation therapy it needs a doctor's clearance first. I confirm that I have told the clinician about all of these that apply to me, and about my medicines and health, and that I will tell the clinic before each sitting if anything changes.\n\nThe course\nA course is usually 5 to 6 sittings, a few weeks apart. I will be asked the screening questions again when a screening has expired, and a sitting does not go ahead if a contraindication is found on the day.\n\nAftercare\nI will follow the aftercare sheet I am given: keep the skin clean, avoid make-up, sun, swimming, saunas and strenuous exercise for the days it says, and use only the products the clinic recommends.\n\nMy consent\nI have read this information, I have had the chance to ask questions and have them answered, and I consent to micro-needling for this course. I may withdraw my consent at any time; the clinic then cancels my remaining sittings.", false, new DateTime(2026, 12, 5, 0, 0, 0, 0, DateTimeKind.Utc), "MicroNeedling (default text)", new DateTime(2026, 12, 5, 0, 0, 0, 0, DateTimeKind.Utc), "MicroNeedling (default text)", 1, 2, "Informed consent for micro-needling (collagen induction therapy)", 1 });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplates_Version",
                table: "ConsentTemplates",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_CoursePlanId",
                table: "PatientConsents",
                column: "CoursePlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_PatientId",
                table: "PatientConsents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_TemplateId",
                table: "PatientConsents",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientDocuments_DoctorClearanceId",
                table: "PatientDocuments",
                column: "DoctorClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientDocuments_PatientId",
                table: "PatientDocuments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_SittingPhotos_BookingId",
                table: "SittingPhotos",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_SittingPhotos_CoursePlanId_Area_View",
                table: "SittingPhotos",
                columns: new[] { "CoursePlanId", "Area", "View" });

            migrationBuilder.CreateIndex(
                name: "IX_SittingPhotos_PatientId",
                table: "SittingPhotos",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MediaBlobs");

            migrationBuilder.DropTable(
                name: "PatientConsents");

            migrationBuilder.DropTable(
                name: "PatientDocuments");

            migrationBuilder.DropTable(
                name: "SittingPhotos");

            migrationBuilder.DropTable(
                name: "ConsentTemplates");
        }
    }
}
