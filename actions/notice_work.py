"""What the communications team (and a team lead, for the own team) does to service-break
notices: post, change, end. Each checks what it can, changes the row and appends its event
(who did it), in the caller's transaction. Who may do it is console/access.py's business.

Workers re-read notices within their board's ttl (actions.notice_board), so a change reaches
residents within seconds without any announcement.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from actions.notice_board import Notice
from actions.staff_work import Actor, WorkError
from content import Content
from taskstore import ServiceNotice, store

LANGUAGES = ("fi", "sv", "en")
MAX_NOTICE = 1000  # characters a language: a notice precedes an answer, it is no article


def _check(content: Content, draft: Notice) -> None:
    if draft.team_id is not None and draft.team_id not in content.teams:
        raise WorkError("Unknown team.")
    if any(not draft.texts.get(lang, "").strip() for lang in LANGUAGES):
        raise WorkError("Write the notice in Finnish, Swedish and English.")
    if any(len(draft.texts[lang]) > MAX_NOTICE for lang in LANGUAGES):
        raise WorkError("The notice is too long.")
    if draft.ends_at <= draft.starts_at:
        raise WorkError("The end must be after the start.")


def _fill(notice: ServiceNotice, draft: Notice) -> None:
    notice.team_id = draft.team_id
    notice.text_fi, notice.text_sv, notice.text_en = (
        draft.texts[lang].strip() for lang in LANGUAGES
    )
    notice.starts_at, notice.ends_at = draft.starts_at, draft.ends_at


async def post_notice(
    session: AsyncSession, content: Content, draft: Notice, actor: Actor
) -> ServiceNotice:
    _check(content, draft)
    if draft.ends_at <= actor.now:
        raise WorkError("The end must be in the future.")
    notice = ServiceNotice()
    _fill(notice, draft)
    session.add(notice)
    await session.flush()
    await _event(session, "notice_posted", notice, actor)
    return notice


async def change_notice(
    session: AsyncSession, content: Content, notice: ServiceNotice, draft: Notice, actor: Actor
) -> None:
    _check(content, draft)
    _fill(notice, draft)
    await _event(session, "notice_changed", notice, actor)


async def end_notice(session: AsyncSession, notice: ServiceNotice, actor: Actor) -> None:
    """Ends it now; one that had not started yet never shows."""
    if notice.ends_at <= actor.now:
        return
    notice.starts_at = min(notice.starts_at, actor.now)
    notice.ends_at = actor.now
    await _event(session, "notice_ended", notice, actor)


async def _event(session: AsyncSession, type_: str, notice: ServiceNotice, actor: Actor) -> None:
    await store.log_event(
        session, type_, "staff", staff_id=actor.staff_id, notice=notice.id, team=notice.team_id
    )
