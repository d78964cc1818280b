using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TlvExpertIdentitiesIssue24 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    board_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    disciplines = table.Column<List<string>>(type: "text[]", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tlv_experts", x => new { x.swv_id, x.person_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_boards",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "tlv_experts",
                schema: "funding");
        }
    }
}
