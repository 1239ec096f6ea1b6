#!/usr/bin/env bash
# End-to-end benchmark: the orders data set from ../shared/bench/gen_orders.py through Conveyor
# (extract -> transform -> load into PostgreSQL, exactly-once) and, in the same invocation on the
# same machine, the peers in ../shared/bench: PostgreSQL's COPY, the in-database SQL ETL, the tuned
# Spring Batch job and a Kafka Streams pass-through. Prints one table.
#
# usage: bench/run-end-to-end.sh [ROWS]      (default 1000000; needs PostgreSQL at 127.0.0.1:5432)
# Environment: PEERS=/path/to/shared/bench (default ../shared/bench), SKIP_KAFKA_PEER=1 to leave out
# the Kafka pass-through (it needs about two minutes), CONVEYOR_HEAP (default 1g), CONVEYOR_JAVA_OPTS
# (default bin/conveyor-local's: -Xmx$CONVEYOR_HEAP -XX:TieredStopAtLevel=1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${1:-1000000}
PEERS=$(cd "${PEERS:-$ROOT/../shared/bench}" && pwd)
WORK=$(mktemp -d /tmp/conveyor-bench.XXXXXX)
CSV=$WORK/orders.csv
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
trap 'rm -rf "$WORK"' EXIT

# Peak resident memory of the processes whose command line matches $1, sampled until $2 exits.
peak_rss() {
  local pattern=$1 until=$2 peak=0 pid hwm
  while kill -0 "$until" 2>/dev/null; do
    for pid in $(pgrep -f "$pattern" || true); do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
    done
    sleep 0.5
  done
  echo $((peak / 1024))
}

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }

echo "== Building Conveyor"
mvn -q -B -pl launcher -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CLASSPATH_LAUNCHER="launcher/target/classes:$(cat launcher/target/classpath.txt)"

echo "== Generating $ROWS orders"
GEN=$(python3 "$PEERS/gen_orders.py" "$ROWS" "$CSV")
echo "$GEN"
BAD=$(echo "$GEN" | tr ' ' '\n' | awk -F= '/^bad_/ {s += $2} END {print s}')

declare -A WALL LOADED REJECTED MEMORY NOTE

echo "== PostgreSQL COPY (floor)"
"${PSQL[@]}" -f "$PEERS/pg/floor.sql"
start=$(now)
"${PSQL[@]}" -c "\\copy orders_raw FROM '$CSV' WITH (FORMAT csv, HEADER true)"
WALL[copy]=$(seconds "$start" "$(now)")
LOADED[copy]=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM orders_raw")
REJECTED[copy]=0; MEMORY[copy]="server"; NOTE[copy]="raw text rows, no rules"

echo "== SQL ETL (COPY, then the rules in SQL)"
start=$(now)
"${PSQL[@]}" -c "TRUNCATE orders_raw" -c "\\copy orders_raw FROM '$CSV' WITH (FORMAT csv, HEADER true)" >/dev/null
"${PSQL[@]}" -f "$PEERS/pg/sqletl.sql" >/dev/null
WALL[sqletl]=$(seconds "$start" "$(now)")
LOADED[sqletl]=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM orders")
REJECTED[sqletl]=$("${PSQL[@]}" -tA -c "SELECT count(*) - (SELECT count(*) FROM orders_raw r WHERE customer_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+\$' AND amount ~ '^-?[0-9]+(\.[0-9]+)?\$' AND created_at ~ '^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ\$') FROM orders_raw")
MEMORY[sqletl]="server"; NOTE[sqletl]="in-database, not exactly-once per record"

