#!/usr/bin/env bash
# Runs a command with a Kafka broker available: uses KAFKA_BOOTSTRAP_SERVERS when set,
# else this checkout's broker (scripts/kafka.sh), started here when not running and
# stopped again afterwards. A broker this checkout did not start is never used unnamed:
# whatever answers on the port could be anyone's, so name it in KAFKA_BOOTSTRAP_SERVERS.
# Usage: scripts/with-broker.sh COMMAND [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
host="${TICKERWIRE_KAFKA_HOST:-127.0.0.1}"
port="${TICKERWIRE_KAFKA_PORT:-9092}"
started=0
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if "$root/scripts/kafka.sh" status >/dev/null 2>&1; then
    :  # this checkout's own broker (make kafka-up)
  elif (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "with-broker.sh: a Kafka broker that this checkout did not start answers on $host:$port;" >&2
    echo "  refusing to use it unnamed. Set KAFKA_BOOTSTRAP_SERVERS=$host:$port to use it," >&2
    echo "  or stop it (or set TICKERWIRE_KAFKA_PORT to start ours on another port)." >&2
    exit 1
  else
    "$root/scripts/kafka.sh" up
    started=1
  fi
  export KAFKA_BOOTSTRAP_SERVERS="$host:$port"
fi
stop() { if [ "$started" = 1 ]; then "$root/scripts/kafka.sh" down; fi; }
trap stop EXIT
"$@"
