"""Personal data made erasable: staff's free text moves out of the event log into notes,
conversations and tickets get `erased_at`, retention runs are recorded, and events older
than the newest run's cutoff may be deleted (nothing else may).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_NOW = sa.DateTime(timezone=True)
_EVENTS = "events are append-only"
_RUNS = "retention runs are append-only"
# The free text each event type held before notes existed.
_TEXT_OF = {"commented": "text", "reassigned": "reason"}


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", _NOW, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_notes_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index(op.f("ix_notes_ticket_id"), "notes", ["ticket_id"])
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _NOW, nullable=False),
        sa.Column("conversations_before", _NOW, nullable=True),
        sa.Column("tickets_before", _NOW, nullable=True),
        sa.Column("events_before", _NOW, nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )
    op.create_index(op.f("ix_retention_runs_at"), "retention_runs", ["at"])
    op.add_column("conversations", sa.Column("erased_at", _NOW, nullable=True))
    op.add_column("tickets", sa.Column("erased_at", _NOW, nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_event_triggers(sqlite)
    _move_text_to_notes()
    _create_triggers(sqlite)


def _move_text_to_notes() -> None:
    """Existing comments and reasons become notes; their events name the note instead."""
    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id", sa.Integer),
        sa.column("ticket_id", sa.Integer),
        sa.column("type", sa.String),
        sa.column("data", sa.JSON),
        sa.column("created_at", _NOW),
    )
    notes = sa.table(
        "notes",
        sa.column("id", sa.Integer),
        sa.column("ticket_id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("created_at", _NOW),
    )
    rows = bind.execute(
        sa.select(events).where(events.c.type.in_(list(_TEXT_OF)), events.c.ticket_id.is_not(None))
    ).all()
    for row in rows:
        data = dict(row.data or {})
        text = data.pop(_TEXT_OF[row.type], None)
        if text is None:
            continue
        note_id = bind.execute(
            sa.insert(notes)
            .values(ticket_id=row.ticket_id, text=str(text), created_at=row.created_at)
            .returning(notes.c.id)
        ).scalar_one()
        data["note"] = note_id
        bind.execute(sa.update(events).where(events.c.id == row.id).values(data=data))


def _drop_event_triggers(sqlite: bool) -> None:
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_append_only ON events")


def _create_triggers(sqlite: bool) -> None:
    if sqlite:
        newest = "(SELECT max(events_before) FROM retention_runs)"
        op.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            f"BEGIN SELECT RAISE(ABORT, '{_EVENTS}'); END"
        )
        op.execute(
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
            f"WHEN {newest} IS NULL OR OLD.created_at >= {newest} "
            f"BEGIN SELECT RAISE(ABORT, '{_EVENTS}'); END"
        )
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER retention_runs_no_{action.lower()} BEFORE {action} "
                f"ON retention_runs BEGIN SELECT RAISE(ABORT, '{_RUNS}'); END"
            )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF TG_OP = 'DELETE' AND "
        "OLD.created_at < (SELECT max(events_before) FROM retention_runs) THEN RETURN OLD; "
        f"END IF; RAISE EXCEPTION '{_EVENTS}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()"
    )
    op.execute(
        "CREATE FUNCTION retention_runs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_RUNS}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER retention_runs_append_only BEFORE UPDATE OR DELETE ON retention_runs "
        "FOR EACH ROW EXECUTE FUNCTION retention_runs_refuse_change()"
    )


def downgrade() -> None:
    """Back to events that refuse every delete; notes stay out of the events (a downgrade
    must not write personal text back into a log nobody can erase)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_event_triggers(sqlite)
    if sqlite:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS retention_runs_no_{action}")
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER events_no_{action.lower()} BEFORE {action} ON events "
                f"BEGIN SELECT RAISE(ABORT, '{_EVENTS}'); END"
            )
    else:
        op.execute("DROP TRIGGER IF EXISTS retention_runs_append_only ON retention_runs")
        op.execute("DROP FUNCTION IF EXISTS retention_runs_refuse_change()")
        op.execute(
            "CREATE OR REPLACE FUNCTION events_refuse_change() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{_EVENTS}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()"
        )
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("erased_at")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("erased_at")
    op.drop_index(op.f("ix_retention_runs_at"), table_name="retention_runs")
    op.drop_table("retention_runs")
    op.drop_index(op.f("ix_notes_ticket_id"), table_name="notes")
    op.drop_table("notes")
