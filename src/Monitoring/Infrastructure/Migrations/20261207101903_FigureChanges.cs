using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Monitoring.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FigureChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "figure_changes",
                schema: "monitoring",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    xid = table.Column<ulong>(type: "xid8", nullable: false, defaultValueSql: "pg_current_xact_id()"),
                    changed_from = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "clock_timestamp()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subjects_parent",
                schema: "monitoring",
                table: "subjects",
                column: "parent");

            migrationBuilder.CreateIndex(
                name: "ix_facts_subject",
                schema: "monitoring",
                table: "facts",
                column: "subject");

            migrationBuilder.CreateIndex(
                name: "ix_figure_changes_recorded_at",
                schema: "monitoring",
                table: "figure_changes",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_figure_changes_xid",
                schema: "monitoring",
                table: "figure_changes",
                column: "xid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_changes",
                schema: "monitoring");

            migrationBuilder.DropIndex(
                name: "ix_subjects_parent",
                schema: "monitoring",
                table: "subjects");

            migrationBuilder.DropIndex(
                name: "ix_facts_subject",
                schema: "monitoring",
                table: "facts");
        }
    }
}
