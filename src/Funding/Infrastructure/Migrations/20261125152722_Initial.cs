using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "funding");

            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.CreateTable(
                name: "arrangements",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    target_group = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    support_domains = table.Column<List<string>>(type: "text[]", nullable: false),
                    serves_municipalities = table.Column<List<string>>(type: "text[]", nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    occupied = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    portable = table.Column<bool>(type: "boolean", nullable: false),
                    pre_financer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    education_cents = table.Column<long>(type: "bigint", nullable: false),
                    care_cents = table.Column<long>(type: "bigint", nullable: false),
                    joint_cents = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    escalated_to = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    funders = table.Column<List<string>>(type: "text[]", nullable: false),
                    change_requests = table.Column<string>(type: "jsonb", nullable: true),
                    escalation = table.Column<string>(type: "jsonb", nullable: true),
                    pre_financing = table.Column<string>(type: "jsonb", nullable: true),
                    shares = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_arrangements", x => x.id);
                    table.CheckConstraint("ck_arrangements_capacity", "occupied >= 0 AND occupied <= places");
                });

            migrationBuilder.CreateTable(
                name: "budgets",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    funder_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    funder_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    reserved_cents = table.Column<long>(type: "bigint", nullable: false),
                    committed_cents = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.CheckConstraint("ck_budgets_within_amount", "reserved_cents >= 0 AND committed_cents >= 0 AND reserved_cents + committed_cents <= amount_cents");
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
                name: "placements",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "text", nullable: false),
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    replaced_individual_decision = table.Column<bool>(type: "boolean", nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placements", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "messaging",
                table: "outbox_lease",
                columns: new[] { "id", "last_published_at" },
                values: new object[] { 1, null });

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_escalated_to",
                schema: "funding",
                table: "arrangements",
                column: "escalated_to");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_funders",
                schema: "funding",
                table: "arrangements",
                column: "funders")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_location_id",
                schema: "funding",
                table: "arrangements",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_request_id",
                schema: "funding",
                table: "arrangements",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_status_decision_due_on",
                schema: "funding",
                table: "arrangements",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_budgets_funder_id_year_line",
                schema: "funding",
                table: "budgets",
                columns: new[] { "funder_id", "year", "line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budgets_municipality",
                schema: "funding",
                table: "budgets",
                column: "municipality");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_received_at",
                schema: "messaging",
                table: "inbox",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_message_id",
                schema: "messaging",
                table: "outbox",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_arrangement_id",
                schema: "funding",
                table: "placements",
                column: "arrangement_id");

            migrationBuilder.CreateIndex(
                name: "ix_placements_child_reference",
                schema: "funding",
                table: "placements",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_placements_request_id",
                schema: "funding",
                table: "placements",
                column: "request_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "arrangements",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "budgets",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox_lease",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "placements",
                schema: "funding");
        }
    }
}
