"""Alembic: head on an empty database equals the models, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import api.tables  # noqa: F401
from api.core.db import Database, migrate
from api.db_base import Base


def test_upgrade_head_matches_the_models(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        migrate(db.engine)
        migrate(db.engine)  # a second worker starting finds nothing to do
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            tables = set(inspect(connection).get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
    finally:
        db.dispose()
