#!/usr/bin/env bash
# Sets up and runs the whole platform: installs what is missing, builds, starts the Aspire
# AppHost (PostgreSQL, RabbitMQ, Identity, services, gateway) and prints where to go.
# Stop with Ctrl+C: the AppHost stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites

echo "Building..."
dotnet build AppHost/AppHost.csproj -v quiet -nologo

# No trusted HTTPS development certificate on our machines: the dashboard runs over http.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
log=$(mktemp /tmp/platform-apphost.XXXXXX.log)
dotnet run --project AppHost/AppHost.csproj --no-build --launch-profile http >"$log" 2>&1 &
apphost=$!
trap 'kill -TERM $apphost 2>/dev/null; wait $apphost 2>/dev/null; exit 0' INT TERM

gateway=http://localhost:5000
printf "Starting the platform (first start installs the databases, about a minute)"
until curl -sf "$gateway/.well-known/openid-configuration" >/dev/null 2>&1; do
  if ! kill -0 $apphost 2>/dev/null; then echo; echo "The AppHost stopped; its log:"; cat "$log"; exit 1; fi
  printf "."; sleep 2
done
echo
login=$(grep -o 'http://localhost:18888/login?t=[0-9a-f]*' "$log" | head -1)
cat <<INFO

  The platform is running.

  Aspire dashboard (resources, logs, traces):  ${login:-http://localhost:18888}
  Prometheus and its alerts:                   the dashboard's "prometheus" resource
  Gateway (the only public entry):             $gateway
  AppHost log:                                 $log

  Get a token for a demo organisation (secrets: README.md, "Demo clients"):
    curl -s $gateway/connect/token -d grant_type=client_credentials \\
         -d client_id=school-bs-de-linde -d client_secret=school-bs-de-linde-dev-secret

  Then, for example:
    curl -s $gateway/api/monitoring/indicators -H "Authorization: Bearer \$TOKEN"

  Ctrl+C stops everything.
INFO
wait $apphost
