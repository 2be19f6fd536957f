"""End to end: the real Rasa server, our action server killed, and acute words still get help.

This module starts its own action server and Rasa server (the shared ones must stay up for
the other tests), lets a conversation start normally, kills the action server, and sends an
acute message through the conversation API.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.core.config import Settings
from api.main import create_app
from bot.acute_help import acute_help_text
from tests.api.conftest import SECRET
from tests.fixtures.rasa import RASA_BIN, REPO, _free_port, _tail, _unavailable, _wait_until_loaded

pytestmark = pytest.mark.rasa

BASE = "/api/v1/conversations"
PHONE = "0800-1234"
SECONDS = 5.0


def _start(command: list[str], log: Path, cwd: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def stack(
    rasa_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """(Rasa URL, the action server process) for this module alone."""
    if not RASA_BIN.exists():
        _unavailable(f"the Rasa venv is missing: {RASA_BIN}")
    workdir = tmp_path_factory.mktemp("acute-stack")
    action_port, rasa_port = _free_port(), _free_port()
    actions = _start(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        workdir / "actions.log",
        REPO,
    )
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n', encoding="utf-8"
    )
    command = [
        str(RASA_BIN), "run", "--enable-api", "-m", str(rasa_model), "-p", str(rasa_port),
        "-i", "127.0.0.1", "--endpoints", str(endpoints),
    ]  # fmt: skip
    rasa = _start(command, workdir / "rasa.log", workdir)
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        _wait_until_loaded(url, rasa, workdir / "rasa.log")
        _wait_for_actions(action_port, actions, workdir / "actions.log")
        yield url, actions
    finally:
        _stop(rasa)
        _stop(actions)


def _wait_for_actions(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"action server exited; log tail:\n{_tail(log)}", pytrace=False)
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"action server did not start; log tail:\n{_tail(log)}", pytrace=False)


@pytest.fixture
def client(stack, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
        var_dir=tmp_path / "var",
        secret_key=SECRET,
        auto_migrate=True,
        rasa_url=stack[0],
        municipality_phone=PHONE,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_acute_words_get_help_when_the_action_server_is_killed(stack, client):
    started = client.post(BASE, json={"channel": "web", "language": "nl"})
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["messages"], "the assistant greets while the action server is up"
    headers = {"Authorization": f"Bearer {body['token']}"}
    actions = stack[1]
    actions.kill()
    actions.wait()

    begin = time.monotonic()
    sent = client.post(
        f"{BASE}/{body['id']}/messages", json={"text": "ik wil er nie meer zijn"}, headers=headers
    )
    seconds = time.monotonic() - begin

    assert sent.status_code == 200, sent.text
    assert seconds < SECONDS
    replies = sent.json()["messages"]
    assert replies[0]["meta"]["kind"] == "acute_help"
    assert replies[0]["text"] == acute_help_text("nl", PHONE)
    view = client.get(f"{BASE}/{body['id']}", headers=headers).json()
    assert view["needs_human"] is True
    assert [m["meta"].get("kind") for m in view["transcript"]].count("acute_help") == 1
