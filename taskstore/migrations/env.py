"""Alembic environment: migrations run on a connection the task store hands over.

`taskstore.db.Database.migrate()` is the entry point (also `kuntabotti db upgrade`).
"""

from __future__ import annotations

from alembic import context

from taskstore.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `kuntabotti db upgrade` (Database.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
