"""`bot` exports exactly what `__all__` says, and importing it stays cheap and framework-free."""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType

import bot
import bot.errors
import bot.safety


def _isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions: the order ruff (RUF022) keeps."""
    group = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return group, name


def test_all_lists_every_public_name_once_in_order():
    exported = [
        name
        for name, value in vars(bot).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    ]
    assert bot.__all__ == sorted(exported, key=_isort_style)


def test_the_names_the_other_parts_use_are_exported():
    used = {
        "IntakeRecord", "IntakeState", "DOMAIN_IDS", "AgeBand", "Answer", "Kind", "Question",
        "catalogue", "next_question", "plan", "progress", "find_question", "take_turn",
        "note_safety", "refresh_flags", "screen", "to_signals", "evaluate_flags", "analyse",
        "detect_language", "interpreter_message", "parse_household", "detect_domains", "say",
        "summary_text", "reference_for", "IntakeError",
    }  # fmt: skip
    assert used <= set(bot.__all__)
    assert callable(bot.catalogue)  # the function shadows the module of the same name


def test_every_error_belongs_to_the_tree():
    errors = [
        value
        for value in vars(bot.errors).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    assert all(issubclass(error, bot.IntakeError) for error in errors)
    assert {error.__name__ for error in errors} <= set(bot.__all__)
    assert bot.safety.LexiconError is bot.errors.LexiconError


def test_importing_bot_loads_no_framework_and_reads_no_data_file():
    script = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
import bot
frameworks = ("fastapi", "sqlalchemy", "rasa_sdk", "rasa", "httpx", "starlette")
print(json.dumps({
    "frameworks": sorted(m for m in frameworks if m in sys.modules),
    "data_files": sorted(p for p in opened if p.endswith((".yml", ".yaml"))),
}))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    assert result == {"frameworks": [], "data_files": []}
