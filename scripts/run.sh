#!/usr/bin/env bash
# Start the whole product on embedded defaults: the Rasa action server, the Rasa server and the
# service (API, web chat, KCC console, team inbox), and the retention job. Ctrl-C stops them all.
# Ports: GI_PORT (8000), RASA_PORT (5005), ACTION_PORT (5055); GI_DATABASE_URL for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
GI_PORT="${GI_PORT:-8000}"
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
export RASA_TELEMETRY_ENABLED=false
export ACTION_SERVER_URL="http://127.0.0.1:${ACTION_PORT}/webhook"
export GI_RASA_URL="http://127.0.0.1:${RASA_PORT}"

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

.venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" > var/actions.log 2>&1 &
pids+=($!)
.venv-rasa/bin/rasa run --enable-api --model models --port "$RASA_PORT" -i 127.0.0.1 \
  --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml \
  > var/rasa.log 2>&1 &
pids+=($!)
# Retention (docs/privacy.md): deletes what the notice promises to delete, once an hour.
export GI_RASA_TRACKER_DB_URL="${GI_RASA_TRACKER_DB_URL:-sqlite:///var/rasa-tracker.db}"
.venv/bin/python -m api.cli retention --loop > var/retention.log 2>&1 &
pids+=($!)
# No access log: the event stream carries the conversation token in its query string.
.venv/bin/uvicorn api.main:create_app --factory --host 127.0.0.1 --port "$GI_PORT" --no-access-log \
  > var/api.log 2>&1 &
pids+=($!)

printf 'Starting (the assistant needs about 40 seconds to load its model)...\n'
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:${RASA_PORT}/status" 2>/dev/null | grep -q model_file \
     && curl -fsS "http://127.0.0.1:${GI_PORT}/health" >/dev/null 2>&1; then
    cat <<MSG

Gezinsintake is running.
  Web chat (parents):        http://127.0.0.1:${GI_PORT}/chat
  KCC console (staff):       http://127.0.0.1:${GI_PORT}/console
  Team inbox:                http://127.0.0.1:${GI_PORT}/inbox
  API docs (OpenAPI):        http://127.0.0.1:${GI_PORT}/docs
  Rasa REST channel:         http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook
  Demo login (development only): kcc-demo / demo
Logs are in var/. Press Ctrl-C to stop.
MSG
    wait -n "${pids[@]}"
    echo "A process stopped; see var/*.log" >&2
    exit 1
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process failed to start; see var/*.log" >&2; tail -20 var/*.log >&2; exit 1; }
  done
  sleep 1
done
echo "Timed out waiting for the product to start; see var/*.log" >&2
exit 1
