#!/usr/bin/env bash
# Runs the benchmark: ./bench/run.sh [full|smoke] [steps]  (full is the default; steps e.g. "monitor" or "writes,reads").
# Installs only what scripts/prerequisites.sh installs (PostgreSQL, RabbitMQ from Debian's
# packages when no container engine answers), starts its own platform on free ports and
# throwaway data, and writes the table to bench/results/<utc-date>-<short-commit>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites

# No trusted HTTPS development certificate on our machines: Aspire runs over http.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet run -c Release --project bench/Bench.csproj -- "${1:-full}" ${2:+"$2"}
