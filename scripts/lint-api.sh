#!/usr/bin/env bash
# Lints the committed API documents (docs/openapi/*.json, docs/asyncapi/events.json) with Redocly
# CLI's recommended rules (redocly.yaml), and compares the OpenAPI documents with those of the
# API baseline (docs/openapi/BASELINE, a commit) for breaking changes (docs/api/versioning.md).
# Needs Node.js and npm (scripts/prerequisites.sh installs them); Redocly comes from npm, pinned
# in tools/api-lint/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd tools/api-lint && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
tools/api-lint/node_modules/.bin/redocly lint --format=summary 2>&1 | grep -vE '[║╔╚]' | sed '/^\s*$/d'
base=$(tr -d '[:space:]' <docs/openapi/BASELINE)
if git cat-file -e "$base^{commit}" 2>/dev/null; then
  node tools/api-lint/breaking.mjs "$base" docs/openapi/*.json
else
  echo "The API baseline $base is not in this clone's history: breaking-change check skipped." >&2
  exit 1
fi
