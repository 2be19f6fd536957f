#!/usr/bin/env bash
# Run the whole test suite: lint, Rasa data validation, then pytest (unit, API, Rasa, browser).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/bot -x
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
.venv/bin/ruff check bot actions api tests scripts
.venv/bin/ruff format --check --quiet bot actions api tests scripts
log=$(mktemp)
if ! .venv-rasa/bin/rasa data validate --fail-on-warnings --quiet --domain domain --data data \
    --config config.yml >"$log" 2>&1; then
  grep -vE "Warning: |declare_namespace|import pkg_resources|^\s*$" "$log" >&2
  echo "rasa data validate failed" >&2
  exit 1
fi
rm -f "$log"
echo "rasa data validate: clean"
exec .venv/bin/pytest "$@"
