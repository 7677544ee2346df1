#!/usr/bin/env bash
# Runs a command with a Kafka broker available: uses KAFKA_BOOTSTRAP_SERVERS when set,
# else starts the local broker unless one already answers, and stops only what it started.
# Usage: scripts/with-broker.sh COMMAND [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=0
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if ! "$root/scripts/kafka.sh" status >/dev/null 2>&1 && ! (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
    "$root/scripts/kafka.sh" up
    started=1
  fi
fi
stop() { if [ "$started" = 1 ]; then "$root/scripts/kafka.sh" down; fi; }
trap stop EXIT
"$@"