echo "== Spring Batch (tuned, chunks 1000 / 5000 / 10000)"
"$PEERS/springbatch/run.sh" "$CSV" > "$WORK/springbatch.out" 2>&1 &
SB=$!
SB_MEM=$(peak_rss 'anchor.OrdersJob' $SB)
wait $SB
cat "$WORK/springbatch.out"
# The job prints 'status=... wall=12.34s ...' and the script then 'loaded|rejected', per chunk size.
mapfile -t SB_WALLS < <(grep -o 'wall=[0-9.]*' "$WORK/springbatch.out" | cut -d= -f2)
mapfile -t SB_COUNTS < <(grep -E '^[0-9]+\|[0-9]+$' "$WORK/springbatch.out")
for i in 0 1 2; do
  key=springbatch$i
  WALL[$key]=${SB_WALLS[$i]}
  LOADED[$key]=${SB_COUNTS[$i]%|*}; REJECTED[$key]=${SB_COUNTS[$i]#*|}
  MEMORY[$key]="$SB_MEM MB"
done
NOTE[springbatch0]="chunk 1000"; NOTE[springbatch1]="chunk 5000 (tuned)"; NOTE[springbatch2]="chunk 10000"

if [ "${SKIP_KAFKA_PEER:-0}" != 1 ]; then
  echo "== Kafka Streams pass-through (4,000,000 records of 200 B, ALOS and EOS v2)"
  "$PEERS/kafka/run.sh" > "$WORK/kafka.out" 2>&1
  cat "$WORK/kafka.out"
fi

echo "== Conveyor: extract -> transform -> load into PostgreSQL (exactly-once), one JVM"
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS conveyor_bench CASCADE"
# The launcher lets the services read files under its data directory and the caller's directory only
# (docs/configuration.md), so the run is started "from" the work directory that holds the CSV.
CONVEYOR_JAVA_OPTS=${CONVEYOR_JAVA_OPTS:--Xmx${CONVEYOR_HEAP:-1g} -XX:TieredStopAtLevel=1}
# The recording (bench/stage-cpu.jfc: per-thread CPU and allocation once a second, no sampling) gives
# the per-stage table at the end.
JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/conveyor.jfr,settings=$ROOT/bench/stage-cpu.jfc,dumponexit=true"
# shellcheck disable=SC2086 # the options are words
CONVEYOR_CALLER_DIR="$WORK" java $CONVEYOR_JAVA_OPTS $JFR_OPTS -cp "$CLASSPATH_LAUNCHER" io.conveyor.launcher.ConveyorLauncher run \
  "$ROOT/bench/pipelines/orders-postgres.yaml" -p input="$CSV" --kafka-port 0 --registry-port 0 --data-dir "$WORK/conveyor" \
  > "$WORK/conveyor.out" 2>&1 &
CV=$!
CV_MEM=$(peak_rss "ConveyorLauncher run $ROOT/bench/pipelines/orders-postgres.yaml" $CV)
wait $CV || { cat "$WORK/conveyor.out"; echo "Conveyor run failed"; exit 1; }
cat "$WORK/conveyor.out"
WALL[conveyor]=$(awk '/^  duration/ {print $2}' "$WORK/conveyor.out")
LOADED[conveyor]=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM conveyor_bench.orders")
REJECTED[conveyor]=$(awk '/^  rows rejected/ {gsub(",", "", $3); print $3}' "$WORK/conveyor.out")
MEMORY[conveyor]="$CV_MEM MB"; NOTE[conveyor]="broker+registry+4 services in one JVM, $CONVEYOR_JAVA_OPTS"

EXPECTED_LOADED=${LOADED[sqletl]}
echo
echo "== Results: $ROWS rows on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; expected loaded $EXPECTED_LOADED (the SQL ETL's distinct valid orders), rejected $BAD (generator)"
printf '| %-26s | %9s | %9s | %9s | %8s | %-6s | %12s | %-38s |\n' system "wall (s)" "rows/s" loaded rejected exact "vs Conveyor" notes
printf '|%s|\n' "----------------------------|-----------|-----------|-----------|----------|--------|--------------|----------------------------------------"
row() {
  local key=$1 name=$2 wall=${WALL[$1]} exact="-"
  local rate; rate=$(echo "$ROWS / $wall" | bc)
  if [ "$key" != copy ]; then
    if [ "${LOADED[$key]}" = "$EXPECTED_LOADED" ] && [ "${REJECTED[$key]}" = "$BAD" ]; then exact=yes; else exact=NO; fi
  fi
  local ratio; ratio=$(echo "scale=2; $wall / ${WALL[conveyor]}" | bc)
  printf '| %-26s | %9.2f | %9d | %9s | %8s | %-6s | %11sx | %-38s |\n' "$name" "$wall" "$rate" "${LOADED[$key]}" \
    "${REJECTED[$key]}" "$exact" "$ratio" "${NOTE[$key]}"
}
row conveyor "Conveyor end to end"
row copy "PostgreSQL COPY"
row sqletl "SQL ETL (COPY + SQL)"
row springbatch0 "Spring Batch"
row springbatch1 "Spring Batch"
row springbatch2 "Spring Batch"
echo "'vs Conveyor' is the peer's wall time divided by Conveyor's: above 1 means Conveyor is faster."
echo "Peak memory: Conveyor ${MEMORY[conveyor]} RSS (one JVM), Spring Batch $SB_MEM MB RSS, PostgreSQL: server process."
if [ "${SKIP_KAFKA_PEER:-0}" != 1 ]; then
  echo "Kafka on this machine (records/s, 200 B records; Conveyor moves $(echo "$ROWS / ${WALL[conveyor]}" | bc) rows/s through three stages):"
  grep -E 'records/s' "$WORK/kafka.out" | sed 's/^/  /'
fi
echo
echo "== Conveyor per stage (rows/s from the run's progress lines; CPU and allocation per thread from JFR)"
python3 "$ROOT/bench/stage_rates.py" "$WORK/conveyor.out"
echo
python3 "$ROOT/bench/profile_report.py" --stages "$WORK/conveyor.jfr" "$ROWS"
echo "Run window CPU not in the JVM is PostgreSQL's (COPY into staging, the merge at the run's end) and the OS."
