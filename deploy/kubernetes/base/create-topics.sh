#!/bin/bash
# The control-plane topics of one Conveyor installation, as io.conveyor.scheduler.catalog.ControlTopics
# creates them (the tracker does not create topics): run once by the compose file's `topics` service and
# the Kubernetes Job conveyor-topics (deploy/kubernetes/base/topics.yaml) with
# the Kafka image's kafka-topics.sh (KAFKA_TOPICS names another). Replication follows the broker default.
# Existing topics are kept.
#
# A secured cluster takes the variables the services read: every CONVEYOR_KAFKA_PROPERTIES_<NAME> becomes the
# client property <name> (lower case, '_' -> '.': CONVEYOR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG is sasl.jaas.config)
# of a --command-config file that lives only while the script runs.
set -euo pipefail
: "${BOOTSTRAP:?}" "${PREFIX:=conveyor}" "${PIPELINE_PARTITIONS:=3}" "${COMMAND_PARTITIONS:=3}"
: "${KAFKA_TOPICS:=/opt/kafka/bin/kafka-topics.sh}" "${ATTEMPTS:=30}"

client=()
properties=$(compgen -e | grep '^CONVEYOR_KAFKA_PROPERTIES_' || true)
if [[ -n "$properties" ]]; then
  config=$(mktemp)
  trap 'rm -f "$config"' EXIT
  for variable in $properties; do
    name=${variable#CONVEYOR_KAFKA_PROPERTIES_}
    name=${name,,}
    value=${!variable}
    value=${value//\\/\\\\}        # a properties file reads a backslash as an escape
    printf '%s=%s\n' "${name//_/.}" "${value//$'\n'/\\n}" >> "$config"
  done
  client=(--command-config "$config")
fi

create() { # topic partitions [--config k=v]...
  local topic=$1 partitions=$2 attempt; shift 2
  # Retried: with the kafka-cluster profile the other brokers may still be starting, and a topic
  # replicated three times cannot be created before three brokers have registered.
  for attempt in $(seq 1 "$ATTEMPTS"); do
    if "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" "${client[@]}" --create --if-not-exists \
         --topic "$topic" --partitions "$partitions" "$@"; then
      return 0
    fi
    echo "creating $topic failed (attempt $attempt of $ATTEMPTS)" >&2
    if (( attempt < ATTEMPTS )); then sleep 2; fi
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
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" "${client[@]}" --list | grep "^$PREFIX\."
