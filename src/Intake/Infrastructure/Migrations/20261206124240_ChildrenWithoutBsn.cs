using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ChildrenWithoutBsn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "child_bsn",
                schema: "intake",
                table: "referrals",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(9)",
                oldMaxLength: 9);

            migrationBuilder.AddColumn<string>(
                name: "child_onderwijsnummer",
                schema: "intake",
                table: "referrals",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "child_platform_child_id",
                schema: "intake",
                table: "referrals",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "child_reference_links",
                schema: "intake",
                columns: table => new
                {
                    from_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    to_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_by_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    linked_in = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_reference_links", x => x.from_reference);
                });

            migrationBuilder.CreateIndex(
                name: "ix_child_reference_links_to_reference",
                schema: "intake",
                table: "child_reference_links",
                column: "to_reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "child_reference_links",
                schema: "intake");

            migrationBuilder.DropColumn(
                name: "child_onderwijsnummer",
                schema: "intake",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "child_platform_child_id",
                schema: "intake",
                table: "referrals");

            migrationBuilder.AlterColumn<string>(
                name: "child_bsn",
                schema: "intake",
                table: "referrals",
                type: "character varying(9)",
                maxLength: 9,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(9)",
                oldMaxLength: 9,
                oldNullable: true);
        }
    }
}
