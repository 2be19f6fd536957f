"""Pair the REST channel's output into our messages: a text (with buttons) and the custom
payload {"meta": {...}} that follows it become one message with its metadata."""

from __future__ import annotations

from typing import Any

EMPTY_META: dict[str, Any] = {
    "kind": "info",
    "key": None,
    "member_id": None,
    "domain": None,
    "options": None,
    "multiple": False,
    "progress": None,
    "acute": False,
}


def pair_messages(raw: list[dict]) -> list[dict]:
    """[{"text","buttons"}, {"custom": {"meta"}}, ...] -> [{"text","buttons","meta"}, ...]."""
    messages: list[dict] = []
    for item in raw:
        custom = item.get("custom")
        if isinstance(custom, dict) and "meta" in custom:
            if messages and messages[-1]["_open"]:
                messages[-1]["meta"] = {**EMPTY_META, **custom["meta"]}
                messages[-1]["_open"] = False
            continue
        if "text" in item:
            buttons = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in item.get("buttons") or []
            ]
            messages.append(
                {"text": item["text"], "buttons": buttons, "meta": dict(EMPTY_META), "_open": True}
            )
    for message in messages:
        del message["_open"]
        message["meta"]["sender"] = "bot"
    return messages
