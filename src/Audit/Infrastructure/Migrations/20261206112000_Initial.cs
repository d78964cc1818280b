using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Audit.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.EnsureSchema(
                name: "directory");

            migrationBuilder.EnsureSchema(
                name: "audit");

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
                name: "records",
                schema: "audit",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    audit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    child_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organisation_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    on_behalf_of = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    explanation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    route = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_records", x => x.sequence);
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
                name: "ix_outbox_message_id",
                schema: "messaging",
                table: "outbox",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_records_audit_id",
                schema: "audit",
                table: "records",
                column: "audit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_records_child_reference",
                schema: "audit",
                table: "records",
                column: "child_reference");

            migrationBuilder.CreateIndex(
                name: "ix_records_occurred_at",
                schema: "audit",
                table: "records",
                column: "occurred_at");

            // Hand-written: the access log is append-only (NEN 7513). No update, no delete, no truncate,
            // whoever asks; only the retention job, with audit.retention on in its own transaction, may
            // delete lines older than the term.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('audit.retention', true) = 'on' THEN RETURN OLD; END IF;
                    RAISE EXCEPTION 'The audit log is append-only: % refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON audit.records FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
                CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON audit.records FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
                """);

            // The access log made tamper-evident (#25 point 7): keyed lines, an insert-only runtime role, retention through a function.
            migrationBuilder.AddColumn<string>(
                name: "key_id",
                schema: "audit",
                table: "records",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_records_recorded_at",
                schema: "audit",
                table: "records",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_records_service_record_type_record_id",
                schema: "audit",
                table: "records",
                columns: new[] { "service", "record_type", "record_id" });

            // Tamper evidence (#25 point 7, ADR-0008). The runtime role reads and appends; it cannot
            // change, delete or truncate a line (no privilege, and the trigger besides). The owner runs
            // the migrations and owns the retention function. Under CloudNativePG the role is managed
            // (deploy/base/platform/postgres.yaml) and exists already; locally the superuser creates it here.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audit_writer') THEN CREATE ROLE audit_writer NOLOGIN; END IF;
                END $$;

                -- The time a line was recorded is the database's, not the writer's: retention measures age by it.
                CREATE FUNCTION audit.stamp_recorded_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.recorded_at := clock_timestamp();
                    RETURN NEW;
                END $$;
                CREATE TRIGGER records_recorded_at BEFORE INSERT ON audit.records FOR EACH ROW EXECUTE FUNCTION audit.stamp_recorded_at();

                -- Deletion only inside the owner's retention function (which sets audit.retention for its own transaction).
                CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('audit.retention', true) = 'on'
                       AND current_user = (SELECT tableowner FROM pg_catalog.pg_tables WHERE schemaname = 'audit' AND tablename = 'records') THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'The audit log is append-only: % refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;

                -- The shortest term the owner allows: the runtime may ask for a longer one, never a shorter.
                CREATE TABLE audit.retention_policy (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    minimum_years integer NOT NULL CHECK (minimum_years >= 1)
                );
                INSERT INTO audit.retention_policy (id, minimum_years) VALUES (true, 5);

                -- Retention checks the age itself, on the database's clock: calling it cannot remove a recent line.
                CREATE FUNCTION audit.erase_expired(p_years integer)
                RETURNS TABLE (removed bigint, first_kept bigint, cutoff timestamptz)
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    minimum integer;
                BEGIN
                    SELECT p.minimum_years INTO minimum FROM audit.retention_policy p;
                    IF p_years IS NULL OR p_years < minimum THEN
                        RAISE EXCEPTION 'A retention of % years is below the minimum of % years (audit.retention_policy).', p_years, minimum
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    cutoff := now() - make_interval(years => p_years);
                    PERFORM set_config('audit.retention', 'on', true);
                    DELETE FROM audit.records r WHERE r.recorded_at < cutoff;
                    GET DIAGNOSTICS removed = ROW_COUNT;
                    PERFORM set_config('audit.retention', 'off', true);
                    SELECT min(r.sequence) INTO first_kept FROM audit.records r;
                    RETURN NEXT;
                END $$;
                REVOKE ALL ON FUNCTION audit.erase_expired(integer) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION audit.erase_expired(integer) TO audit_writer;

                -- The runtime role: its working tables (outbox, inbox, idempotency answers, the directory copy) in full,
                -- the log read and append only.
                GRANT USAGE ON SCHEMA audit, messaging, directory TO audit_writer;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA messaging, directory TO audit_writer;
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA messaging, directory TO audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA messaging, directory GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA messaging, directory GRANT USAGE, SELECT ON SEQUENCES TO audit_writer;
                GRANT SELECT ON ALL TABLES IN SCHEMA audit TO audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA audit GRANT SELECT ON TABLES TO audit_writer;
                GRANT INSERT ON audit.records TO audit_writer;
                GRANT USAGE ON SEQUENCE audit.records_sequence_seq TO audit_writer;
                -- Started without the owner's connection, the service checks that no migration is pending.
                DO $$
                BEGIN
                    IF to_regclass('public."__EFMigrationsHistory"') IS NOT NULL THEN GRANT SELECT ON public."__EFMigrationsHistory" TO audit_writer; END IF;
                END $$;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                REVOKE ALL ON ALL TABLES IN SCHEMA audit, messaging, directory FROM audit_writer;
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA audit, messaging, directory FROM audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA messaging, directory REVOKE ALL ON TABLES FROM audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA messaging, directory REVOKE ALL ON SEQUENCES FROM audit_writer;
                ALTER DEFAULT PRIVILEGES IN SCHEMA audit REVOKE ALL ON TABLES FROM audit_writer;
                REVOKE USAGE ON SCHEMA audit, messaging, directory FROM audit_writer;
                DROP FUNCTION IF EXISTS audit.erase_expired(integer);
                DROP TABLE IF EXISTS audit.retention_policy;
                DROP TRIGGER IF EXISTS records_recorded_at ON audit.records;
                DROP FUNCTION IF EXISTS audit.stamp_recorded_at();
                CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('audit.retention', true) = 'on' THEN RETURN OLD; END IF;
                    RAISE EXCEPTION 'The audit log is append-only: % refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                """);

            migrationBuilder.DropIndex(
                name: "ix_records_recorded_at",
                schema: "audit",
                table: "records");

            migrationBuilder.DropIndex(
                name: "ix_records_service_record_type_record_id",
                schema: "audit",
                table: "records");

            migrationBuilder.DropColumn(
                name: "key_id",
                schema: "audit",
                table: "records");

            migrationBuilder.Sql("DROP TRIGGER IF EXISTS records_append_only ON audit.records; DROP TRIGGER IF EXISTS records_no_truncate ON audit.records; DROP FUNCTION IF EXISTS audit.refuse_change();");
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
                name: "organisations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox_lease",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "pupil_counts",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "records",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "replica_state",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "sub_regions",
                schema: "directory");
        }
    }
}
