#!/usr/bin/env bash
# Apache Kafka 3.9 in KRaft combined mode (one broker + controller) from Maven Central jars, on the JDK.
#   kafka.sh start | stop | status
# KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (port + 1) and KAFKA_DATA_DIR choose an instance, so tests
# can run a private broker beside the shared one. Jars and data live under $HB_CACHE_DIR, not the repo.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_VERSION=3.9.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$HB_CACHE_DIR/kafka-data-$KAFKA_PORT}"
KAFKA_LIBS="$HB_CACHE_DIR/kafka-$KAFKA_VERSION/libs"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

ensure_jdk() {
  command -v java >/dev/null || { log "installing a JDK from Debian"; apt_install openjdk-17-jre-headless; }
  command -v mvn >/dev/null || { log "installing Maven from Debian"; apt_install maven; }
}

ensure_jars() {
  [ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] && return 0
  ensure_jdk
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central (once, about 15 s)"
  mkdir -p "$KAFKA_LIBS"
  mvn -q -B -f "$HERE/kafka/pom.xml" package -Dkafka.libs="$KAFKA_LIBS" \
    -Dproject.build.directory="$HB_CACHE_DIR/kafka-build" >"$HB_CACHE_DIR/kafka-fetch.log" 2>&1 \
    || die "maven could not fetch Kafka; see $HB_CACHE_DIR/kafka-fetch.log"
}

# Trusted only while the process is still this broker (its data dir in the command line).
running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $KAFKA_DATA_DIR/server.properties" && echo "$pid"
}

config() {
  cat <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA_DIR/logs
num.partitions=1
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# The services' groups drop a dead member after 3 s (KAFKA_SESSION_TIMEOUT_MS); Kafka's floor
# is 6 s by default.
group.min.session.timeout.ms=1000
log.retention.hours=24
PROPS
}

start() {
  if pid=$(running_pid); then
    # A broker started with an older configuration is restarted onto this one.
    if [ "$(config)" = "$(cat "$KAFKA_DATA_DIR/server.properties")" ]; then
      log "kafka already running on 127.0.0.1:$KAFKA_PORT (pid $pid)"; return 0
    fi
    log "kafka's configuration changed: restarting it"
    stop
  fi
  ensure_jars; ensure_jdk
  mkdir -p "$KAFKA_DATA_DIR"
  config >"$KAFKA_DATA_DIR/server.properties"
  local cp="$KAFKA_LIBS/*"
  local java_opts=(-Xms256m -Xmx${KAFKA_HEAP:-512m} -XX:+UseG1GC
    -Djava.awt.headless=true -Dlog4j.configuration="file:$HERE/kafka/log4j.properties")
  if [ ! -f "$KAFKA_DATA_DIR/logs/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format --ignore-formatted \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$KAFKA_DATA_DIR/server.properties" >"$KAFKA_DATA_DIR/format.log" 2>&1 \
      || die "kafka storage format failed; see $KAFKA_DATA_DIR/format.log"
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT (log: $KAFKA_DATA_DIR/kafka.log)"
  nohup java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$KAFKA_DATA_DIR/server.properties" \
    >"$KAFKA_DATA_DIR/kafka.log" 2>&1 &
  echo $! > "$PID_FILE"
  wait_port 127.0.0.1 "$KAFKA_PORT" "kafka" 90
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "kafka on $KAFKA_PORT stopped"
  fi
  rm -f "$PID_FILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if pid=$(running_pid); then echo "running (pid $pid)"; else echo "stopped"; exit 1; fi ;;
  *) die "usage: kafka.sh start|stop|status" ;;
esac
