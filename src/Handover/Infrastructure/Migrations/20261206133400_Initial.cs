using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Handover.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "consent");

            migrationBuilder.EnsureSchema(
                name: "handover");

            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "directory");

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
                name: "child_reference_links",
                schema: "handover",
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
                name: "handovers",
                schema: "handover",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_onderwijsnummer = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    child_platform_child_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    child_given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    child_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    switch_moment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    terugplaatsing = table.Column<bool>(type: "boolean", nullable: false),
                    ends_tlv_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sending_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    receiving_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    receiving_swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    care = table.Column<string>(type: "jsonb", nullable: true),
                    declines = table.Column<string>(type: "jsonb", nullable: true),
                    dossier = table.Column<string>(type: "jsonb", nullable: false),
                    meeting = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handovers", x => x.id);
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
                name: "known_arrangements",
                schema: "handover",
                columns: table => new
                {
                    placement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "text", nullable: false),
                    arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_arrangements", x => x.placement_id);
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
                name: "ix_cases_child_reference",
                schema: "consent",
                table: "cases",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_child_reference_links_to_reference",
                schema: "handover",
                table: "child_reference_links",
                column: "to_reference");

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
                name: "ix_handovers_child_reference",
                schema: "handover",
                table: "handovers",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_handovers_receiving_organisation_id",
                schema: "handover",
                table: "handovers",
                column: "receiving_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_handovers_sending_organisation_id",
                schema: "handover",
                table: "handovers",
                column: "sending_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_handovers_status_due_on",
                schema: "handover",
                table: "handovers",
                columns: new[] { "status", "due_on" });

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
                name: "ix_known_arrangements_child_reference",
                schema: "handover",
                table: "known_arrangements",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_known_tlvs_child_reference",
                schema: "handover",
                table: "known_tlvs",
                column: "child_reference");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cases",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "child_reference_links",
                schema: "handover");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "handovers",
                schema: "handover");

            migrationBuilder.DropTable(
                name: "idempotent_requests",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "known_arrangements",
                schema: "handover");

            migrationBuilder.DropTable(
                name: "known_tlvs",
                schema: "handover");

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
                name: "sub_regions",
                schema: "directory");
        }
    }
}
