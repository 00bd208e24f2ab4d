"""The shipped content: complete in three languages, routable to all fifteen teams."""

from collections import Counter

from actions import office_hours_text, render_answer
from content import Content
from nlu import LANGUAGES

TEAMS = {
    "varhaiskasvatus",
    "opetus",
    "liikunta_kulttuuri",
    "kadut_liikenne",
    "rakennusvalvonta",
    "maankaytto_asuminen",
    "ymparisto",
    "jatehuolto",
    "vesihuolto",
    "talous_laskutus",
    "henkilosto",
    "elinkeino",
    "kirjaamo",
    "hyvinvointialue",
    "yleisneuvonta",
}
CORE = {
    "greet",
    "goodbye",
    "thanks",
    "affirm",
    "deny",
    "help",
    "human_handoff",
    "bot_challenge",
    "change_language",
    "out_of_scope",
}


def test_teams_are_exactly_the_routing_targets(content: Content) -> None:
    assert set(content.teams) == TEAMS
    assert content.default_team() == "yleisneuvonta"


def test_at_least_100_faq_and_case_intents_and_4_per_team(content: Content) -> None:
    routable = [i for i in content.intents.values() if i.kind in ("faq", "case")]
    assert len(routable) >= 100
    per_team = Counter(i.team for i in routable)
    assert set(per_team) == TEAMS
    assert min(per_team.values()) >= 4
    assert any(i.kind == "case" for i in routable)


def test_core_intents_present(content: Content) -> None:
    assert set(content.intents) >= CORE
    assert all(content.intents[name].kind == "core" for name in CORE)


def test_every_intent_has_examples_and_an_answer_in_every_language(content: Content) -> None:
    minimum = {"fi": 20, "sv": 10, "en": 10}
    for intent in content.intents.values():
        for lang in LANGUAGES:
            assert len(intent.examples[lang]) >= minimum[lang], (intent.name, lang)
            answer = render_answer(content, intent.name, lang)
            assert answer and "{" not in answer, (intent.name, lang)


def test_health_and_social_matters_are_marked_sensitive(content: Content) -> None:
    county = [i for i in content.intents.values() if i.team == "hyvinvointialue"]
    assert county and all(i.sensitive for i in county)


def test_answers_use_the_municipality_file(content: Content) -> None:
    phone = content.municipality["phone"]
    rendered = [render_answer(content, name, "fi") for name in content.intents]
    assert any(phone in text for text in rendered)
    assert any(content.municipality["name"]["fi"] in text for text in rendered)


def test_office_hours_text_per_language() -> None:
    hours = {d: "09:00-15:00" for d in ("mon", "tue", "wed", "thu")} | {"fri": "09:00-14:00"}
    assert office_hours_text(hours, "fi") == "ma–to 9.00–15.00, pe 9.00–14.00"
    assert office_hours_text(hours, "sv") == "mån–tors 9.00–15.00, fre 9.00–14.00"
    assert office_hours_text(hours, "en") == "Mon–Thu 9:00–15:00, Fri 9:00–14:00"
