"""What changed between two versions of a record, and applying staff edits by dotted path.

Paths look like `request_summary`, `coordination.wants_single_coordinator` or
`domains.2.indication` (list items by position).
"""

from __future__ import annotations

import copy
from typing import Any

from api.core.errors import InvalidInputError

IGNORED = frozenset({"updated_at"})
PROTECTED = frozenset({"id", "schema_version", "reference", "created_at", "updated_at"})


def diff(old: Any, new: Any, path: str = "") -> dict[str, dict[str, Any]]:
    """`{path: {"old": ..., "new": ...}}` for every changed leaf (lists of unequal length whole)."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: dict[str, dict[str, Any]] = {}
        for key in dict.fromkeys([*old, *new]):
            if not path and key in IGNORED:
                continue
            changes |= diff(
                old.get(key), new.get(key), f"{path}{key}" if not path else f"{path}.{key}"
            )
        return changes
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        changes = {}
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            changes |= diff(a, b, f"{path}.{index}")
        return changes
    return {} if old == new else {path: {"old": old, "new": new}}


def apply_changes(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A copy of `data` with each dotted path set to its value; the caller validates the result."""
    result = copy.deepcopy(data)
    for path, value in changes.items():
        parts = path.split(".")
        if not path or parts[0] in PROTECTED:
            raise InvalidInputError(f"field {path!r} cannot be changed")
        parent: Any = result
        for part in parts[:-1]:
            parent = _child(parent, part, path)
        last = parts[-1]
        if isinstance(parent, list):
            parent[_index(parent, last, path)] = value
        elif isinstance(parent, dict):
            parent[last] = value
        else:
            raise InvalidInputError(f"unknown field path {path!r}")
    return result


def _child(node: Any, part: str, path: str) -> Any:
    if isinstance(node, list):
        return node[_index(node, part, path)]
    if isinstance(node, dict) and isinstance(node.get(part), dict | list):
        return node[part]
    raise InvalidInputError(f"unknown field path {path!r}")


def _index(items: list, part: str, path: str) -> int:
    if not part.isdigit() or int(part) >= len(items):
        raise InvalidInputError(f"unknown field path {path!r}")
    return int(part)
