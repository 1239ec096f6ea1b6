#!/bin/sh
# One-shot of the compose file (`docker compose run --rm example`): writes $ROWS sample orders to the shared
# data volume (/data/orders.csv, a few bad on purpose), deploys deploy/compose/orders-postgres.yaml through
# the scheduler's REST API, triggers a run with that file as `input` and prints its state until it ends.
set -eu
: "${SCHEDULER:=http://scheduler-1:8080}" "${ROWS:=10000}"
# The scheduler asks for credentials when its security is on (docs/security.md): the admin's bearer token.
auth="Authorization: Bearer ${CONVEYOR_TOKEN:-}"

echo "Waiting for the scheduler at $SCHEDULER ..."
i=0
until curl -fsS "$SCHEDULER/health" > /dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -lt 120 ] || { echo "the scheduler did not answer $SCHEDULER/health in 2 minutes" >&2; exit 1; }
  sleep 1
done

# Every 97th row has an e-mail without @ and every 101st a date that does not exist: the transformer
# rejects them into the dead-letter topic conveyor.dlq.orders-example.
awk -v rows="$ROWS" 'BEGIN {
  print "order_id,customer_email,country,amount,currency,status,created_at,note,shipping_address"
  split("DE FR US GB NL", country, " "); split("EUR EUR USD GBP EUR", currency, " ")
  split("NEW PAID SHIPPED DELIVERED CANCELLED", status, " ")
  for (i = 1; i <= rows; i++) {
    c = i % 5 + 1
    email = (i % 97 == 0) ? "customer" i " at example.com" : "customer" i "@example.com"
    created = (i % 101 == 0) ? "31/02/2026" : sprintf("2026-01-%02dT%02d:%02d:00Z", i % 28 + 1, i % 24, i % 60)
    printf "%d,%s,%s,%.2f,%s,%s,%s,note %d,%d Main Street\n", i, email, country[c], (i % 4999) + 1.25, currency[c], status[i % 5 + 1], created, i, i % 999 + 1
  }
}' > /data/orders.csv
echo "Wrote /data/orders.csv ($ROWS rows)"

echo "Deploying the pipeline:"
curl -fsS -X POST -H "$auth" -H 'Content-Type: text/yaml' --data-binary @/compose/orders-postgres.yaml \
  "$SCHEDULER/pipelines?file=orders-postgres.yaml&deployedBy=docker-compose"
echo
run=$(curl -fsS -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d '{"parameters": {"input": "/data/orders.csv"}, "requestedBy": "docker-compose"}' \
  "$SCHEDULER/pipelines/orders-example/runs" | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p')
[ -n "$run" ] || { echo "the scheduler did not answer with a run id" >&2; exit 1; }
echo "Started run $run"

while :; do
  detail=$(curl -sS -H "$auth" "$SCHEDULER/runs/$(printf %s "$run" | sed 's/@/%40/')" || true)
  # The run's own status is the first "status" of the detail (RunSummary: runId, pipeline, pipelineVersion, status).
  status=$(printf %s "$detail" | grep -o '"status":"[A-Z_]*"' | head -n 1 | cut -d'"' -f4 || true)
  echo "$(date -u +%T) ${status:-waiting for the tracker}"
  case "$status" in
    SUCCEEDED|SUCCEEDED_WITH_REJECTS|FAILED|CANCELLED) break ;;
  esac
  sleep 2
done
echo "$detail"
echo "Rows: docker compose exec postgres psql -U postgres -d conveyor -c 'SELECT status, count(*) FROM orders GROUP BY 1'"
[ "$status" != FAILED ] && [ "$status" != CANCELLED ]
