"""The SLA scheduler's bookmark on each ticket: its next deadline and what it was worked out
from, so a round reads only the tickets with something due.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing tickets start without a basis: the first round works each out once.
    op.add_column("tickets", sa.Column("next_deadline_at", sa.DateTime(timezone=True)))
    op.add_column("tickets", sa.Column("deadline_basis", sa.String(length=100)))
    op.create_index(op.f("ix_tickets_next_deadline_at"), "tickets", ["next_deadline_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_tickets_next_deadline_at"), table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("deadline_basis")
        batch.drop_column("next_deadline_at")
