#!/usr/bin/env bash
# Runs the control-plane benchmark (ControlPlaneBench) in one JVM with a 512 MB heap.
# Build first from the repository root: mvn -q -B install -DskipTests -pl bench -am
# Settings are system properties, e.g.: bench/run-control-plane.sh -Dbench.backlog.runs=100000
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file=bench/target/classpath.txt
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx512m "$@" -cp "bench/target/classes:$(cat "$classpath_file")" io.conveyor.bench.controlplane.ControlPlaneBench
