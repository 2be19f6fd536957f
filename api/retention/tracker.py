"""Rasa's SQL tracker store: one `events` table, rows keyed by `sender_id`.

The service knows each conversation's `rasa_sender_id`, so deleting a chat deletes its tracker
here too. This runs before the service's own transaction commits: when it fails, the chat stays
and the next run tries again, so no tracker is ever left without its conversation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Column, MetaData, String, Table, delete, func, inspect, select

from api.core.db import make_engine

# Bound parameters per statement: well below SQLite's limit.
CHUNK = 500

_events = Table("events", MetaData(), Column("sender_id", String(255)))


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class TrackerStore:
    """The tracker database named by GI_RASA_TRACKER_DB_URL."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def _has_events(self) -> bool:
        # Rasa creates the table on its first start; before that there is nothing to delete.
        return inspect(self.engine).has_table("events")

    def count(self, sender_ids: Sequence[str]) -> int:
        if not sender_ids or not self._has_events():
            return 0
        with self.engine.connect() as connection:
            return sum(
                connection.scalar(
                    select(func.count()).select_from(_events).where(_events.c.sender_id.in_(part))
                )
                or 0
                for part in chunks(sender_ids)
            )

    def delete(self, sender_ids: Sequence[str]) -> int:
        """Delete every event of these conversations; the number of events deleted."""
        if not sender_ids or not self._has_events():
            return 0
        with self.engine.begin() as connection:
            return sum(
                connection.execute(delete(_events).where(_events.c.sender_id.in_(part))).rowcount
                for part in chunks(sender_ids)
            )

    def dispose(self) -> None:
        self.engine.dispose()
