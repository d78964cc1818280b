using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Monitoring.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class JournalAndReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_facts",
                schema: "monitoring");

            migrationBuilder.DropTable(
                name: "referral_facts",
                schema: "monitoring");

            migrationBuilder.CreateTable(
                name: "baselines",
                schema: "monitoring",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    reference_date = table.Column<DateOnly>(type: "date", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    taken_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_baselines", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "facts",
                schema: "monitoring",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    indicator = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    value = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_facts", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                schema: "monitoring",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "subjects",
                schema: "monitoring",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    parent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    anchor_on = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    activated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    places = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subjects", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_facts_occurred_on_indicator",
                schema: "monitoring",
                table: "facts",
                columns: new[] { "occurred_on", "indicator" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_message_id",
                schema: "monitoring",
                table: "journal",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subjects_kind",
                schema: "monitoring",
                table: "subjects",
                column: "kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "baselines",
                schema: "monitoring");

            migrationBuilder.DropTable(
                name: "facts",
                schema: "monitoring");

            migrationBuilder.DropTable(
                name: "journal",
                schema: "monitoring");

            migrationBuilder.DropTable(
                name: "subjects",
                schema: "monitoring");

            migrationBuilder.CreateTable(
                name: "event_facts",
                schema: "monitoring",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_facts", x => x.key);
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

            migrationBuilder.CreateIndex(
                name: "ix_event_facts_period_indicator",
                schema: "monitoring",
                table: "event_facts",
                columns: new[] { "period", "indicator" });

            migrationBuilder.CreateIndex(
                name: "ix_referral_facts_period_home_municipality",
                schema: "monitoring",
                table: "referral_facts",
                columns: new[] { "period", "home_municipality" });
        }
    }
}
