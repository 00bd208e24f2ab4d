"""The ticket form (state `collecting`): what the case needs, optional contact, confirm.

The form lives in the conversation's slots, so any worker can continue it. Descriptions are
stored redacted; the contact the resident gives after the consent sentence is the only
personal data a ticket keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actions import ActionContext, Say, create_ticket, ticket_created
from nlu import ParseResult

CONTACT_ENTITIES = ("email", "phone")


@dataclass(frozen=True)
class FormInput:
    """One resident turn as the form sees it."""

    payload: str | None
    text: str | None  # redacted text, as it may be stored in a ticket
    result: ParseResult | None  # for the entities (contact, address) as written


def new_form(
    kind: str,
    routing: dict[str, Any],
    description: str | None,
    needed: list[str],
    found: dict[str, str],
    private: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "routing": routing,
        "description": description,
        "needed": needed,
        "details": {slot: found[slot] for slot in needed if slot in found},
        "contact": None,  # None: not asked yet; {}: skipped; {"email": ...}
        "private": private,
    }


def next_question(ctx: ActionContext, form: dict[str, Any]) -> list[Say]:
    """Ask for the first thing the form still lacks, and remember which step that is."""
    if form["description"] is None:
        form["step"] = "description"
        return [Say(ctx.text("ask_description"), (ctx.button("form:cancel", "btn_cancel"),))]
    for slot in form["needed"]:
        if slot not in form["details"]:
            form["step"] = f"slot:{slot}"
            return [Say(ctx.text(f"ask_slot_{slot}"), (ctx.button("form:cancel", "btn_cancel"),))]
    if form["contact"] is None:
        form["step"] = "contact"
        return [
            Say(
                ctx.text("ask_contact"),
                (ctx.button("form:skip", "btn_skip"), ctx.button("form:cancel", "btn_cancel")),
            )
        ]
    form["step"] = "confirm"
    return [
        Say(
            ctx.text(
                "confirm", team=ctx.team_name(form["routing"]["team"]), summary=_summary(ctx, form)
            ),
            (ctx.button("form:send", "btn_send"), ctx.button("form:cancel", "btn_cancel")),
        )
    ]


def _summary(ctx: ActionContext, form: dict[str, Any]) -> str:
    if form["private"]:
        # The summary is a bot message in the shared log: it must not repeat the details.
        return ctx.text("summary_private")
    lines = [ctx.text("summary_description", value=form["description"])]
    lines += [ctx.text(f"summary_{slot}", value=value) for slot, value in form["details"].items()]
    contact = form["contact"] or {}
    lines += [ctx.text("summary_contact", value=masked(k, v)) for k, v in contact.items()]
    return "\n".join(lines)


def masked(kind: str, value: str) -> str:
    """A contact as the confirmation shows it: recognisable to its owner, but the message
    log (where the confirmation is stored) keeps no usable address or number."""
    if kind == "email" and "@" in value:
        name, domain = value.rsplit("@", 1)
        return f"{name[:1]}…@{domain}"
    digits = [c for c in value if c.isdigit()]
    return "…" + "".join(digits[-3:])


async def step(
    ctx: ActionContext, form: dict[str, Any], given: FormInput
) -> tuple[bool, list[Say]]:
    """Take one answer. Returns (form still open, what to say)."""
    if given.payload == "form:cancel":
        return False, [Say(ctx.text("cancelled"))]
    current = form.get("step", "")
    if current == "confirm" and given.payload == "form:send":
        ticket = await create_ticket(
            ctx,
            kind=form["kind"],
            description=form["description"],
            routing=form["routing"],
            details=form["details"],
            contact_email=(form["contact"] or {}).get("email"),
            contact_phone=(form["contact"] or {}).get("phone"),
            private=form["private"],
        )
        form["sent"] = ticket.number
        return False, [ticket_created(ctx, ticket)]
    if current == "contact" and given.payload == "form:skip":
        form["contact"] = {}
    elif given.text is not None:
        problem = _fill(ctx, form, current, given)
        if problem:
            return True, problem
    return True, next_question(ctx, form)


def _fill(ctx: ActionContext, form: dict[str, Any], current: str, given: FormInput) -> list[Say]:
    text = given.text or ""
    entities = given.result.entities if given.result else []
    if current == "description":
        form["description"] = text
    elif current.startswith("slot:"):
        slot = current.removeprefix("slot:")
        wanted = "address" if slot == "location" else slot
        form["details"][slot] = next((e.value for e in entities if e.entity == wanted), text)
    elif current == "contact":
        contact = {e.entity: e.value for e in entities if e.entity in CONTACT_ENTITIES}
        if not contact:
            return [
                Say(
                    ctx.text("contact_not_found"),
                    (ctx.button("form:skip", "btn_skip"), ctx.button("form:cancel", "btn_cancel")),
                )
            ]
        form["contact"] = contact
    elif current == "confirm":
        # Typed at the confirmation: more details for the same matter.
        form["description"] = f"{form['description']}\n{text}"
    return []
