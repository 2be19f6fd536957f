"""Alembic environment: the models' metadata, and the URL from settings.

`api.core.db.migrate()` hands in an open connection (under the workers' migration lock);
the `alembic` command line connects with `GI_DATABASE_URL` itself.
"""

from alembic import context

import api.tables  # noqa: F401  (registers every table on Base.metadata)
from api.core.config import get_settings
from api.core.db import make_engine
from api.db_base import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = make_engine(get_settings().database_url)
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=get_settings().database_url, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_online()
