"""Alembic environment: always run on the connection ``team.admin`` hands over (online only)."""

from __future__ import annotations

from alembic import context

from jcct_desktop.team.schema import TeamBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=TeamBase.metadata,
                  transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
