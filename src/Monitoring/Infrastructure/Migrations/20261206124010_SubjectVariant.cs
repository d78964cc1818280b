using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Monitoring.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SubjectVariant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "variant",
                schema: "monitoring",
                table: "subjects",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "variant",
                schema: "monitoring",
                table: "subjects");
        }
    }
}
