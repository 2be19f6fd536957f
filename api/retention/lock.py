"""One retention run at a time, across workers and machines.

PostgreSQL: a transaction-level advisory lock, released at commit. SQLite (one machine): an
exclusive file lock next to the database. A run that does not get the lock skips: another one
is doing the same work.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

RETENTION_LOCK_ID = 7_303_202_602  # shared by all workers of this product (migrations: ...601)


@contextmanager
def retention_lock(session: Session) -> Iterator[bool]:
    """Yields True when this run holds the lock, False when another run holds it."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        got = session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": RETENTION_LOCK_ID}
        )
        yield bool(got)
        return
    database = bind.url.database
    if not database or database == ":memory:":
        yield True
        return
    with open(f"{database}.retention.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
