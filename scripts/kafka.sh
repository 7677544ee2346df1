#!/usr/bin/env bash
# Runs a single-node Apache Kafka 4.x broker (KRaft, broker+controller) from the
# official jars, without Docker.  Usage: scripts/kafka.sh fetch|up|down|status
#
# Everything lives under .cache/kafka (git-ignored): lib/ holds the jars fetched
# once with Maven, data/ the log dirs, kafka.pid the running broker's pid.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${TICKERWIRE_KAFKA_HOME:-$root/.cache/kafka}"
lib="$cache/lib"
data="$cache/data"
logs="$cache/logs"
pidfile="$cache/kafka.pid"
conf="$cache/server.properties"
host="${TICKERWIRE_KAFKA_HOST:-127.0.0.1}"
port="${TICKERWIRE_KAFKA_PORT:-9092}"
cport="${TICKERWIRE_KAFKA_CONTROLLER_PORT:-9093}"
wait_s="${TICKERWIRE_KAFKA_WAIT_SECONDS:-90}"

log() { echo "kafka.sh: $*" >&2; }

fetch() {
  if [ -f "$lib/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch the Kafka jars"; exit 1; }
  command -v java >/dev/null || { log "Java 17+ is required to run Kafka"; exit 1; }
  log "fetching Kafka jars from Maven Central into $lib (once)"
  rm -rf "$lib"
  mvn -q -B -f "$root/kafka/pom.xml" package -Dlib.dir="$lib"
  touch "$lib/.complete"
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  # A TCP connect is enough to know the listener is up; readiness of the
  # metadata is checked by the Python clients' own retries.
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

write_config() {
  mkdir -p "$data" "$logs"
  cat > "$conf" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$cport
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$cport
advertised.listeners=PLAINTEXT://$host:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
CONF
  common_config >> "$conf"
  write_log4j "$cache/log4j2.properties" "$logs/server.log"
}

# Settings every broker of ours shares (this one and scripts/kafka-cluster.sh's three).
common_config() {
  cat <<CONF
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=24
log.segment.bytes=67108864
CONF
}

# write_log4j FILE LOGFILE: warnings and the server's start/stop lines to LOGFILE.
write_log4j() {
  cat > "$1" <<CONF
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $2
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka.server.KafkaServer
logger.kafka.level = INFO
CONF
}

classpath() { echo "$lib/*"; }

up() {
  if running; then log "already running (pid $(cat "$pidfile"))"; return 0; fi
  if answers; then log "something already listens on $host:$port; not starting another broker"; return 0; fi
  fetch
  write_config
  if [ ! -f "$data/meta.properties" ]; then
    java -cp "$(classpath)" -Dlog4j2.configurationFile="$cache/log4j2.properties" \
      kafka.tools.StorageTool format -t "$(java -cp "$(classpath)" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)" \
      -c "$conf" >"$logs/format.log" 2>&1 || { log "storage format failed:"; cat "$logs/format.log" >&2; exit 1; }
  fi
  log "starting broker on $host:$port"
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$cache/log4j2.properties" -Dkafka.logs.dir="$logs" \
    -cp "$(classpath)" kafka.Kafka "$conf" >"$logs/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  local start=$SECONDS
  until answers; do
    if ! running; then log "broker exited during start-up:"; tail -n 30 "$logs/stdout.log" "$logs/server.log" >&2 || true; exit 1; fi
    if (( SECONDS - start > wait_s )); then log "broker did not answer within ${wait_s}s"; exit 1; fi
    sleep 0.5
  done
  log "broker answers after $((SECONDS - start))s"
}

down() {
  if ! running; then rm -f "$pidfile"; log "not running"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
  rm -f "$pidfile"
  log "stopped (pid $pid)"
}

# Sourced (by scripts/kafka-cluster.sh) for its functions only.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then return 0; fi

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) if running; then echo "running (pid $(cat "$pidfile"))"; else echo "stopped"; exit 1; fi ;;
  reset) down; rm -rf "$data" ;;
  *) echo "usage: $0 fetch|up|down|status|reset" >&2; exit 2 ;;
esac
