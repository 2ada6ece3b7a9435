using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroNeedling.Clinic.Data.Migrations.PostgreSql
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
                    "Id" integer NOT NULL CONSTRAINT "PK_AuditHead" PRIMARY KEY CHECK ("Id" = 1),
                    "LastEntryId" bigint NOT NULL,
                    "LastHash" text NOT NULL
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditHead" ("Id", "LastEntryId", "LastHash")
                SELECT 1, COALESCE(MAX("Id"), 0),
                       COALESCE((SELECT "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1), repeat('0', 64))
                FROM "AuditEntries";
                """);

            // Like the trail's own triggers: through the app's database role the head only moves forward and never goes away.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_head_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW."Id" = OLD."Id" AND NEW."LastEntryId" > OLD."LastEntryId" THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'the audit head only moves forward';
                END;
                $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "AuditHead_OnlyForward" BEFORE UPDATE ON "AuditHead" FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditHead_NoDelete" BEFORE DELETE ON "AuditHead" FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditHead_NoTruncate" BEFORE TRUNCATE ON "AuditHead" FOR EACH STATEMENT EXECUTE FUNCTION audit_head_only_forward();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"AuditHead\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_head_only_forward();");
        }
    }
}
