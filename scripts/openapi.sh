#!/usr/bin/env bash
# Writes each service's OpenAPI document to docs/openapi/<service>.json, as the service serves it
# (the OpenApiDocumentTests of each test module, in write mode), then lints them as CI does.
# Run it after changing an API; review the diff (breaking changes: docs/api/versioning.md) and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLATFORM_WRITE_OPENAPI=1
for module in Attendance Audit Directory Funding Handover Intake Monitoring Subscriptions; do
  dotnet build "tests/$module.Tests" -nologo -v q
  dotnet test --project "tests/$module.Tests" --no-build -- --filter-class "*OpenApiDocumentTests" >/dev/null
done
./scripts/lint-api.sh
