using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "funding");

            migrationBuilder.EnsureSchema(
                name: "directory");

            migrationBuilder.EnsureSchema(
                name: "consent");

            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.CreateTable(
                name: "arrangements",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    target_group = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    support_domains = table.Column<List<string>>(type: "text[]", nullable: false),
                    serves_municipalities = table.Column<List<string>>(type: "text[]", nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    occupied = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    portable = table.Column<bool>(type: "boolean", nullable: false),
                    pre_financer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    education_cents = table.Column<long>(type: "bigint", nullable: false),
                    care_cents = table.Column<long>(type: "bigint", nullable: false),
                    joint_cents = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    escalated_to = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    funders = table.Column<List<string>>(type: "text[]", nullable: false),
                    change_requests = table.Column<string>(type: "jsonb", nullable: true),
                    escalation = table.Column<string>(type: "jsonb", nullable: true),
                    pre_financing = table.Column<string>(type: "jsonb", nullable: true),
                    shares = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_arrangements", x => x.id);
                    table.CheckConstraint("ck_arrangements_capacity", "occupied >= 0 AND occupied <= places");
                });

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
                name: "budgets",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    funder_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    funder_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    reserved_cents = table.Column<long>(type: "bigint", nullable: false),
                    committed_cents = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.CheckConstraint("ck_budgets_within_amount", "reserved_cents >= 0 AND committed_cents >= 0 AND reserved_cents + committed_cents <= amount_cents");
                });

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "consent",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                schema: "consent",
                columns: table => new
                {
                    consent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    organisations = table.Column<List<string>>(type: "text[]", nullable: false),
                    purposes = table.Column<List<string>>(type: "text[]", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.consent_id);
                });

            migrationBuilder.CreateTable(
                name: "disputes",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    zorgplicht_application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opp_id = table.Column<Guid>(type: "uuid", nullable: true),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    disputed_decision_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filed_in_time = table.Column<bool>(type: "boolean", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answer_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opinion_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    answered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    answer_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    answer_term_passed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opinion_term_passed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.id);
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
                name: "idempotent_requests",
                schema: "messaging",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_requests", x => new { x.organisation_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "messaging",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox", x => new { x.message_id, x.consumer });
                });

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
                name: "opps",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    required_because = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    set_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    set_on = table.Column<DateOnly>(type: "date", nullable: true),
                    set_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    set_overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_evaluated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_evaluation_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    evaluation_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    evaluation_overdue_raised_for = table.Column<DateOnly>(type: "date", nullable: true),
                    parents_consent = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    parents_consent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opps", x => x.id);
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
                name: "outbox",
                schema: "messaging",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                    trace_state = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "outbox_lease",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_lease", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "text", nullable: false),
                    school_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    replaced_individual_decision = table.Column<bool>(type: "boolean", nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placements", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "tlvs",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requested_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    receiving_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    substantiation = table.Column<string>(type: "text", nullable: false),
                    parents_view = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_category = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    decision_receiving_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_parents_view = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    decision_reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    decision_decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    objection_filed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    objection_filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    objection_grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    objection_lbt_request_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    objection_lbt_asked_on = table.Column<DateOnly>(type: "date", nullable: true),
                    objection_lbt_overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    objection_lbt_advice = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    objection_result = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    objection_reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    objection_decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    objection_former_outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    renewal_due_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    renewal_choice = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    renewal_chosen_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    renewal_chosen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    renewal_extension_tlv_id = table.Column<Guid>(type: "uuid", nullable: true),
                    renewal_planned_return_on = table.Column<DateOnly>(type: "date", nullable: true),
                    extends_tlv_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    advices = table.Column<string>(type: "jsonb", nullable: true),
                    invitations = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tlvs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zorgplicht_applications",
                schema: "funding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    home_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    school_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_municipality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    swv_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    compulsory_school_age = table.Column<bool>(type: "boolean", nullable: false),
                    has_place_elsewhere = table.Column<bool>(type: "boolean", nullable: false),
                    thuiszitter_case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    temporary_placement_on = table.Column<DateOnly>(type: "date", nullable: false),
                    extended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parents_notified_of_extension_on = table.Column<DateOnly>(type: "date", nullable: true),
                    due_raised_for = table.Column<DateOnly>(type: "date", nullable: true),
                    exceeded_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    temporarily_placed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    other_school_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    other_school_organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    other_school_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    other_school_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    placement_location_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    placement_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tlv_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    opp_id = table.Column<Guid>(type: "uuid", nullable: true),
                    timeliness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_zorgplicht_applications", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "messaging",
                table: "outbox_lease",
                columns: new[] { "id", "last_published_at" },
                values: new object[] { 1, null });

            migrationBuilder.InsertData(
                schema: "directory",
                table: "replica_state",
                columns: new[] { "id", "received_at", "region", "region_name", "version" },
                values: new object[] { 1, null, "", "", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_escalated_to",
                schema: "funding",
                table: "arrangements",
                column: "escalated_to");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_funders",
                schema: "funding",
                table: "arrangements",
                column: "funders")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_location_id",
                schema: "funding",
                table: "arrangements",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_location_organisation_id",
                schema: "funding",
                table: "arrangements",
                column: "location_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_request_id",
                schema: "funding",
                table: "arrangements",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_arrangements_status_decision_due_on",
                schema: "funding",
                table: "arrangements",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_budgets_funder_id_year_line",
                schema: "funding",
                table: "budgets",
                columns: new[] { "funder_id", "year", "line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budgets_municipality",
                schema: "funding",
                table: "budgets",
                column: "municipality");

            migrationBuilder.CreateIndex(
                name: "ix_cases_child_reference",
                schema: "consent",
                table: "cases",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                schema: "consent",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_consents_child_reference",
                schema: "consent",
                table: "consents",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_home_municipality",
                schema: "funding",
                table: "disputes",
                column: "home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_school_organisation_id",
                schema: "funding",
                table: "disputes",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_status_answer_due_on_opinion_due_on",
                schema: "funding",
                table: "disputes",
                columns: new[] { "status", "answer_due_on", "opinion_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_swv_id",
                schema: "funding",
                table: "disputes",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_disputes_one_open_per_decision",
                schema: "funding",
                table: "disputes",
                columns: new[] { "child_reference", "school_organisation_id", "subject", "disputed_decision_on" },
                unique: true,
                filter: "status <> 'Concluded'");

            migrationBuilder.CreateIndex(
                name: "ix_idempotent_requests_created_at",
                schema: "messaging",
                table: "idempotent_requests",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_received_at",
                schema: "messaging",
                table: "inbox",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_locations_organisation_id",
                schema: "directory",
                table: "locations",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_opps_school_organisation_id",
                schema: "funding",
                table: "opps",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_opps_swv_id",
                schema: "funding",
                table: "opps",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_opps_one_per_enrolment",
                schema: "funding",
                table: "opps",
                columns: new[] { "child_reference", "school_location_id", "enrolled_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_message_id",
                schema: "messaging",
                table: "outbox",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_arrangement_id",
                schema: "funding",
                table: "placements",
                column: "arrangement_id");

            migrationBuilder.CreateIndex(
                name: "ix_placements_child_reference",
                schema: "funding",
                table: "placements",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_placements_request_id",
                schema: "funding",
                table: "placements",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_school_organisation_id",
                schema: "funding",
                table: "tlvs",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_status_decision_due_on",
                schema: "funding",
                table: "tlvs",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_tlvs_swv_id",
                schema: "funding",
                table: "tlvs",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_tlvs_one_open_request_per_child",
                schema: "funding",
                table: "tlvs",
                column: "child_reference",
                unique: true,
                filter: "status = 'Requested'");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_home_municipality",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "home_municipality");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_other_school_organisation_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "other_school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_school_organisation_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "school_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_status_decision_due_on",
                schema: "funding",
                table: "zorgplicht_applications",
                columns: new[] { "status", "decision_due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_zorgplicht_applications_swv_id",
                schema: "funding",
                table: "zorgplicht_applications",
                column: "swv_id");

            migrationBuilder.CreateIndex(
                name: "ux_zorgplicht_one_open_application_per_child_and_school",
                schema: "funding",
                table: "zorgplicht_applications",
                columns: new[] { "child_reference", "school_organisation_id" },
                unique: true,
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "arrangements",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "boards",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "budgets",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "consent");

            migrationBuilder.DropTable(
                name: "disputes",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "experts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "idempotent_requests",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "locations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "municipalities",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "opps",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "organisations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox_lease",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "placements",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "pupil_counts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "school_boards",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "tlvs",
                schema: "funding");

            migrationBuilder.DropTable(
                name: "zorgplicht_applications",
                schema: "funding");
        }
    }
}
