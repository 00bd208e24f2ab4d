"""A resident message keeps the channel's delivery id (a Telegram update id), stored once per
conversation: a redelivered update is not a second message.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A column and a unique index: no copy of the messages table, on SQLite either.
    op.add_column("messages", sa.Column("delivery", sa.String(length=64), nullable=True))
    # Partial: only messages that name a delivery (Telegram's) are indexed, so the web chat's
    # and REST's inserts cost no more than before.
    op.create_index(
        "ix_messages_conversation_id_delivery",
        "messages",
        ["conversation_id", "delivery"],
        unique=True,
        sqlite_where=sa.text("delivery IS NOT NULL"),
        postgresql_where=sa.text("delivery IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_messages_conversation_id_delivery", table_name="messages")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("delivery")
