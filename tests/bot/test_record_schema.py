"""The published record schema and docs: in step with the model, and the example really valid."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from bot import IntakeRecord, evaluate_flags, record_json_schema

DOCS = Path(__file__).parents[2] / "docs"
SCHEMA_FILE = DOCS / "intake-record.schema.json"
GUIDE_FILE = DOCS / "intake-record.md"
REGENERATE = ".venv/bin/python scripts/export_record_schema.py"


def _example() -> dict:
    guide = GUIDE_FILE.read_text(encoding="utf-8")
    example = guide.split("\n## Example\n", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)\n```", example, re.S).group(1))


def _published() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _schema_errors(record: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(_published())
    return [error.message for error in validator.iter_errors(record)]


def test_the_published_schema_is_the_generated_one():
    assert _published() == record_json_schema(), f"the record model changed: run `{REGENERATE}`"


def test_the_published_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(_published())


def test_the_example_is_valid_for_the_schema_and_the_model():
    example = _example()
    assert _schema_errors(example) == []
    record = IntakeRecord.model_validate(example)
    assert record.model_dump(mode="json", exclude_unset=True) == example  # nothing dropped


def test_the_example_shows_every_part_of_the_record():
    example = _example()
    unfilled = [name for name in IntakeRecord.model_fields if example.get(name) in (None, [], {})]
    assert unfilled == []
    statuses = {entry["status"] for entry in example["domains"]}
    assert {"indicated", "not_discussed", "declined"} <= statuses


def test_the_example_flags_are_the_ones_the_rules_give():
    record = IntakeRecord.model_validate(_example())
    assert record.flags == evaluate_flags(record)


def _with(change) -> dict:
    record = copy.deepcopy(_example())
    change(record)
    return record


def _unknown_domain(record: dict) -> None:
    record["domains"][0]["domain"] = "hobby"


def _indication_not_discussed(record: dict) -> None:
    record["domains"][0].update(status="not_discussed", indication=2)


def _unknown_member(record: dict) -> None:
    record["domains"][0]["member_id"] = "m9"


def _duplicate_member(record: dict) -> None:
    record["members"][1]["id"] = "m1"


def _long_text(record: dict) -> None:
    record["domains"][0]["own_words"] = "x" * 2001


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_unknown_domain, "unknown domain"),
        (_indication_not_discussed, "indication is only recorded with status 'indicated'"),
        (_unknown_member, "unknown member ids: ['m9']"),
        (_duplicate_member, "member ids must be unique"),
        (_long_text, "at most 2000 characters"),
    ],
)
def test_the_model_refuses_invalid_records(change, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        IntakeRecord.model_validate(_with(change))


def test_the_schema_refuses_too_long_texts_and_unknown_fields():
    assert _schema_errors(_with(_long_text)) != []
    assert _schema_errors(_with(lambda r: r["members"][0].update(nickname="Fatima"))) != []
