using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DisputesAndPlacementOpp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "opp_id",
                schema: "funding",
                table: "zorgplicht_applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "starts_on",
                schema: "funding",
                table: "zorgplicht_applications",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disputes",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    zorgplicht_application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opp_id = table.Column<Guid>(type: "uuid", nullable: true),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    disputed_decision_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filed_in_time = table.Column<bool>(type: "boolean", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answer_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opinion_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    answered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    answer_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    answer_term_passed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opinion_term_passed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_home_municipality",
                schema: "funding",
                table: "disputes",
                column: "home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_school_organisation_id",
                schema: "funding",
                table: "disputes",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_status_answer_due_on_opinion_due_on",
                schema: "funding",
                table: "disputes",
                columns: new[] { "status", "answer_due_on", "opinion_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_swv_id",
                schema: "funding",
                table: "disputes",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_disputes_one_open_per_decision",
                schema: "funding",
                table: "disputes",
                columns: new[] { "child_reference", "school_organisation_id", "subject", "disputed_decision_on" },
                unique: true,
                filter: "status <> 'Concluded'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes",
                schema: "funding");

            migrationBuilder.DropColumn(
                name: "opp_id",
                schema: "funding",
                table: "zorgplicht_applications");

            migrationBuilder.DropColumn(
                name: "starts_on",
                schema: "funding",
                table: "zorgplicht_applications");
        }
    }
}
