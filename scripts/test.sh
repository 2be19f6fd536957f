#!/usr/bin/env bash
# Run the whole test suite: lint, Rasa data validation, then pytest (unit, API, Rasa, browser).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/bot -x
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
.venv/bin/ruff check bot actions api tests scripts
.venv-rasa/bin/rasa data validate --fail-on-warnings --quiet --domain domain --data data --config config.yml
exec .venv/bin/pytest "$@"
