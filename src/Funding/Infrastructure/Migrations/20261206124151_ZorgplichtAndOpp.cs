using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ZorgplichtAndOpp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opps",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    required_because = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    set_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    set_on = table.Column<DateOnly>(type: "date", nullable: true),
                    set_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    set_overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_evaluated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_evaluation_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    evaluation_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    evaluation_overdue_raised_for = table.Column<DateOnly>(type: "date", nullable: true),
                    parents_consent = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    parents_consent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zorgplicht_applications",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    compulsory_school_age = table.Column<bool>(type: "boolean", nullable: false),
                    has_place_elsewhere = table.Column<bool>(type: "boolean", nullable: false),
                    thuiszitter_case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    temporary_placement_on = table.Column<DateOnly>(type: "date", nullable: false),
                    extended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parents_notified_of_extension_on = table.Column<DateOnly>(type: "date", nullable: true),
                    due_raised_for = table.Column<DateOnly>(type: "date", nullable: true),
                    exceeded_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    temporarily_placed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    other_school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    other_school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    other_school_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    other_school_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    placement_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    placement_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tlv_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    timeliness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_zorgplicht_applications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opps_school_organisation_id",
                schema: "funding",
                table: "opps",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_opps_swv_id",
                schema: "funding",
                table: "opps",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_opps_one_per_enrolment",
                schema: "funding",
                table: "opps",
                columns: new[] { "child_reference", "school_location_id", "enrolled_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_home_municipality",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_other_school_organisation_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "other_school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_school_organisation_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_status_decision_due_on",
                schema: "funding",
                table: "zorgplicht_applications",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_swv_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_zorgplicht_one_open_application_per_child_and_school",
                schema: "funding",
                table: "zorgplicht_applications",
                columns: new[] { "child_reference", "school_organisation_id" },
                unique: true,
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "opps",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "zorgplicht_applications",
                schema: "funding");
        }
    }
}
