using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Audit.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TamperEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
