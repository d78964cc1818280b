using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TlvsAndConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "consent");

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
                name: "consents",
                schema: "consent",
                columns: table => new
                {
                    consent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    organisations = table.Column<List<string>>(type: "text[]", nullable: false),
                    purposes = table.Column<List<string>>(type: "text[]", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.consent_id);
                });

            migrationBuilder.CreateTable(
                name: "tlvs",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requested_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    receiving_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    substantiation = table.Column<string>(type: "text", nullable: false),
                    parents_view = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_category = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_receiving_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_parents_view = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    decision_reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    decision_decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    advices = table.Column<string>(type: "jsonb", nullable: true),
                    invitations = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tlvs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_child_reference",
                schema: "consent",
                table: "cases",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                schema: "consent",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_consents_child_reference",
                schema: "consent",
                table: "consents",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_school_organisation_id",
                schema: "funding",
                table: "tlvs",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_status_decision_due_on",
                schema: "funding",
                table: "tlvs",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_swv_id",
                schema: "funding",
                table: "tlvs",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_tlvs_one_open_request_per_child",
                schema: "funding",
                table: "tlvs",
                column: "child_reference",
                unique: true,
                filter: "status = 'Requested'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cases",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "tlvs",
                schema: "funding");
        }
    }
}
