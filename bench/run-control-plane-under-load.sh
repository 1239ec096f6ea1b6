#!/usr/bin/env bash
# The control plane while a data run goes on (issue #14): starts the local stack (bin/conveyor-local
# serve: broker, registry and the four services in one JVM), starts the 1,000,000-row orders run into
# PostgreSQL (bench/pipelines/orders-postgres.yaml), and while it runs times trigger -> first task
# command for an extract-only pipeline with TriggerLatencyProbe. Prints the probe's percentiles and
# the data run's own times, so it shows whether the probe ran inside the data run.
#
# usage: bench/run-control-plane-under-load.sh [ROWS]   (default 1000000; PostgreSQL at 127.0.0.1:5432)
# Environment: PROBES (200 triggers), RATE (10 per second), PROBE_DELAY (5 s after the data run's
# trigger), CONVEYOR_JAVA_OPTS (default bin/conveyor-local's), PEERS (../shared/bench, for gen_orders.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${1:-1000000}
PROBES=${PROBES:-200}
RATE=${RATE:-10}
PROBE_DELAY=${PROBE_DELAY:-5}
PEERS=$(cd "${PEERS:-$ROOT/../shared/bench}" && pwd)
WORK=$(mktemp -d /tmp/conveyor-cp-load.XXXXXX)
STACK=
cleanup() {
  # TERM, not INT: a non-interactive shell starts background jobs with SIGINT ignored.
  if [ -n "$STACK" ] && kill -0 "$STACK" 2>/dev/null; then kill -TERM "$STACK"; wait "$STACK" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== Building Conveyor and the bench"
mvn -q -B -pl launcher,bench -am package -DskipTests
mvn -q -B -pl launcher dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
LAUNCHER_CP="launcher/target/classes:$(cat launcher/target/classpath.txt)"
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"

echo "== Generating $ROWS orders"
python3 "$PEERS/gen_orders.py" "$ROWS" "$WORK/orders.csv"
printf 'id,name\n1,ping\n' > "$WORK/ping.csv"
cat > "$WORK/ping.yaml" <<YAML
name: ping
description: One-row extract, triggered by the probe while the data run goes on
maxActiveRuns: 10000
tasks:
  - id: extract
    kind: extract
    source: {type: csv, path: $WORK/ping.csv}
YAML

echo "== Starting the stack"
psql -h 127.0.0.1 -U postgres -q -c "DROP SCHEMA IF EXISTS conveyor_bench CASCADE"
CONVEYOR_JAVA_OPTS=${CONVEYOR_JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1}
# shellcheck disable=SC2086 # the options are words
CONVEYOR_CALLER_DIR="$WORK" java $CONVEYOR_JAVA_OPTS -cp "$LAUNCHER_CP" io.conveyor.launcher.ConveyorLauncher serve \
  --kafka-port 0 --registry-port 0 --data-dir "$WORK/conveyor" > "$WORK/serve.out" 2>&1 &
STACK=$!
for _ in $(seq 240); do
  grep -q "Conveyor is running" "$WORK/serve.out" && break
  kill -0 "$STACK" 2>/dev/null || { cat "$WORK/serve.out"; echo "the stack did not start"; exit 1; }
  sleep 0.5
done
grep -q "Conveyor is running" "$WORK/serve.out" || { cat "$WORK/serve.out"; echo "the stack did not start in 120 s"; exit 1; }
BOOTSTRAP=$(awk -F': ' '/^Kafka bootstrap servers/ {print $2}' "$WORK/serve.out")
REGISTRY=$(awk -F': ' '/^Schema Registry/ {print $2}' "$WORK/serve.out")
SCHEDULER=$(awk '/^Service scheduler:/ {print $3}' "$WORK/serve.out")
echo "Kafka $BOOTSTRAP, registry $REGISTRY, scheduler $SCHEDULER"

deploy() {
  curl -sS -f -X POST -H 'Content-Type: text/yaml' --data-binary "@$1" "$SCHEDULER/pipelines?file=$(basename "$1")&deployedBy=bench" >/dev/null
}
deploy "$ROOT/bench/pipelines/orders-postgres.yaml"
deploy "$WORK/ping.yaml"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
RUN=$(curl -sS -f -X POST -H 'Content-Type: application/json' -d "{\"parameters\": {\"input\": \"$WORK/orders.csv\"}}" \
  "$SCHEDULER/pipelines/orders-bench/runs" | json 'd["runId"]')
echo "== Data run $RUN started at $(date -u +%H:%M:%S.%N | cut -c1-12); the probe starts $PROBE_DELAY s later"
sleep "$PROBE_DELAY"
STATUS=$(curl -sS -f "$SCHEDULER/runs/$RUN" | json 'd["run"]["status"]')
echo "data run status when the probe starts: $STATUS"

echo "== Probe: $PROBES triggers of pipeline ping at $RATE/s"
java -Xmx256m -cp "$BENCH_CP" io.conveyor.bench.controlplane.TriggerLatencyProbe "$BOOTSTRAP" "$REGISTRY" ping "$PROBES" "$RATE" \
  > "$WORK/probe.out"
STATUS_AFTER=$(curl -sS -f "$SCHEDULER/runs/$RUN" | json 'd["run"]["status"]')

while true; do
  DETAIL=$(curl -sS -f "$SCHEDULER/runs/$RUN")
  case $(echo "$DETAIL" | json 'd["run"]["status"]') in QUEUED|RUNNING) sleep 1 ;; *) break ;; esac
done

echo
echo "== Results ($(nproc) cores; one JVM for the stack, $CONVEYOR_JAVA_OPTS)"
cat "$WORK/probe.out"
echo "data run status when the probe ended: $STATUS_AFTER"
echo "$DETAIL" | python3 -c '
import json, sys
d = json.load(sys.stdin)
r = d["run"]
print("data run", r["runId"], r["status"], "created", r.get("createdAt"), "started", r.get("startedAt"), "finished", r.get("finishedAt"))
for t in d.get("tasks", []):
    t = t["task"]
    c = t["counts"]
    print("  task", t["taskId"], t["status"], "in", c["recordsIn"], "out", c["recordsOut"], "rejected", c["recordsRejected"])
'
