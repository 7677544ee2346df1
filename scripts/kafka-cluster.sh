#!/usr/bin/env bash
# A 3-broker Kafka 4.x KRaft cluster on this machine, from the same jars as scripts/kafka.sh
# (each node a combined broker+controller; a quorum of three, so one may die).
# Usage: scripts/kafka-cluster.sh up|down|status|bootstrap|kill N|start N|reset
#
# Ports: brokers 19092-19094, controllers 19192-19194 (TICKERWIRE_CLUSTER_PORTS and
# TICKERWIRE_CLUSTER_CONTROLLER_PORTS, three comma-separated ports each, move them).
# Everything lives under .cache/kafka-cluster (TICKERWIRE_CLUSTER_HOME moves it).
# Topics default to replication factor 3 and min.insync.replicas=2.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=kafka.sh
source "$root/scripts/kafka.sh"  # fetch, common_config, write_log4j, the jars' folder
home="${TICKERWIRE_CLUSTER_HOME:-$root/.cache/kafka-cluster}"
IFS=, read -r -a ports <<< "${TICKERWIRE_CLUSTER_PORTS:-19092,19093,19094}"
IFS=, read -r -a cports <<< "${TICKERWIRE_CLUSTER_CONTROLLER_PORTS:-19192,19193,19194}"

log() { echo "kafka-cluster.sh: $*" >&2; }

node_dir() { echo "$home/node$1"; }
pidfile() { echo "$(node_dir "$1")/kafka.pid"; }
running() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }
answers() { (exec 3<>"/dev/tcp/$host/${ports[$(($1 - 1))]}") 2>/dev/null; }

voters() {
  local out="" i
  for i in 1 2 3; do out+="${out:+,}$i@$host:${cports[$((i - 1))]}"; done
  echo "$out"
}

write_config() {
  local i=$1 dir; dir="$(node_dir "$i")"
  mkdir -p "$dir/data" "$dir/logs"
  cat > "$dir/server.properties" <<CONF
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$(voters)
listeners=PLAINTEXT://$host:${ports[$((i - 1))]},CONTROLLER://$host:${cports[$((i - 1))]}
advertised.listeners=PLAINTEXT://$host:${ports[$((i - 1))]}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=3
min.insync.replicas=2
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
CONF
  common_config >> "$dir/server.properties"
  write_log4j "$dir/log4j2.properties" "$dir/logs/server.log"
}

format_all() {
  local id i
  id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  for i in 1 2 3; do
    if [ ! -f "$(node_dir "$i")/data/meta.properties" ]; then
      java -cp "$lib/*" -Dlog4j2.configurationFile="$(node_dir "$i")/log4j2.properties" \
        kafka.tools.StorageTool format -t "$id" -c "$(node_dir "$i")/server.properties" \
        >"$(node_dir "$i")/logs/format.log" 2>&1 \
        || { log "storage format of node $i failed:"; cat "$(node_dir "$i")/logs/format.log" >&2; exit 1; }
    fi
  done
}

start_node() {
  local i=$1 dir; dir="$(node_dir "$i")"
  if running "$i"; then return 0; fi
  if answers "$i"; then log "something already listens on $host:${ports[$((i - 1))]}; not starting node $i"; exit 1; fi
  nohup java -Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" >"$dir/logs/stdout.log" 2>&1 &
  echo $! > "$(pidfile "$i")"
  log "node $i starting on $host:${ports[$((i - 1))]} (pid $!)"
}

wait_node() {
  local i=$1 start=$SECONDS
  until answers "$i"; do
    if ! running "$i"; then log "node $i exited during start-up:"; tail -n 30 "$(node_dir "$i")/logs/stdout.log" >&2 || true; exit 1; fi
    if (( SECONDS - start > wait_s )); then log "node $i did not answer within ${wait_s}s"; exit 1; fi
    sleep 0.5
  done
}

stop_node() {
  local i=$1 signal=${2:-TERM} pid
  if ! running "$i"; then rm -f "$(pidfile "$i")"; return 0; fi
  pid="$(cat "$(pidfile "$i")")"
  kill "-$signal" "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
  rm -f "$(pidfile "$i")"
  log "node $i stopped (pid $pid, SIG$signal)"
}

up() {
  fetch
  local i
  for i in 1 2 3; do write_config "$i"; done
  format_all
  for i in 1 2 3; do start_node "$i"; done
  for i in 1 2 3; do wait_node "$i"; done
  log "cluster answers on $(bootstrap)"
}

bootstrap() {
  local out="" i
  for i in 1 2 3; do out+="${out:+,}$host:${ports[$((i - 1))]}"; done
  echo "$out"
}

node_arg() {
  case "${1:-}" in 1|2|3) echo "$1" ;; *) echo "usage: $0 kill|start 1|2|3" >&2; exit 2 ;; esac
}

case "${1:-}" in
  up) up ;;
  down) for i in 3 2 1; do stop_node "$i"; done ;;
  status)
    for i in 1 2 3; do if running "$i"; then echo "node $i running"; else echo "node $i stopped"; fi; done ;;
  bootstrap) bootstrap ;;
  kill) stop_node "$(node_arg "${2:-}")" KILL ;;
  start) n="$(node_arg "${2:-}")"; start_node "$n"; wait_node "$n" ;;
  reset) for i in 3 2 1; do stop_node "$i"; done; rm -rf "$home" ;;
  *) echo "usage: $0 up|down|status|bootstrap|kill N|start N|reset" >&2; exit 2 ;;
esac
