"""The shipped content: complete in three languages, routable to all fifteen teams."""

from collections import Counter
from dataclasses import replace

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
    """A person's care situation is sensitive; the county's general information (opening
    hours, fees, booking in general) is not, or every such question would be hidden."""
    county = [i for i in content.intents.values() if i.team == "hyvinvointialue"]
    sensitive = {i.name for i in county if i.sensitive}
    assert {
        "hyvinvointialue_vanhuspalvelut",
        "hyvinvointialue_mielenterveys_paihde",
        "hyvinvointialue_lastensuojeluilmoitus",
        "hyvinvointialue_sosiaalipalvelut_toimeentulotuki",
    } <= sensitive
    assert "hyvinvointialue_yhteystiedot_aukiolo" not in sensitive
    work_ability = content.intents["henkilosto_tyoterveys_varhainen_tuki"]
    assert work_ability.sensitive


def test_every_intent_routes_to_a_team_and_every_faq_answers_in_three_languages(
    content: Content,
) -> None:
    for intent in content.intents.values():
        assert intent.team in content.teams, intent.name
        if intent.kind == "faq":
            assert set(intent.answers) == set(LANGUAGES), intent.name
            assert all(intent.answers[lang].strip() for lang in LANGUAGES), intent.name


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


def missing_titles_and_prompts(content: Content) -> list[tuple[str, str, str]]:
    """(intent, language, what is missing) for every gap staff or residents would meet."""
    gaps = []
    for intent in content.intents.values():
        for lang in LANGUAGES:
            if not intent.title.get(lang):
                gaps.append((intent.name, lang, "title"))
            if intent.kind == "case" and not intent.prompt.get(lang):
                gaps.append((intent.name, lang, "prompt"))
    return gaps


def test_every_intent_has_a_title_and_every_case_a_prompt(content: Content) -> None:
    assert missing_titles_and_prompts(content) == []
    assert all(not i.prompt for i in content.intents.values() if i.kind != "case")


def test_the_title_check_catches_a_gap(content: Content) -> None:
    copy = replace(content, intents=dict(content.intents))
    street_light = copy.intents["kadut_liikenne_katuvalo_rikki"]
    copy.intents[street_light.name] = replace(
        street_light,
        title={"fi": street_light.title["fi"]},
        prompt={k: v for k, v in street_light.prompt.items() if k != "en"},
    )
    assert missing_titles_and_prompts(copy) == [
        ("kadut_liikenne_katuvalo_rikki", "sv", "title"),
        ("kadut_liikenne_katuvalo_rikki", "en", "title"),
        ("kadut_liikenne_katuvalo_rikki", "en", "prompt"),
    ]


def test_titles_are_short_and_tell_intents_apart(content: Content) -> None:
    for lang in LANGUAGES:
        titles = [i.title[lang] for i in content.intents.values()]
        assert len(set(titles)) == len(titles), lang
        for title in titles:
            assert len(title) <= 60 and not title.endswith(".") and "_" not in title, title
            assert title[0].isupper(), title


def test_case_prompts_are_questions_and_location_cases_ask_where(content: Content) -> None:
    where = {
        "fi": ("Missä", "Mistä"),
        "sv": ("Var", "Vid", "På", "I "),
        "en": ("Where", "At", "In"),
    }
    cases = [i for i in content.intents.values() if i.kind == "case"]
    for intent in cases:
        for lang in LANGUAGES:
            prompt = intent.prompt[lang]
            assert "?" in prompt, (intent.name, lang)
            if "location" in intent.slots:
                assert prompt.startswith(where[lang]), (intent.name, lang, prompt)
    # The example: a missed collection is not a "fault".
    missed = content.intents["jatehuolto_tyhjennys_jai_valiin"].prompt["fi"]
    assert "vika" not in missed and "osoitte" in missed


def test_sensitive_prompts_ask_for_no_personal_details(content: Content) -> None:
    private = [i for i in content.intents.values() if i.kind == "case" and i.sensitive]
    assert private
    for intent in private:
        assert "terveystietoja" in intent.prompt["fi"]
        assert "hälsouppgifter" in intent.prompt["sv"]
        assert "health details" in intent.prompt["en"]


def test_intent_title_for_staff(content: Content) -> None:
    assert content.intent_title("liikunta_kulttuuri_kirjasto", "en") == "Library cards and loans"
    assert content.intent_title("kadut_liikenne_katuvalo_rikki", "fi") == "Katuvalo ei pala"
    # A stored message may name an intent that no longer exists: never show the identifier.
    assert content.intent_title("nlu_fallback", "sv") == "Okänt ämne"
    assert content.intent_title("removed_intent", "xx") == "Unrecognised topic"
