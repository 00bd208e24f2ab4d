"""The per-conversation state machine: bot, clarifying, collecting, queued, with_staff, closed.

A turn has two halves. `prepare()` understands the message and decides what of it may be
stored (bot/understanding.py); the runtime commits that before `respond()` runs the state
machine and the actions. Everything the next turn needs is in
the conversation row (`state`, `language`, `slots`), never in this object.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from actions import (
    ActionContext,
    Button,
    Say,
    answer,
    candidates,
    clarify,
    contact_card,
    contact_unknown,
    offer_ticket,
    office_hours_text,
    rephrase,
    route,
)
from actions import conversation as conversation_state
from actions.conversation import State
from actions.notice_board import NoticeBoard
from actions.texts import LANGUAGE_NAMES, say
from actions.tickets import Routing
from bot import handoff_flow, ticket_form, understanding
from bot.payloads import OFFER_PAYLOADS
from bot.slots import Slots
from bot.understanding import Incoming, Prepared
from content import Content
from nlu import LANGUAGES, OUT_OF_SCOPE, ModelHandle, ParseResult
from nlu.contact import asks_for_contact, names_no_matter
from taskstore import Conversation, Message, store

NOTICE_TTL = 10.0  # seconds a worker reuses the service-break notices it read


class Dialogue:
    def __init__(self, content: Content, nlu: ModelHandle, clock: Callable[[], datetime]) -> None:
        self.content = content  # replaced whole, with the model, by Runtime.install
        self.nlu = nlu
        self.clock = clock
        self.notices = NoticeBoard(ttl=NOTICE_TTL)

    # -- first half: understand, decide what may be stored -----------------------------
    def prepare(self, conversation: Conversation, incoming: Incoming) -> Prepared:
        return understanding.prepare(self.content, self.nlu, conversation, incoming)

    # -- second half: the state machine ------------------------------------------------
    async def greet(self, session: AsyncSession, conversation: Conversation) -> list[Message]:
        ctx = self._context(session, conversation)
        return await self._store(ctx, self.greeting(ctx.lang))

    async def respond(
        self,
        session: AsyncSession,
        conversation: Conversation,
        prepared: Prepared,
        message_id: int,
    ) -> list[Message]:
        prepared = understanding.reread(self.nlu, conversation, prepared)
        ctx = self._context(session, conversation)
        # A deep copy: the JSON column sees a change only when it gets a different value.
        slots = cast(Slots, copy.deepcopy(conversation.slots or {}))
        said = await self._turn(ctx, slots, prepared, message_id)
        conversation.slots = dict(slots)
        return await self._store(ctx, said)

    def _context(self, session: AsyncSession, conversation: Conversation) -> ActionContext:
        return ActionContext(session, conversation, self.content, self.clock(), self.notices)

    async def _store(self, ctx: ActionContext, said: list[Say]) -> list[Message]:
        items = [(item.text, [b.to_dict() for b in item.buttons]) for item in said]
        return await store.add_messages(ctx.session, ctx.conversation, "bot", items)

    async def _turn(
        self, ctx: ActionContext, slots: Slots, prepared: Prepared, message_id: int
    ) -> list[Say]:
        conversation = ctx.conversation
        payload = prepared.incoming.payload
        if conversation.state == State.WITH_STAFF:
            if payload is not None and payload.startswith("lang:"):
                conversation.language = payload.removeprefix("lang:")
            return []  # a person holds the conversation: the bot stays silent
        if payload == "language":
            return [self._language_picker(ctx)]
        if payload is not None and payload.startswith("lang:"):
            conversation.language = payload.removeprefix("lang:")
            return [Say(ctx.text("language_set"))]
        if conversation.state == State.QUEUED:
            return await handoff_flow.queued(ctx, payload)
        if conversation.state == State.CLOSED:
            conversation_state.answering(ctx.session, conversation)
        if prepared.result is not None and conversation.state != State.COLLECTING:
            conversation.language = prepared.result.language
        if conversation.state == State.COLLECTING and "form" in slots:
            form = slots.get("form")
            private_form = bool(form and form.get("private"))
            if prepared.sensitive and not private_form:
                # A sensitive matter must not go into a shared ticket or be echoed back.
                slots.pop("form", None)
                conversation_state.answering(ctx.session, conversation)
                assert prepared.result is not None
                said = [Say(ctx.text("cancelled"))]
                return said + await self._sensitive_reply(ctx, slots, prepared.result)
            if not self._leaves_form(slots, prepared.result):
                return await self._form_step(ctx, slots, prepared)
            # Asked something new instead of giving a contact: drop the form, answer that.
            slots.pop("form", None)
            assert prepared.result is not None
            conversation.language = prepared.result.language
            conversation_state.answering(ctx.session, conversation)
            said = [Say(ctx.text("cancelled"))]
            return said + await self._text(ctx, slots, prepared, prepared.result, message_id)
        conversation_state.answering(ctx.session, conversation)
        if payload is not None:
            return await self._button(ctx, slots, payload)
        assert prepared.result is not None
        return await self._text(ctx, slots, prepared, prepared.result, message_id)

    def _leaves_form(self, slots: Slots, result: ParseResult | None) -> bool:
        """A confident new question where the form asked for a contact."""
        form = slots.get("form")
        if result is None or result.fallback or not form or form.get("step") != "contact":
            return False
        if any(e.entity in ticket_form.CONTACT_ENTITIES for e in result.entities):
            return False
        return result.intent.name in self.content.intents and result.intent.name not in (
            "affirm",
            "deny",
            OUT_OF_SCOPE,
        )

    async def _form_step(self, ctx: ActionContext, slots: Slots, prepared: Prepared) -> list[Say]:
        form = slots["form"]  # `_turn` comes here only while a form is open
        given = ticket_form.FormInput(
            prepared.incoming.payload, prepared.ticket_text, prepared.result
        )
        still_open, said = await ticket_form.step(ctx, form, given)
        if still_open:
            slots["form"] = form
        else:
            slots.pop("form", None)
            if form.get("sent"):
                slots.pop("question", None)  # an old "pass to staff" must not send it twice
            conversation_state.form_closed(ctx.session, ctx.conversation)
        return said

    async def _start_form(
        self,
        ctx: ActionContext,
        slots: Slots,
        kind: str,
        description: str | None,
        routing: Routing,
        needed: list[str] | None = None,
        found: dict[str, str] | None = None,
        private: bool = False,
        intent: str | None = None,
    ) -> list[Say]:
        form = ticket_form.new_form(
            kind, routing, description, needed or [], found or {}, private, intent
        )
        conversation_state.collecting(ctx.session, ctx.conversation)
        said = ticket_form.next_question(ctx, form)
        slots["form"] = form
        slots.pop("offer", None)
        return said

    async def _button(self, ctx: ActionContext, slots: Slots, payload: str) -> list[Say]:
        question = slots.get("question")
        slots.pop("misses", None)
        if payload.startswith("helpful:"):
            return await self._feedback(ctx, slots, payload == "helpful:yes")
        if payload.startswith("pick:"):
            intent = payload.removeprefix("pick:")
            if intent in self.content.intents:
                return await self._intent(ctx, slots, intent, None, resident_choice=True)
            return [Say(ctx.text("ask_more"))]
        if payload == "none":
            return [offer_ticket(ctx, "fallback")]
        if payload == "ticket:yes":
            if not question:
                return [Say(ctx.text("nothing_to_forward"))]
            return await self._start_form(
                ctx, slots, "question", question["text"], question["routing"]
            )
        if payload == "private:yes":
            routing = slots.pop("private_routing", None) or self._default_routing()
            return await self._start_form(
                ctx, slots, "private", None, routing, private=True, intent=routing.get("intent")
            )
        if payload == "handoff":
            return handoff_flow.start(ctx, slots, self._default_routing())
        slots.pop("offer", None)
        return [Say(ctx.text("ask_more"))]  # "no thanks", or a button from an old message

    async def _feedback(self, ctx: ActionContext, slots: Slots, helpful: bool) -> list[Say]:
        pending = slots.pop("feedback", None)
        slots.pop("offer", None)
        if pending is None:
            return [Say(ctx.text("ask_more"))]
        await store.add_feedback(
            ctx.session, ctx.conversation, pending["message_id"], pending["intent"], helpful
        )
        if helpful:
            slots.pop("question", None)  # answered: not the question a person is offered
            return [Say(ctx.text("glad"))]
        slots["offer"] = "ticket"
        return [offer_ticket(ctx, "sorry_offer")]

    async def _text(
        self,
        ctx: ActionContext,
        slots: Slots,
        prepared: Prepared,
        result: ParseResult,
        message_id: int,
    ) -> list[Say]:
        name = result.intent.name
        intent = self.content.intents.get(name)
        offer = slots.get("offer")
        if offer and name in ("affirm", "deny") and not result.fallback:
            # "yes" / "no" typed instead of pressing the offered button.
            return await self._button(ctx, slots, OFFER_PAYLOADS[offer][name == "affirm"])
        slots.pop("offer", None)
        slots.pop("feedback", None)
        misses = slots.pop("misses", 0)
        if result.sensitive:
            return await self._sensitive_reply(ctx, slots, result)
        core = intent is not None and intent.kind == "core"
        if not core or name == OUT_OF_SCOPE:
            slots["question"] = {
                "text": prepared.ticket_text,
                "routing": route(result, self.content),
            }
        if core and not result.fallback and name != OUT_OF_SCOPE:
            return await self._core(ctx, slots, name)
        missed = result.fallback or intent is None or name == OUT_OF_SCOPE
        faq = intent is not None and intent.kind == "faq"
        text = prepared.incoming.text or ""
        if names_no_matter(text):  # no matter, no team: general advice, whatever the model read
            slots["question"] = {"text": prepared.ticket_text, "routing": self._default_routing()}
            slots["offer"] = "ticket"
            return [contact_unknown(ctx)]
        if asks_for_contact(text) and (missed or faq):
            return await self._contact(ctx, slots, result, missed, message_id)
        if missed:
            options = candidates(result, self.content) if name != OUT_OF_SCOPE else []
            if options:
                conversation_state.clarifying(ctx.session, ctx.conversation)
                return await clarify(ctx, options)
            slots["misses"] = misses + 1
            if misses == 0:
                return [rephrase(ctx)]  # gibberish or a typo: other words may well do
            slots["offer"] = "ticket"
            return [offer_ticket(ctx, "fallback")]
        address = next((e.value for e in result.entities if e.entity == "address"), None)
        found = {"location": address} if address else {}
        return await self._intent(ctx, slots, name, found, message_id=message_id)

    async def _intent(
        self,
        ctx: ActionContext,
        slots: Slots,
        name: str,
        found: dict[str, str] | None,
        resident_choice: bool = False,
        message_id: int | None = None,
    ) -> list[Say]:
        intent = self.content.intents[name]
        question = slots.get("question") or {"text": None, "routing": self._default_routing()}
        if resident_choice:
            routing: Routing = {
                **question["routing"],
                "team": intent.team,
                "method": "resident_choice",
            }
            question = slots["question"] = {**question, "routing": {**routing, "intent": name}}
        if intent.sensitive:
            return await self._sensitive_reply(ctx, slots, None, name)
        if intent.kind == "case":
            routing = {**question["routing"], "team": intent.team, "intent": name}
            said = await self._start_form(
                ctx, slots, "case", question["text"], routing, intent.slots, found, intent=name
            )
            title = self.content.intent_title(name, ctx.lang)
            understood = ctx.text("case_understood", title=title, team=ctx.team_name(intent.team))
            return ticket_form.with_lead(understood, said)
        said = await answer(ctx, name)
        slots["feedback"] = {"message_id": message_id, "intent": name}
        slots["offer"] = "feedback"
        return said

    async def _sensitive_reply(
        self,
        ctx: ActionContext,
        slots: Slots,
        result: ParseResult | None,
        name: str | None = None,
    ) -> list[Say]:
        """Where to turn, and a private ticket only if the resident asks for one."""
        name = name or (result.sensitive_intent if result else None) or ""
        intent = self.content.intents[name]
        said = [Say(ctx.text("sensitive"))]
        if intent.answers.get(ctx.lang):
            said += await answer(ctx, name, ask_feedback=False)
        slots.pop("question", None)  # nothing of it may reach a shared ticket
        slots["private_routing"] = {
            **self._default_routing(),
            "team": intent.team,
            "intent": name,
            "method": "intent",
        }
        slots["offer"] = "private"
        said.append(
            Say(
                ctx.text("private_offer", team=ctx.team_name(intent.team)),
                (
                    ctx.button("private:yes", "btn_private"),
                    ctx.button("ticket:no", "btn_no_thanks"),
                ),
            )
        )
        return said

    async def _core(self, ctx: ActionContext, slots: Slots, name: str) -> list[Say]:
        if name in ("greet", "help"):
            return self.greeting(ctx.lang)
        if name in ("goodbye", "thanks"):
            return [Say(ctx.text(name))]
        if name == "bot_challenge":
            return [Say(ctx.text("bot_challenge"), (ctx.button("handoff", "btn_person"),))]
        if name == "change_language":
            return [self._language_picker(ctx)]
        if name == "human_handoff":
            return handoff_flow.start(ctx, slots, self._default_routing())
        return [Say(ctx.text("ask_more"))]  # affirm / deny with nothing offered

    async def _contact(
        self,
        ctx: ActionContext,
        slots: Slots,
        result: ParseResult,
        missed: bool,
        message_id: int,
    ) -> list[Say]:
        """The answer to "whom do I contact?": the responsible team's card, or the way to a
        person. The team is the routed one (a sure team classifier), else the answered
        intent's; general advice is no answer to "whom" when the question named no topic."""
        routing = route(result, self.content)
        team = routing["team"] if routing["method"] != "default_team" else None
        if not missed:
            said = await self._intent(ctx, slots, result.intent.name, None, message_id=message_id)
            card = contact_card(ctx, team or self.content.intents[result.intent.name].team)
            return [*said[:-1], card, said[-1]]  # before "did this help?"
        if team is None or team == self.content.default_team():
            slots["offer"] = "ticket"
            return [contact_unknown(ctx)]
        return [contact_card(ctx, team)]

    def greeting(self, lang: str) -> list[Say]:
        """What a new conversation opens with; the web chat shows it before anything is
        stored (a conversation starts with the resident's first message)."""
        city = self.content.municipality
        default = self.content.teams[self.content.default_team()]
        return [
            Say(say("greeting", lang, city=(city.get("title") or city["name"])[lang])),
            Say(
                say(
                    "human_path",
                    lang,
                    city_phone=city["phone"],
                    hours=office_hours_text(default["office_hours"], lang),
                )
            ),
        ]

    def _language_picker(self, ctx: ActionContext) -> Say:
        buttons = tuple(Button(f"lang:{lang}", LANGUAGE_NAMES[lang]) for lang in LANGUAGES)
        return Say(ctx.text("choose_language"), buttons)

    def _default_routing(self) -> Routing:
        return {"team": self.content.default_team(), "method": "default_team", "intent": None}


__all__ = ["Dialogue", "Incoming", "Prepared"]
