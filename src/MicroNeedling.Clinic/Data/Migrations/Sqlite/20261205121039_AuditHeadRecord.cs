using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditHeadRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The head of the audit trail: the id and hash of the last entry written, moved forward in the same transaction
            // as every append (AuditWriter). Entries cut off the end of the trail leave it pointing past the last entry,
            // and the next entry continues after it, so the gap shows (AuditService.VerifyChainAsync). One row only.
            migrationBuilder.Sql("""
                CREATE TABLE "AuditHead" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditHead" PRIMARY KEY CHECK ("Id" = 1),
                    "LastEntryId" INTEGER NOT NULL,
                    "LastHash" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditHead" ("Id", "LastEntryId", "LastHash")
                SELECT 1, COALESCE(MAX("Id"), 0),
                       COALESCE((SELECT "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
                FROM "AuditEntries";
                """);

            // Like the trail's own triggers: through the app's connection the head only moves forward and never goes away.
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditHead_OnlyForward BEFORE UPDATE ON AuditHead
                WHEN NEW.LastEntryId <= OLD.LastEntryId OR NEW.Id <> OLD.Id
                BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditHead_NoDelete BEFORE DELETE ON AuditHead
                BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditHead_OnlyForward;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditHead_NoDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"AuditHead\";");
        }
    }
}
