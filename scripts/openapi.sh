#!/usr/bin/env bash
# Writes each service's OpenAPI document to docs/openapi/<service>.json as the service serves it
# (each test module's OpenApiDocumentTests, in write mode, on one PostgreSQL and RabbitMQ started
# here), then lints them as CI does. docs/asyncapi/events.json needs the whole platform: with
# "events", the end-to-end suite's AsyncApiDocumentTests writes it too (a few minutes more).
# Run it after changing an API; review the diff (breaking changes: docs/api/versioning.md) and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites tests
export PLATFORM_WRITE_OPENAPI=1 ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
work=$(mktemp -d /tmp/platform-openapi.XXXXXX)
cleanup() {
  if [ -f "$work/servers.pids" ]; then
    while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done <"$work/servers.pids"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build Platform.sln -nologo -v q >"$work/build.log" 2>&1 || { grep -E 'error' "$work/build.log" | sort -u; exit 1; }
if ! have_container_engine; then
  dotnet run --no-build --project src/LocalServers -- start --root "$work" \
    --env-file "$work/servers.env" --pid-file "$work/servers.pids" >"$work/servers.log" 2>&1 \
    || { cat "$work/servers.log"; exit 1; }
  source "$work/servers.env"
fi
for module in Attendance Audit Directory Funding Handover Intake Monitoring Subscriptions; do
  echo "docs/openapi/${module,,}.json"
  dotnet test --project "tests/$module.Tests" --no-build -- --filter-class "*OpenApiDocumentTests" >"$work/$module.log" 2>&1 \
    || { grep -vE '^\s+at ' "$work/$module.log" | head -40; exit 1; }
done
if [ "${1:-}" = events ]; then
  echo "docs/asyncapi/events.json"
  dotnet test --project tests/EndToEnd.Tests --no-build -- --filter-class "*AsyncApiDocumentTests" >"$work/events.log" 2>&1 \
    || { grep -vE '^\s+at ' "$work/events.log" | head -40; exit 1; }
fi
./scripts/lint-api.sh
