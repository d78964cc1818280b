using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CasesConsentsKnooppuntPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "case_id",
                schema: "intake",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "trace_state",
                schema: "messaging",
                table: "outbox",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512,
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dead_lettered_at",
                schema: "messaging",
                table: "outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                schema: "messaging",
                table: "outbox",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    first_referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_referrer_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    referred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    linked_referral_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    referring_organisation_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    coordinator_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    coordinator_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    knooppunt_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    knooppunt_overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_knooppunt_held_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    closing_note = table.Column<string>(type: "text", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    coordinator_log = table.Column<string>(type: "jsonb", nullable: true),
                    knooppunten = table.Column<string>(type: "jsonb", nullable: true),
                    notes = table.Column<string>(type: "jsonb", nullable: true),
                    plans = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    given_by = table.Column<int[]>(type: "integer[]", nullable: false),
                    parental_authority_checked_in = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    organisations = table.Column<List<string>>(type: "text[]", nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    given_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_by_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_access",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    consent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_access", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_access_cases_case_id",
                        column: x => x.case_id,
                        principalSchema: "intake",
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_case_id",
                schema: "intake",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_access_case_id",
                schema: "intake",
                table: "case_access",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_access_organisation_id",
                schema: "intake",
                table: "case_access",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_child_reference",
                schema: "intake",
                table: "cases",
                column: "child_reference",
                unique: true,
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_cases_status_knooppunt_due_on",
                schema: "intake",
                table: "cases",
                columns: new[] { "status", "knooppunt_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                schema: "intake",
                table: "consents",
                column: "case_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_access",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "intake");

            migrationBuilder.DropIndex(
                name: "ix_referrals_case_id",
                schema: "intake",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "case_id",
                schema: "intake",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "dead_lettered_at",
                schema: "messaging",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "last_error",
                schema: "messaging",
                table: "outbox");

            migrationBuilder.AlterColumn<string>(
                name: "trace_state",
                schema: "messaging",
                table: "outbox",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
