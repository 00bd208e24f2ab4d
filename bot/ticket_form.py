"""The ticket form (state `collecting`): what the case needs, optional contact, confirm.

The form lives in the conversation's slots, so any worker can continue it. Descriptions are
stored redacted; the contact the resident gives after the consent sentence is the only
personal data a ticket keeps.

A handoff ("talk to a person") is the same form, shorter: the matter first, so the person
gets the right question and the right team; then in office hours straight to the queue, and
after them the contact step before the ticket is filed. No confirmation: the resident asked
for a person, not for a form.
"""

from __future__ import annotations

from dataclasses import dataclass

from actions import (
    ActionContext,
    Button,
    Say,
    create_ticket,
    request_handoff,
    route,
    team_open,
    ticket_created,
)
from actions.handoff import closed_hours
from actions.tickets import Routing
from bot.payloads import previous_label
from bot.slots import EarlierQuestion, Form
from nlu import OUT_OF_SCOPE, ParseResult
from taskstore import Ticket

CONTACT_ENTITIES = ("email", "phone")


@dataclass(frozen=True)
class FormInput:
    """One resident turn as the form sees it."""

    payload: str | None
    text: str | None  # redacted text, as it may be stored in a ticket
    result: ParseResult | None  # for the entities (contact, address) as written


def new_form(
    kind: str,
    routing: Routing,
    description: str | None,
    needed: list[str],
    found: dict[str, str],
    private: bool = False,
    intent: str | None = None,
    previous: EarlierQuestion | None = None,
) -> Form:
    return {
        "kind": kind,
        "routing": routing,
        "description": description,
        "needed": needed,
        "details": {slot: found[slot] for slot in needed if slot in found},
        "contact": None,  # None: not asked yet; {}: skipped; {"email": ...}
        "private": private,
        "intent": intent,  # whose prompt opens the form
        "prompted": False,
        "previous": previous,  # handoff: the earlier question {"text", "routing"} on offer
    }


def with_lead(lead: str, said: list[Say]) -> list[Say]:
    """`lead` and the form's first question in one message: what happens, then what to do."""
    if not said:
        return [Say(lead)]
    first = said[0]
    return [Say(f"{lead} {first.text}", first.buttons), *said[1:]]


def _prompt(ctx: ActionContext, form: Form) -> str | None:
    """The intent's own first question, asked once, in place of the generic one."""
    intent = form.get("intent")
    if form.get("prompted") or not intent:
        return None
    form["prompted"] = True
    definition = ctx.content.intents.get(intent)
    return definition.prompt.get(ctx.lang) if definition else None


def next_question(ctx: ActionContext, form: Form) -> list[Say]:
    """Ask for the first thing the form still lacks, and remember which step that is."""
    cancel = ctx.button("form:cancel", "btn_cancel")
    if form["description"] is None:
        form["step"] = "description"
        if form["kind"] == "handoff":
            return [_matter_question(ctx, form)]
        return [Say(_prompt(ctx, form) or ctx.text("ask_description"), (cancel,))]
    for slot in form["needed"]:
        if slot not in form["details"]:
            form["step"] = f"slot:{slot}"
            return [Say(_prompt(ctx, form) or ctx.text(f"ask_slot_{slot}"), (cancel,))]
    if not form["needed"] and (prompt := _prompt(ctx, form)):
        form["step"] = "details"
        return [Say(prompt, (cancel,))]
    if form["contact"] is None:
        form["step"] = "contact"
        said = [Say(ctx.text("ask_contact"), (ctx.button("form:skip", "btn_skip"), cancel))]
        if form["kind"] == "handoff":
            return with_lead(closed_hours(ctx, form["routing"]["team"]).text, said)
        return said
    form["step"] = "confirm"
    return [
        Say(
            ctx.text(
                "confirm", team=ctx.team_name(form["routing"]["team"]), summary=_summary(ctx, form)
            ),
            (ctx.button("form:send", "btn_send"), cancel),
        )
    ]


def _matter_question(ctx: ActionContext, form: Form) -> Say:
    text = ctx.text("handoff_ask_matter")
    buttons = []
    if previous := form.get("previous"):
        text = f"{text} {ctx.text('handoff_previous_hint')}"
        buttons.append(Button("form:previous", previous_label(previous["text"])))
    buttons.append(ctx.button("form:cancel", "btn_cancel"))
    return Say(text, tuple(buttons))


def _summary(ctx: ActionContext, form: Form) -> str:
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


async def step(ctx: ActionContext, form: Form, given: FormInput) -> tuple[bool, list[Say]]:
    """Take one answer. Returns (form still open, what to say)."""
    if given.payload == "form:cancel":
        return False, [Say(ctx.text("cancelled"))]
    current = form.get("step", "")
    if current == "confirm" and given.payload == "form:send":
        ticket = await _file(ctx, form)
        return False, [ticket_created(ctx, ticket)]
    if current == "contact" and given.payload == "form:skip":
        form["contact"] = {}
    elif (
        current == "description"
        and given.payload == "form:previous"
        and (previous := form.get("previous"))
    ):
        form["description"] = previous["text"]
        form["routing"] = previous["routing"]
    elif given.text is not None:
        problem = _fill(ctx, form, current, given)
        if problem:
            return True, problem
    if _handoff_ready(ctx, form):
        return False, await request_handoff(ctx, await _file(ctx, form))
    return True, next_question(ctx, form)


def _handoff_ready(ctx: ActionContext, form: Form) -> bool:
    """A person can take it now, or after hours the resident has answered the contact step."""
    if form["kind"] != "handoff" or form["description"] is None:
        return False
    return form["contact"] is not None or team_open(ctx, form["routing"]["team"])


async def _file(ctx: ActionContext, form: Form) -> Ticket:
    description = form["description"]
    assert description is not None  # the form is filed only after its matter was given
    ticket = await create_ticket(
        ctx,
        kind=form["kind"],
        description=description,
        routing=form["routing"],
        details=form["details"],
        contact_email=(form["contact"] or {}).get("email"),
        contact_phone=(form["contact"] or {}).get("phone"),
        private=form["private"],
    )
    form["sent"] = ticket.number
    return ticket


def _fill(ctx: ActionContext, form: Form, current: str, given: FormInput) -> list[Say]:
    text = given.text or ""
    entities = given.result.entities if given.result else []
    if current == "description":
        form["description"] = text
        if form["kind"] == "handoff" and given.result is not None:
            form["routing"] = _matter_routing(ctx, given.result, form["routing"])
    elif current.startswith("slot:"):
        slot = current.removeprefix("slot:")
        wanted = "address" if slot == "location" else slot
        form["details"][slot] = next((e.value for e in entities if e.entity == wanted), text)
    elif current in ("confirm", "details"):
        # More about the same matter: typed at the confirmation, or the intent's question.
        form["description"] = f"{form['description']}\n{text}"
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
    return []


def _matter_routing(ctx: ActionContext, result: ParseResult, fallback: Routing) -> Routing:
    """The written matter decides the team. "Just a person, please" says nothing about a
    team, whatever the team classifier guesses from it."""
    intent = ctx.content.intents.get(result.intent.name)
    if intent is not None and intent.kind == "core" and intent.name != OUT_OF_SCOPE:
        return fallback
    return route(result, ctx.content)
