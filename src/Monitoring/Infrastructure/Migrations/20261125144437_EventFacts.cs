using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Monitoring.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EventFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_facts",
                schema: "monitoring",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_facts", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_facts_period_indicator",
                schema: "monitoring",
                table: "event_facts",
                columns: new[] { "period", "indicator" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_facts",
                schema: "monitoring");
        }
    }
}
