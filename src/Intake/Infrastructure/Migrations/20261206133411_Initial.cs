using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "intake");

            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "directory");

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
                    consent_age_check_on = table.Column<DateOnly>(type: "date", nullable: true),
                    consent_renewal_due_since = table.Column<DateOnly>(type: "date", nullable: true),
                    consent_renewal_age = table.Column<int>(type: "integer", nullable: true),
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
                name: "child_reference_links",
                schema: "intake",
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
                name: "consents",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    given_by = table.Column<int[]>(type: "integer[]", nullable: false),
                    parental_authority_checked_in = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    parental_authority_holders = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "ARRAY[]::text[]"),
                    parental_authority_checked_on = table.Column<DateOnly>(type: "date", nullable: true),
                    organisations = table.Column<List<string>>(type: "text[]", nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    purposes = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "ARRAY['support']::text[]"),
                    given_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_by_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    withdrawn_by_parties = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "ARRAY[]::text[]"),
                    ended_by_withdrawal_of = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
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
                name: "referrals",
                schema: "intake",
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
                    referring_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    referring_organisation_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    tried_so_far = table.Column<string>(type: "text", nullable: false),
                    urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    parents_view = table.Column<string>(type: "text", nullable: true),
                    childs_view = table.Column<string>(type: "text", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    support_needs = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
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
                name: "ix_cases_consent_age_check_on",
                schema: "intake",
                table: "cases",
                column: "consent_age_check_on",
                filter: "consent_age_check_on IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_status_knooppunt_due_on",
                schema: "intake",
                table: "cases",
                columns: new[] { "status", "knooppunt_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_child_reference_links_to_reference",
                schema: "intake",
                table: "child_reference_links",
                column: "to_reference");

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                schema: "intake",
                table: "consents",
                column: "case_id");

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
                name: "ix_referrals_case_id",
                schema: "intake",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_child_reference",
                schema: "intake",
                table: "referrals",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_referring_organisation_id",
                schema: "intake",
                table: "referrals",
                column: "referring_organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_access",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "child_reference_links",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "idempotent_requests",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "messaging");

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
                name: "referrals",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "intake");
        }
    }
}
