"""Indexes on the creation times the dashboards' periods filter on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_INDEXED = ("conversations", "messages", "tickets")


def upgrade() -> None:
    for table in _INDEXED:
        op.create_index(op.f(f"ix_{table}_created_at"), table, ["created_at"])


def downgrade() -> None:
    for table in _INDEXED:
        op.drop_index(op.f(f"ix_{table}_created_at"), table_name=table)
