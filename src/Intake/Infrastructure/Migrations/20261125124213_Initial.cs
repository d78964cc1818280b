using System;
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

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                schema: "intake",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.organisation_id, x.key });
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
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false)
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
                name: "referrals",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_bsn = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
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
                    support_needs = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "messaging",
                table: "outbox_lease",
                columns: new[] { "id", "last_published_at" },
                values: new object[] { 1, null });

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
                name: "idempotency_keys",
                schema: "intake");

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
                name: "referrals",
                schema: "intake");
        }
    }
}
