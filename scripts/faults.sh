#!/usr/bin/env bash
# The fault-injection suite on its own: the whole platform as local processes, a steady stream of
# journeys, and one fault after another (RabbitMQ restart, a service, Identity and the gateway killed, a database stopped,
# a consumer paused, duplicates, a poison message), each reconciled against every service's data.
# It lives in the end-to-end suite (tests/EndToEnd.Tests/Faults/), whose platform it uses; in CI it
# runs there last, after the journeys. Here only it runs.
#   ./scripts/faults.sh          the short profile (what CI runs, about 4 minutes with the platform's start)
#   ./scripts/faults.sh full     30 s outages, twice the rate, three services killed, and each fault's alert
#                                awaited in the local Prometheus (fires within 2 minutes, clears after), and a database's
#                                disk filled (needs root: mount; about 14 minutes)
#   ./scripts/faults.sh full "disk full,postgresql"   only the faults whose name contains one of the texts (after
#                                the steady-state baseline), for working on a fault
# Prints the table; it is also in TestResults/reliability-<profile>.md, every resource's console
# output in TestResults/platform-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites tests

profile=${1:-short}
case "$profile" in short|full) ;; *) echo "usage: $0 [short|full] [text in the faults' names]" >&2; exit 2 ;; esac
export RELIABILITY_PROFILE=$profile RELIABILITY_ONLY=${2:-} ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
rm -f "TestResults/reliability-$profile.md"
set +e
dotnet test --project tests/EndToEnd.Tests -- --filter-class Platform.EndToEnd.Tests.Faults.FaultInjectionTests
status=$?
set -e
if [ -f "TestResults/reliability-$profile.md" ]; then cat "TestResults/reliability-$profile.md"; fi
exit $status
