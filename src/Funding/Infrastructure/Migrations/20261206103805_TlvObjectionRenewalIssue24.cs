using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TlvObjectionRenewalIssue24 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "extends_tlv_id",
                schema: "funding",
                table: "tlvs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "objection_decided_at",
                schema: "funding",
                table: "tlvs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "objection_filed_at",
                schema: "funding",
                table: "tlvs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_filed_by",
                schema: "funding",
                table: "tlvs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_former_outcome",
                schema: "funding",
                table: "tlvs",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_grounds",
                schema: "funding",
                table: "tlvs",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_lbt_advice",
                schema: "funding",
                table: "tlvs",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "objection_lbt_asked_on",
                schema: "funding",
                table: "tlvs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "objection_lbt_overdue_raised_at",
                schema: "funding",
                table: "tlvs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "objection_lbt_request_due_on",
                schema: "funding",
                table: "tlvs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_reasons",
                schema: "funding",
                table: "tlvs",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_result",
                schema: "funding",
                table: "tlvs",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "renewal_choice",
                schema: "funding",
                table: "tlvs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "renewal_chosen_at",
                schema: "funding",
                table: "tlvs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "renewal_chosen_by",
                schema: "funding",
                table: "tlvs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "renewal_due_raised_at",
                schema: "funding",
                table: "tlvs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "renewal_extension_tlv_id",
                schema: "funding",
                table: "tlvs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "renewal_planned_return_on",
                schema: "funding",
                table: "tlvs",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "extends_tlv_id",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_decided_at",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_filed_at",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_filed_by",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_former_outcome",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_grounds",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_lbt_advice",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_lbt_asked_on",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_lbt_overdue_raised_at",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_lbt_request_due_on",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_reasons",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "objection_result",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_choice",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_chosen_at",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_chosen_by",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_due_raised_at",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_extension_tlv_id",
                schema: "funding",
                table: "tlvs");

            migrationBuilder.DropColumn(
                name: "renewal_planned_return_on",
                schema: "funding",
                table: "tlvs");
        }
    }
}
