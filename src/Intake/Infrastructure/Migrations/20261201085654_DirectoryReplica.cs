using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryReplica : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "directory");

            migrationBuilder.CreateTable(
                name: "locations",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "municipalities",
                schema: "directory",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sub_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_municipalities", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    swv = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sub_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pupil_counts",
                schema: "directory",
                columns: table => new
                {
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_year = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    pupils = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pupil_counts", x => new { x.location_id, x.school_year });
                });

            migrationBuilder.CreateTable(
                name: "replica_state",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replica_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sub_regions",
                schema: "directory",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sub_regions", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "directory",
                table: "replica_state",
                columns: new[] { "id", "received_at", "region", "region_name", "version" },
                values: new object[] { 1, null, "", "", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_locations_organisation_id",
                schema: "directory",
                table: "locations",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "locations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "municipalities",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "organisations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "pupil_counts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");
        }
    }
}
