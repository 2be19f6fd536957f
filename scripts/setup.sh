#!/usr/bin/env bash
# Create or refresh everything the product needs; cheap when nothing changed.
#   .venv        Python 3.11: service, intake core, Rasa action server, tests
#   .venv-rasa   Python 3.10: the Rasa 3.6 server (its own pins: pydantic 1, SQLAlchemy 1.4)
#   node_modules NL Design System CSS and axe-core, served as static files
#   models/      the Rasa model, retrained only when data/, config.yml or domain changed
# Each step writes a stamp holding the hash of its inputs and is skipped when that hash is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }
export PIP_DISABLE_PIP_VERSION_CHECK=1 RASA_TELEMETRY_ENABLED=false

# pip, quietly: its output is shown only when it fails.
pip_install() {
  local log rc=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || grep -vE "is ignored: it is neither|^\s*$" "$log" >&2 || true
  rm -f "$log"
  return "$rc"
}

main_venv() {
  local want; want=$(hash_of pyproject.toml)
  stamp_ok .venv/.stamp "$want" && return 0
  echo "==> main environment (.venv, Python 3.11)"
  [ -x .venv/bin/python ] || python3.11 -m venv .venv || python3 -m venv .venv
  pip_install .venv/bin/python -m pip install -q --upgrade pip
  pip_install .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" > .venv/.stamp
}

rasa_venv() {
  local want; want=$(hash_of requirements-rasa.txt)
  stamp_ok .venv-rasa/.stamp "$want" && return 0
  echo "==> Rasa environment (.venv-rasa, Python 3.10; first time takes a few minutes)"
  local py; py=$(scripts/find_python310.sh)
  [ -x .venv-rasa/bin/python ] || "$py" -m venv .venv-rasa
  pip_install .venv-rasa/bin/python -m pip install -q --upgrade pip
  pip_install .venv-rasa/bin/python -m pip install -q -r requirements-rasa.txt
  echo "$want" > .venv-rasa/.stamp
}

node_assets() {
  local want; want=$(hash_of package.json package-lock.json)
  stamp_ok node_modules/.stamp "$want" && return 0
  echo "==> web assets (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.stamp
}

model() {
  local want; want=$(find config.yml domain data -type f | sort | xargs cat | sha256sum | cut -c1-16)
  stamp_ok models/.stamp "$want" && [ -n "$(ls models/*.tar.gz 2>/dev/null)" ] && return 0
  echo "==> training the Rasa model (about 2-4 minutes on 2 cores)"
  rm -f models/*.tar.gz
  local start=$SECONDS
  mkdir -p var
  if ! .venv-rasa/bin/rasa train --quiet --config config.yml --domain domain --data data \
      --fixed-model-name intake --out models > var/train.log 2>&1; then
    tail -40 var/train.log >&2
    echo "training failed; the whole log is in var/train.log" >&2
    return 1
  fi
  echo "    trained in $((SECONDS - start)) s (log: var/train.log)"
  echo "$want" > models/.stamp
}

case "$what" in
  all) main_venv; rasa_venv; node_assets; model ;;
  main) main_venv ;;
  rasa) rasa_venv ;;
  node) node_assets ;;
  model) model ;;
  *) echo "usage: scripts/setup.sh [all|main|rasa|node|model]" >&2; exit 2 ;;
esac
