using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Attendance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AbsenceReportFinishedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "finished_at",
                schema: "attendance",
                table: "absence_reports",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "finished_at",
                schema: "attendance",
                table: "absence_reports");
        }
    }
}
