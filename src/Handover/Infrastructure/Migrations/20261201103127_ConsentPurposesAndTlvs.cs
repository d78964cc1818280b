using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Handover.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ConsentPurposesAndTlvs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "consent");

            migrationBuilder.RenameTable(
                name: "consents",
                schema: "handover",
                newName: "consents",
                newSchema: "consent");

            migrationBuilder.AddColumn<Guid>(
                name: "ends_tlv_id",
                schema: "handover",
                table: "handovers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "child_reference",
                schema: "consent",
                table: "consents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<Guid>(
                name: "case_id",
                schema: "consent",
                table: "consents",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "granted_at",
                schema: "consent",
                table: "consents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "purposes",
                schema: "consent",
                table: "consents",
                type: "text[]",
                nullable: false,
                // Consents copied before purposes were named gated the handover dossier: they keep doing so.
                defaultValueSql: "ARRAY['support','handover']::text[]");

            // Handover's own consent copies become the shared copy: what was granted stays granted.
            migrationBuilder.Sql("UPDATE consent.consents SET granted_at = now() WHERE cardinality(organisations) > 0;");
            migrationBuilder.Sql("ALTER TABLE consent.consents ALTER COLUMN purposes DROP DEFAULT;");

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "consent",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "known_tlvs",
                schema: "handover",
                columns: table => new
                {
                    tlv_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_tlvs", x => x.tlv_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                schema: "consent",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_child_reference",
                schema: "consent",
                table: "cases",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_known_tlvs_child_reference",
                schema: "handover",
                table: "known_tlvs",
                column: "child_reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cases",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "known_tlvs",
                schema: "handover");

            migrationBuilder.DropIndex(
                name: "ix_consents_case_id",
                schema: "consent",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "ends_tlv_id",
                schema: "handover",
                table: "handovers");

            migrationBuilder.DropColumn(
                name: "case_id",
                schema: "consent",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "granted_at",
                schema: "consent",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "purposes",
                schema: "consent",
                table: "consents");

            migrationBuilder.RenameTable(
                name: "consents",
                schema: "consent",
                newName: "consents",
                newSchema: "handover");

            migrationBuilder.AlterColumn<string>(
                name: "child_reference",
                schema: "handover",
                table: "consents",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);
        }
    }
}
