using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Directory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BoardsAndExperts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "board_id",
                schema: "directory",
                table: "organisations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "boards",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_boards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "experts",
                schema: "directory",
                columns: table => new
                {
                    person_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    disciplines = table.Column<List<string>>(type: "text[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experts", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_experts_boards_board_id",
                        column: x => x.board_id,
                        principalSchema: "directory",
                        principalTable: "boards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_experts_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalSchema: "directory",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_board_id",
                schema: "directory",
                table: "organisations",
                column: "board_id");

            migrationBuilder.CreateIndex(
                name: "ix_experts_board_id",
                schema: "directory",
                table: "experts",
                column: "board_id");

            migrationBuilder.CreateIndex(
                name: "ix_experts_organisation_id",
                schema: "directory",
                table: "experts",
                column: "organisation_id");

            migrationBuilder.AddForeignKey(
                name: "fk_organisations_boards_board_id",
                schema: "directory",
                table: "organisations",
                column: "board_id",
                principalSchema: "directory",
                principalTable: "boards",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_organisations_boards_board_id",
                schema: "directory",
                table: "organisations");

            migrationBuilder.DropTable(
                name: "experts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "boards",
                schema: "directory");

            migrationBuilder.DropIndex(
                name: "ix_organisations_board_id",
                schema: "directory",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "board_id",
                schema: "directory",
                table: "organisations");
        }
    }
}
