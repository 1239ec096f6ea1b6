#!/bin/bash
# The control-plane topics of one Conveyor installation, as io.conveyor.scheduler.catalog.ControlTopics
# creates them (the tracker does not create topics): run once by the compose file's `topics` service and
# the Kubernetes Job conveyor-topics (deploy/kubernetes/base/topics.yaml) with
# the Kafka image's kafka-topics.sh. Replication follows the broker default. Existing topics are kept.
set -euo pipefail
: "${BOOTSTRAP:?}" "${PREFIX:=conveyor}" "${PIPELINE_PARTITIONS:=3}" "${COMMAND_PARTITIONS:=3}"

create() { # topic partitions [--config k=v]...
  local topic=$1 partitions=$2 attempt; shift 2
  # Retried: with the kafka-cluster profile the other brokers may still be starting, and a topic
  # replicated three times cannot be created before three brokers have registered.
  for attempt in $(seq 1 30); do
    if /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
         --topic "$topic" --partitions "$partitions" "$@"; then
      return 0
    fi
    echo "creating $topic failed (attempt $attempt of 30); retrying in 2 s" >&2
    sleep 2
  done
  return 1
}

# triggers and task-status are read co-partitioned by pipeline: the same partition count.
create "$PREFIX.triggers" "$PIPELINE_PARTITIONS"
create "$PREFIX.task-status" "$PIPELINE_PARTITIONS"
create "$PREFIX.triggers.dlq" 1
create "$PREFIX.runs" 1
for kind in extract transform load sql; do
  create "$PREFIX.task-commands.$kind" "$COMMAND_PARTITIONS"
done
create "$PREFIX.pipelines" 1 --config cleanup.policy=compact
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list | grep "^$PREFIX\."
