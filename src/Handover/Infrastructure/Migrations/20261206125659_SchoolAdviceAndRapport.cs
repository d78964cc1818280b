using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Handover.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SchoolAdviceAndRapport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ended_on",
                schema: "handover",
                table: "known_arrangements",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ended_on",
                schema: "handover",
                table: "known_arrangements");
        }
    }
}
