#!/usr/bin/env bash
# Runs every test: installs what is missing, starts one PostgreSQL and one RabbitMQ for the
# whole run (each test class then makes its own database and virtual host), runs the test
# projects one after another, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites tests

run_as() { local user=$1; shift; if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
# A port below Linux's ephemeral range (32768+) that nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

pids=()
root=""
cleanup() {
  # Each server runs in its own session (setsid): killing the group takes its children too.
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  if [ -n "$root" ]; then rm -rf "$root"; fi
}
trap cleanup EXIT

if ! have_container_engine; then
  root=$(mktemp -d /tmp/platform-tests.XXXXXX)
  chmod 755 "$root"

  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_port=$(free_port)
  mkdir "$root/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$root/pg"
  run_as postgres "$pg_bin/initdb" -D "$root/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  setsid bash -c "$(declare -f run_as); run_as postgres \"\$@\"" _ "$pg_bin/postgres" -D "$root/pg" -p "$pg_port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories= -c max_connections=300 >"$root/postgres.log" 2>&1 &
  pids+=($!); disown

  amqp_port=$(free_port); dist_port=$(free_port); mgmt_port=$(free_port)
  node="tests-$amqp_port@localhost"
  mkdir "$root/rabbitmq"
  echo "[rabbitmq_management]." >"$root/rabbitmq/enabled_plugins"
  printf 'listeners.tcp.default = 127.0.0.1:%s\nmanagement.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' \
    "$amqp_port" "$mgmt_port" >"$root/rabbitmq/rabbitmq.conf"
  [ "$(id -u)" = 0 ] && chown -R rabbitmq:rabbitmq "$root/rabbitmq"
  rabbit_home=$HOME; [ "$(id -u)" = 0 ] && rabbit_home=/var/lib/rabbitmq
  HOME=$rabbit_home RABBITMQ_NODENAME=$node RABBITMQ_DIST_PORT=$dist_port \
    RABBITMQ_MNESIA_BASE="$root/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$root/rabbitmq/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$root/rabbitmq/enabled_plugins" RABBITMQ_CONFIG_FILE="$root/rabbitmq/rabbitmq.conf" \
    setsid bash -c "$(declare -f run_as); run_as rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server" >"$root/rabbitmq.log" 2>&1 &
  pids+=($!); disown

  printf "Starting PostgreSQL and RabbitMQ for this test run"
  up=no
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt_port/api/overview" || true)
    if [ "$code" = 401 ] && (echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then up=yes; break; fi
    printf "."; sleep 1
  done
  echo
  if [ "$up" != yes ]; then
    echo "PostgreSQL or RabbitMQ did not start within 120 s. Their logs:" >&2
    tail -n 30 "$root/postgres.log" "$root/rabbitmq.log" >&2 || true
    echo "0 passed, 1 failed"
    exit 1
  fi
  export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  export PLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp_port"
  export PLATFORM_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mgmt_port"
  export PLATFORM_TEST_RABBITMQ_NODE=$node
fi

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
rm -f TestResults/reliability-*.md
out=$(mktemp /tmp/platform-test-output.XXXXXX)
set +e
# One test module at a time: the broker-outage test stops the shared RabbitMQ, and the end-to-end
# test starts a whole platform; neither should overlap another module on two cores.
dotnet test --solution Platform.sln --max-parallel-test-modules 1 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# The fault-injection suite's table (tests/Reliability.Tests): fault, accepted, effects, lost, duplicated, recovery.
for table in TestResults/reliability-*.md; do [ -f "$table" ] && cat "$table"; done

passed=$(grep -E '^\s+succeeded: [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
