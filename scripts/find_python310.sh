#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 runs on 3.8-3.10 only),
# or say how to install one. Looks at $PYTHON310, then PATH, then pyenv's versions.
set -uo pipefail
pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for candidate in "${PYTHON310:-}" python3.10 "$pyenv_root"/versions/3.10*/bin/python3.10; do
  [ -n "$candidate" ] || continue
  if real=$("$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10); print(sys.executable)' 2>/dev/null); then
    echo "$real"
    exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 was not found. Rasa Open Source 3.6 runs only on Python 3.8-3.10.
Install it, for example with pyenv:   pyenv install 3.10.13
or with your package manager:         apt-get install python3.10 python3.10-venv
or point to one you have:             PYTHON310=/path/to/python3.10 make run
MSG
exit 1
