using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryExperts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Funding's own registry of experts and member boards (per SWV) gives way to the Directory's persons and boards.
            // The copy of the directory is marked empty so the service asks the Directory for a snapshot at its next start:
            // a copy made before boards and experts were published would otherwise keep none until the next change.
            migrationBuilder.Sql("UPDATE directory.replica_state SET version = 0;");

            migrationBuilder.DropTable(
                name: "member_boards",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "tlv_experts",
                schema: "funding");

            migrationBuilder.CreateTable(
                name: "boards",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    disciplines = table.Column<List<string>>(type: "text[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experts", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "school_boards",
                schema: "directory",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_school_boards", x => x.organisation_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "boards",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "experts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "school_boards",
                schema: "directory");

            migrationBuilder.CreateTable(
                name: "member_boards",
                schema: "funding",
                columns: table => new
                {
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_boards", x => new { x.swv_id, x.school_organisation_id });
                });

            migrationBuilder.CreateTable(
                name: "tlv_experts",
                schema: "funding",
                columns: table => new
                {
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    person_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disciplines = table.Column<List<string>>(type: "text[]", nullable: false),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tlv_experts", x => new { x.swv_id, x.person_id });
                });
        }
    }
}
