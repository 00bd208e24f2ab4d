"""Content versions in the store (actions/content_work.py): the folder followed at start-up,
drafts edited by several people, published, discarded, and rolled back; on SQLite and
PostgreSQL."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from actions import content_work
from actions.staff_work import WorkError
from content import Content
from content.document import Document, digest, intent_of, to_document
from content.edits import EditError, add_examples, set_answer
from taskstore import Announcement, Database, Event, versions


@pytest.fixture
def document(content: Content) -> Document:
    return copy.deepcopy(to_document(content))


def _faq(document: Document) -> str:
    return next(i["name"] for i in document["intents"] if i["kind"] == "faq")


async def test_the_folder_seeds_version_one_and_is_followed_until_the_console_publishes(
    db: Database, document: Document
) -> None:
    told: list[list[Announcement]] = []
    db.on_announcements(told.append)
    async with db.transaction() as session:
        live, note = await content_work.follow_folder(session, document)
        assert (live.number, live.source) == (1, "data")
        assert note == "content version 1 from the content folder"
    assert told == [[("content", {"kind": "content", "version": 1})]]
    async with db.transaction() as session:  # unchanged folder: nothing new
        live, note = await content_work.follow_folder(session, document)
        assert (live.number, note) == (1, "content version 1")
    changed = copy.deepcopy(document)
    set_answer(changed, _faq(changed), "fi", "Muuttunut vastaus.")
    async with db.transaction() as session:  # a developer edited data/
        live, _ = await content_work.follow_folder(session, changed)
        assert (live.number, live.source, live.based_on) == (2, "data", 1)
        draft = await content_work.open_draft(session, None, "syksyn korjaukset")
    async with db.transaction() as session:
        await content_work.edit_draft(
            session, draft.id, None, lambda d: set_answer(d, _faq(d), "sv", "Nytt svar.")
        )
        published = await content_work.publish_draft(session, draft.id, None, "")
        assert (published.number, published.source) == (3, "console")
    async with db.transaction() as session:  # now the store wins over the folder
        live, note = await content_work.follow_folder(session, document)
        assert live.number == 3 and "content folder differs and is not used" in note
        events = (await session.scalars(select(Event).order_by(Event.id))).all()
        published_events = [e.data["version"] for e in events if e.type == "content_published"]
        assert published_events == [1, 2, 3]


async def test_edits_of_two_people_both_land_and_the_draft_keeps_its_log(
    db: Database, document: Document
) -> None:
    async with db.transaction() as session:
        await content_work.follow_folder(session, document)
        draft = await content_work.open_draft(session, None, "uusia esimerkkejä")
    name = _faq(document)
    async with db.transaction() as first:
        await content_work.edit_draft(
            first, draft.id, None, lambda d: add_examples(d, name, "fi", ["eka uusi kysymys"])
        )
    async with db.transaction() as second:
        await content_work.edit_draft(
            second, draft.id, None, lambda d: add_examples(d, name, "fi", ["toka uusi kysymys"])
        )
    async with db.transaction() as session:
        with pytest.raises(EditError):  # a refused edit changes nothing
            await content_work.edit_draft(
                session, draft.id, None, lambda d: set_answer(d, name, "fi", "{bad}")
            )
    async with db.transaction() as session:
        row = await versions.draft(session, draft.id)
        assert row is not None
        examples = intent_of(row.document, name)["examples"]["fi"]  # type: ignore[arg-type,index]
        assert examples[-2:] == ["eka uusi kysymys", "toka uusi kysymys"]
        assert [e["what"] for e in row.edits] == [
            f"1 fi example(s) added to {name}",
            f"1 fi example(s) added to {name}",
        ]
        assert row.digest == digest(row.document)  # type: ignore[arg-type]
        await content_work.discard_draft(session, draft.id, None)
    async with db.transaction() as session:
        assert await versions.drafts(session) == []
        with pytest.raises(WorkError, match="published or discarded"):
            await content_work.publish_draft(session, draft.id, None, "")


async def test_rollback_publishes_an_earlier_version_again(
    db: Database, document: Document
) -> None:
    changed = copy.deepcopy(document)
    set_answer(changed, _faq(changed), "en", "A changed answer.")
    async with db.transaction() as session:
        await content_work.follow_folder(session, document)
        await content_work.follow_folder(session, changed)
        with pytest.raises(WorkError, match="live already"):
            await content_work.roll_back(session, 2, None)
        back = await content_work.roll_back(session, 1, None)
        assert (back.number, back.source, back.based_on, back.note) == (
            3,
            "rollback",
            1,
            "Back to version 1.",
        )
        assert back.digest == digest(document)
        assert [v.number for v in await versions.history(session)] == [3, 2, 1]
        with pytest.raises(WorkError, match="No such version"):
            await content_work.roll_back(session, 9, None)
