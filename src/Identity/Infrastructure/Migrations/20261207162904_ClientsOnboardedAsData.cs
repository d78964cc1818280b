using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Identity.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ClientsOnboardedAsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "directory");

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
                name: "used_client_assertions",
                schema: "identity",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    token_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_used_client_assertions", x => new { x.client_id, x.token_id });
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
                name: "ix_used_client_assertions_expires_at",
                schema: "identity",
                table: "used_client_assertions",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "used_client_assertions",
                schema: "identity");
        }
    }
}
