using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Monitoring.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "monitoring");

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
                name: "referral_facts",
                schema: "monitoring",
                columns: table => new
                {
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_facts", x => x.referral_id);
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
                name: "ix_referral_facts_period_home_municipality",
                schema: "monitoring",
                table: "referral_facts",
                columns: new[] { "period", "home_municipality" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "referral_facts",
                schema: "monitoring");
        }
    }
}
