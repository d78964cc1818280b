using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Attendance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "attendance");

            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "directory");

            migrationBuilder.CreateTable(
                name: "absence_reports",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_onderwijsnummer = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_platform_child_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    child_given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    child_home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    routed_to = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    first_absent_on = table.Column<DateOnly>(type: "date", nullable: false),
                    last_absent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    hours = table.Column<int>(type: "integer", nullable: true),
                    doubt = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    review_due_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    partly_able_under_plan = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    closing_note = table.Column<string>(type: "text", nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    report_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reported_late = table.Column<bool>(type: "boolean", nullable: false),
                    repeat_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    repeat_number = table.Column<int>(type: "integer", nullable: false),
                    leave_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absence_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "child_reference_links",
                schema: "attendance",
                columns: table => new
                {
                    from_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    to_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_by_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    linked_in = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_reference_links", x => x.from_reference);
                });

            migrationBuilder.CreateTable(
                name: "exemptions",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_onderwijsnummer = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_platform_child_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    child_given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    child_home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    article = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    review_on = table.Column<DateOnly>(type: "date", nullable: false),
                    renewal_reminder_on = table.Column<DateOnly>(type: "date", nullable: true),
                    renewal_reminder_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    renewal_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    renewed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    grounds = table.Column<string>(type: "text", nullable: true),
                    granted_by = table.Column<string>(type: "text", nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    check_opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    check_outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    check_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    check_closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    advice = table.Column<string>(type: "jsonb", nullable: true),
                    statement = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exemptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                schema: "messaging",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_requests", x => new { x.organisation_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "messaging",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "leave_requests",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_onderwijsnummer = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_platform_child_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
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
                name: "locations",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "municipalities",
                schema: "directory",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sub_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_municipalities", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sub_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                schema: "messaging",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                    trace_state = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "outbox_lease",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_lease", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pupil_counts",
                schema: "directory",
                columns: table => new
                {
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_year = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    pupils = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pupil_counts", x => new { x.location_id, x.school_year });
                });

            migrationBuilder.CreateTable(
                name: "replica_state",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replica_state", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "sub_regions",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sub_regions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "thuiszitter_cases",
                schema: "attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_onderwijsnummer = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_platform_child_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    child_given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    child_home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at_home_since = table.Column<DateOnly>(type: "date", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    absence_report_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    plan_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    escalation_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    plan_due_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    absence_since_offer_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    resolution_note = table.Column<string>(type: "text", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    onderwijsconsulent_engaged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    onderwijsconsulent_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    offer = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thuiszitter_cases", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "messaging",
                table: "outbox_lease",
                columns: new[] { "id", "last_published_at" },
                values: new object[] { 1, null });

            migrationBuilder.InsertData(
                schema: "directory",
                table: "replica_state",
                columns: new[] { "id", "received_at", "region", "region_name", "version" },
                values: new object[] { 1, null, "", "", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_child_home_municipality",
                schema: "attendance",
                table: "absence_reports",
                column: "child_home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_child_reference",
                schema: "attendance",
                table: "absence_reports",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_repeat_of_id",
                schema: "attendance",
                table: "absence_reports",
                column: "repeat_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_routed_to",
                schema: "attendance",
                table: "absence_reports",
                column: "routed_to");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_school_organisation_id",
                schema: "attendance",
                table: "absence_reports",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_reference_links_to_reference",
                schema: "attendance",
                table: "child_reference_links",
                column: "to_reference");

            migrationBuilder.CreateIndex(
                name: "ix_exemptions_child_home_municipality",
                schema: "attendance",
                table: "exemptions",
                column: "child_home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_exemptions_child_reference",
                schema: "attendance",
                table: "exemptions",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_exemptions_ends_on",
                schema: "attendance",
                table: "exemptions",
                column: "ends_on");

            migrationBuilder.CreateIndex(
                name: "ix_idempotent_requests_created_at",
                schema: "messaging",
                table: "idempotent_requests",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_received_at",
                schema: "messaging",
                table: "inbox",
                column: "received_at");

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
                name: "ix_locations_organisation_id",
                schema: "directory",
                table: "locations",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_message_id",
                schema: "messaging",
                table: "outbox",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_school_days_off_school_organisation_id_date",
                schema: "attendance",
                table: "school_days_off",
                columns: new[] { "school_organisation_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_thuiszitter_cases_child_home_municipality",
                schema: "attendance",
                table: "thuiszitter_cases",
                column: "child_home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_thuiszitter_cases_child_reference",
                schema: "attendance",
                table: "thuiszitter_cases",
                column: "child_reference",
                unique: true,
                filter: "status <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "ix_thuiszitter_cases_status_escalation_due_on",
                schema: "attendance",
                table: "thuiszitter_cases",
                columns: new[] { "status", "escalation_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_thuiszitter_cases_status_plan_due_on",
                schema: "attendance",
                table: "thuiszitter_cases",
                columns: new[] { "status", "plan_due_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "absence_reports",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "child_reference_links",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "exemptions",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "idempotent_requests",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "leave_requests",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "locations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "municipalities",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "organisations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox_lease",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "pupil_counts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "school_days_off",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "thuiszitter_cases",
                schema: "attendance");
        }
    }
}
