using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Attendance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LeerplichtRulesIssue23 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "onderwijsconsulent_engaged_on",
                schema: "attendance",
                table: "thuiszitter_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "onderwijsconsulent_note",
                schema: "attendance",
                table: "thuiszitter_cases",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "check_closed_at",
                schema: "attendance",
                table: "exemptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_note",
                schema: "attendance",
                table: "exemptions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "check_opened_at",
                schema: "attendance",
                table: "exemptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_outcome",
                schema: "attendance",
                table: "exemptions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "renewal_of_id",
                schema: "attendance",
                table: "exemptions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "renewal_reminder_on",
                schema: "attendance",
                table: "exemptions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "renewal_reminder_raised_at",
                schema: "attendance",
                table: "exemptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "renewed_by_id",
                schema: "attendance",
                table: "exemptions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "doubt",
                schema: "attendance",
                table: "absence_reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "partly_able_under_plan",
                schema: "attendance",
                table: "absence_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_due_raised_at",
                schema: "attendance",
                table: "absence_reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_note",
                schema: "attendance",
                table: "absence_reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "review_on",
                schema: "attendance",
                table: "absence_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routed_to",
                schema: "attendance",
                table: "absence_reports",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            // Reports from before were all routed to the child's home municipality (no RMC reports existed).
            migrationBuilder.Sql("UPDATE attendance.absence_reports SET routed_to = child_home_municipality;");
            // Running yearly exemptions get the default reminder (1 May of the year their school year ends); "never" ones none.
            migrationBuilder.Sql("""
                UPDATE attendance.exemptions SET renewal_reminder_on = make_date(extract(year FROM ends_on)::int, 5, 1)
                WHERE ended_at IS NULL AND extract(month FROM ends_on) = 7 AND extract(day FROM ends_on) = 31
                  AND coalesce((statement ->> 'Never')::boolean, false) = false;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_routed_to",
                schema: "attendance",
                table: "absence_reports",
                column: "routed_to");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_absence_reports_routed_to",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "onderwijsconsulent_engaged_on",
                schema: "attendance",
                table: "thuiszitter_cases");

            migrationBuilder.DropColumn(
                name: "onderwijsconsulent_note",
                schema: "attendance",
                table: "thuiszitter_cases");

            migrationBuilder.DropColumn(
                name: "check_closed_at",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "check_note",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "check_opened_at",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "check_outcome",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "renewal_of_id",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "renewal_reminder_on",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "renewal_reminder_raised_at",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "renewed_by_id",
                schema: "attendance",
                table: "exemptions");

            migrationBuilder.DropColumn(
                name: "doubt",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "partly_able_under_plan",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "review_due_raised_at",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "review_note",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "review_on",
                schema: "attendance",
                table: "absence_reports");

            migrationBuilder.DropColumn(
                name: "routed_to",
                schema: "attendance",
                table: "absence_reports");
        }
    }
}
