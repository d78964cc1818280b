using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Identity.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ActiveLoginsOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_provider_id_upstream_subject",
                schema: "identity",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_people_provider_id_upstream_subject",
                schema: "identity",
                table: "people",
                columns: new[] { "provider_id", "upstream_subject" },
                unique: true,
                filter: "provider_id IS NOT NULL AND disabled_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_provider_id_upstream_subject",
                schema: "identity",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_people_provider_id_upstream_subject",
                schema: "identity",
                table: "people",
                columns: new[] { "provider_id", "upstream_subject" },
                unique: true,
                filter: "provider_id IS NOT NULL");
        }
    }
}
