#!/usr/bin/env bash
# Installs what the platform needs on a Debian machine: the .NET SDK must already be there;
# PostgreSQL and RabbitMQ come from Debian's packages unless a container engine runs
# (then Aspire and Testcontainers use containers instead). Sourced by run.sh and test.sh.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
  [ $# -gt 0 ] || return 0
  echo "Installing $* from Debian's packages..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

have_container_engine() { docker info >/dev/null 2>&1 || podman info >/dev/null 2>&1; }

# With "tests": also Debian's Chromium, which the browser tests drive headless (never a downloaded browser).
ensure_prerequisites() {
  local for_tests=${1:-}
  if ! command -v dotnet >/dev/null; then
    echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
    exit 1
  fi
  local missing=()
  if [ "$for_tests" = tests ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
  command -v curl >/dev/null || missing+=(curl)
  # The API documents are linted with Redocly CLI, from npm.
  if [ "$for_tests" = tests ]; then command -v npm >/dev/null || missing+=(nodejs npm); fi
  # The alert rules are unit-tested with promtool (tests/Deploy.Tests/AlertRuleTests.cs), from Debian's prometheus package.
  if [ "$for_tests" = tests ]; then command -v promtool >/dev/null || missing+=(prometheus); fi
  # The fault suite's network partition: a namespace (ip), its packets dropped (nft), a relay inside it (socat).
  if [ "$for_tests" = tests ]; then
    command -v ip >/dev/null || [ -x /usr/sbin/ip ] || missing+=(iproute2)
    command -v nft >/dev/null || [ -x /usr/sbin/nft ] || missing+=(nftables)
    command -v socat >/dev/null || missing+=(socat)
  fi
  # The release images are assembled without a container daemon (scripts/images.sh; tests/Deploy.Tests/ImageTests.cs).
  if [ "$for_tests" = tests ]; then
    command -v umoci >/dev/null || missing+=(umoci)
    command -v skopeo >/dev/null || missing+=(skopeo)
  fi
  if have_container_engine; then
    echo "A container engine answers: PostgreSQL and RabbitMQ will run as containers."
    # Except in the fault-injection suite, which signals the servers' processes itself.
    if [ "$for_tests" = tests ]; then
      ls -d /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
      [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
    fi
    install_missing "${missing[@]}"
    return
  fi
  ls -d /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  # The AppHost runs Prometheus beside them, with the cluster's alert rules (docs/operations.md).
  [ -x /usr/bin/prometheus ] || missing+=(prometheus)
  install_missing "${missing[@]}"
  # The packages may start their own system-wide servers; ours run separately on free ports.
}
