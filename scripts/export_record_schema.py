"""Write the intake record's JSON Schema to docs/ (a test fails while the committed one is stale).

Usage: .venv/bin/python scripts/export_record_schema.py
"""

import json
from pathlib import Path

from bot.record import record_json_schema

TARGET = Path(__file__).resolve().parents[1] / "docs" / "intake-record.schema.json"

if __name__ == "__main__":
    TARGET.write_text(
        json.dumps(record_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {TARGET}")
