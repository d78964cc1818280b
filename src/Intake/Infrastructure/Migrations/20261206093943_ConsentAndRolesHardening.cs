using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ConsentAndRolesHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ended_by_withdrawal_of",
                schema: "intake",
                table: "consents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "parental_authority_checked_on",
                schema: "intake",
                table: "consents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "parental_authority_holders",
                schema: "intake",
                table: "consents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "withdrawn_by_parties",
                schema: "intake",
                table: "consents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "consent_age_check_on",
                schema: "intake",
                table: "cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "consent_renewal_age",
                schema: "intake",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "consent_renewal_due_since",
                schema: "intake",
                table: "cases",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_consent_age_check_on",
                schema: "intake",
                table: "cases",
                column: "consent_age_check_on",
                filter: "consent_age_check_on IS NOT NULL");

            // Cases with consent already: the renewal sweep watches the next 12th or 16th birthday after the latest consent.
            migrationBuilder.Sql("""
                UPDATE intake.cases c SET consent_age_check_on = t.next
                FROM (
                    SELECT k.case_id,
                           CASE WHEN (c2.child_date_of_birth + interval '12 years')::date > max(k.given_on) THEN (c2.child_date_of_birth + interval '12 years')::date
                                WHEN (c2.child_date_of_birth + interval '16 years')::date > max(k.given_on) THEN (c2.child_date_of_birth + interval '16 years')::date
                           END AS next
                    FROM intake.consents k JOIN intake.cases c2 ON c2.id = k.case_id
                    GROUP BY k.case_id, c2.child_date_of_birth
                ) t
                WHERE c.id = t.case_id AND c.status <> 'Closed';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_consent_age_check_on",
                schema: "intake",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ended_by_withdrawal_of",
                schema: "intake",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "parental_authority_checked_on",
                schema: "intake",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "parental_authority_holders",
                schema: "intake",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_parties",
                schema: "intake",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "consent_age_check_on",
                schema: "intake",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "consent_renewal_age",
                schema: "intake",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "consent_renewal_due_since",
                schema: "intake",
                table: "cases");
        }
    }
}
