#!/usr/bin/env bash
# Profiles bin/conveyor-local's example (broker, registry and the four services in one JVM) with
# JDK Flight Recorder and prints where CPU and allocation go per stage (bench/profile_report.py).
#   bench/profile-local.sh [ROWS]            record a run (default 100,000 rows), then report
#   bench/profile-local.sh --report FILE.jfr [ROWS]   report on an existing recording
# Environment: OUT (recording, default /tmp/conveyor-profile.jfr), HEAP (default -Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--report" ]; then
  exec python3 bench/profile_report.py "$2" "${3:-100000}"
fi
rows=${1:-100000}
out=${OUT:-/tmp/conveyor-profile.jfr}
jh=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
# The JDK's 'profile' settings (10 ms execution samples, allocation samples), with per-thread
# allocation totals and per-thread CPU load every second instead of once per chunk / every 10 s, so
# threads that end early are counted and short stages are resolved.
jfc=$(mktemp --suffix=.jfc)
python3 - "$jh/lib/jfr/profile.jfc" "$jfc" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
n = 0
s, k = re.subn(r'(<event name="jdk.ThreadAllocationStatistics">\s*<setting name="enabled">true</setting>\s*<setting name="period">)everyChunk',
           r'\g<1>1 s', s); n += k
s, k = re.subn(r'(<event name="jdk.ThreadCPULoad">\s*<setting name="enabled">true</setting>\s*<setting name="period">)10 s',
           r'\g<1>1 s', s); n += k
assert n == 2, 'profile.jfc changed: ThreadAllocationStatistics / ThreadCPULoad periods not found'
open(sys.argv[2], 'w').write(s)
PY
data=$(mktemp -d)
echo "uptime before: $(uptime)"
CONVEYOR_JAVA_OPTS="${HEAP:--Xmx1g} -XX:StartFlightRecording=filename=$out,settings=$jfc,dumponexit=true" \
  bin/conveyor-local example --rows "$rows" --kafka-port 0 --registry-port 0 --data-dir "$data" | tee "$out.log"
echo "uptime after: $(uptime)"
rm -rf "$data" "$jfc"
python3 bench/profile_report.py "$out" "$rows"
