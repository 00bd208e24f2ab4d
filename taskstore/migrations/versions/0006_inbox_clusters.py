"""The inbox's questions and their groups (the communications team's curation).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbox_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("centre", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("last_at", _NOW, nullable=False),
        sa.Column("created_at", _NOW, nullable=False),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.Column("handled_at", _NOW, nullable=True),
        sa.Column("handled_as", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handled_by"],
            ["staff_users.id"],
            name=op.f("fk_inbox_clusters_handled_by_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_clusters")),
    )
    op.create_index(op.f("ix_inbox_clusters_status"), "inbox_clusters", ["status"])
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("at", _NOW, nullable=False),
        sa.Column("guess", sa.String(length=100), nullable=True),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("to_team", sa.String(length=64), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["inbox_clusters.id"],
            name=op.f("fk_inbox_items_cluster_id_inbox_clusters"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_items")),
        sa.UniqueConstraint("source", "ref", name=op.f("uq_inbox_items_source")),
    )
    op.create_index(op.f("ix_inbox_items_at"), "inbox_items", ["at"])
    op.create_index(op.f("ix_inbox_items_cluster_id"), "inbox_items", ["cluster_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_inbox_items_cluster_id"), table_name="inbox_items")
    op.drop_index(op.f("ix_inbox_items_at"), table_name="inbox_items")
    op.drop_table("inbox_items")
    op.drop_index(op.f("ix_inbox_clusters_status"), table_name="inbox_clusters")
    op.drop_table("inbox_clusters")
