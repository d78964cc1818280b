using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Attendance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SchoolCalendarAndLeaveIssue23 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "leave_request_id",
                schema: "attendance",
                table: "absence_reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "repeat_number",
                schema: "attendance",
                table: "absence_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "repeat_of_id",
                schema: "attendance",
                table: "absence_reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "report_due_on",
                schema: "attendance",
                table: "absence_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reported_late",
                schema: "attendance",
                table: "absence_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "leave_requests",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    child_given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    child_home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    article = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    school_days = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    decider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    routed_to = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_by_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    employer_statement = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "school_days_off",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_school_days_off", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_repeat_of_id",
                schema: "attendance",
                table: "absence_reports",
                column: "repeat_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_child_home_municipality",
                schema: "attendance",
                table: "leave_requests",
                column: "child_home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_child_reference",
                schema: "attendance",
                table: "leave_requests",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_routed_to",
                schema: "attendance",
                table: "leave_requests",
                column: "routed_to");

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_school_organisation_id",
                schema: "attendance",
                table: "leave_requests",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_school_days_off_school_organisation_id_date",
                schema: "attendance",
                table: "school_days_off",
                columns: new[] { "school_organisation_id", "date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leave_requests",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "school_days_off",
                schema: "attendance");

            migrationBuilder.DropIndex(
                name: "ix_absence_reports_repeat_of_id",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "leave_request_id",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "repeat_number",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "repeat_of_id",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "report_due_on",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "reported_late",
                schema: "attendance",
                table: "absence_reports");
        }
    }
}
