"""The test stories in tests/stories/ pass `rasa test core` with the trained model.

Rasa replays the stories without calling the action server, so this checks the rules: which
action answers which message inside and outside the intake form. About 90 s (model loading).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.rasa import RASA_BIN, REPO, _unavailable

pytestmark = pytest.mark.rasa

STORIES = REPO / "tests/stories"


def test_test_stories_pass_rasa_test_core(rasa_model: Path, tmp_path: Path) -> None:
    if not RASA_BIN.exists():
        _unavailable(f"the Rasa venv is missing: {RASA_BIN} (run `scripts/setup.sh rasa`)")
    results = tmp_path / "results"
    command = [
        str(RASA_BIN), "test", "core", "--stories", str(STORIES), "-m", str(rasa_model),
        "--fail-on-prediction-errors", "--out", str(results),
    ]  # fmt: skip
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    output = (done.stdout + done.stderr).splitlines()
    mispredicted = [line for line in output if "# predicted:" in line]
    assert done.returncode == 0, "\n".join(mispredicted or output[-30:])
