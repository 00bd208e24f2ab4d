"""Train on the real content, then parse: intents, teams, fallback, language, explanation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from content import load_valid_content
from nlu import NO_INTENT, OUT_OF_SCOPE, ModelHandle, NLUModel, TeamExample
from nlu.features import featurize
from tests.conftest import PARSE_KEYS

# New phrasings (not training examples) and the team each must reach.
ROUTED = [
    ("fi", "paljonko asukaspysäköintitunnus maksaa vuodessa", "kadut_liikenne"),
    ("fi", "katulamppu ei pala meidän talon edessä", "kadut_liikenne"),
    ("fi", "miten haen lapselle hoitopaikkaa päiväkodista", "varhaiskasvatus"),
    ("fi", "milloin roskis tyhjennetään", "jatehuolto"),
    ("fi", "tarvitsenko luvan autotallin rakentamiseen", "rakennusvalvonta"),
    ("fi", "vesilasku on mielestäni liian suuri", "vesihuolto"),
    ("fi", "mihin aikaan uimahalli aukeaa", "liikunta_kulttuuri"),
    ("sv", "när töms soptunnan", "jatehuolto"),
    ("sv", "hur söker jag dagisplats till mitt barn", "varhaiskasvatus"),
    ("sv", "gatlampan utanför mitt hus är trasig", "kadut_liikenne"),
    ("en", "how do I apply for a daycare place for my child", "varhaiskasvatus"),
    ("en", "the street lamp outside my house is broken", "kadut_liikenne"),
    ("en", "when does the swimming hall open", "liikunta_kulttuuri"),
    ("en", "I need a dentist appointment", "hyvinvointialue"),
]


@pytest.mark.parametrize("lang,text,team", ROUTED)
def test_new_phrasings_reach_the_right_team(
    model: NLUModel, lang: str, text: str, team: str
) -> None:
    result = model.parse(text)
    assert result.language == lang
    assert result.team.name == team, result.to_dict()
    assert model.intents[result.intent.name].team == team


@pytest.mark.parametrize(
    "text,intent",
    [
        ("haluan puhua ihmiselle", "human_handoff"),
        ("oletko botti", "bot_challenge"),
        ("hei", "greet"),
        ("kiitos paljon", "thanks"),
        ("talk to a human please", "human_handoff"),
    ],
)
def test_core_intents(model: NLUModel, text: str, intent: str) -> None:
    assert model.parse(text).intent.name == intent


@pytest.mark.parametrize(
    "text",
    [
        "mikä on Ranskan pääkaupunki",
        "kerro vitsi",
        "asdfghjkl qwerty",
        "who won the football world cup",
    ],
)
def test_out_of_scope_is_caught(model: NLUModel, text: str) -> None:
    result = model.parse(text)
    assert result.fallback or result.intent.name == OUT_OF_SCOPE, result.to_dict()


@pytest.mark.parametrize(
    "text", ["", "   \t ", "😀😀😀", "\x00\x01\x02\ufffd", "x" * 10_000, "kysymys " * 1500]
)
def test_bad_input_gives_a_valid_fallback_result(model: NLUModel, text: str) -> None:
    result = model.parse(text).to_dict()
    assert result["fallback"] is True
    assert result["language"] in ("fi", "sv", "en")
    assert set(result) == PARSE_KEYS
    assert result["intent"]["name"] in model.intents or result["intent"]["name"] == NO_INTENT


def test_ranking_is_sorted_and_at_most_five(model: NLUModel) -> None:
    ranking = model.parse("koulukuljetus").ranking
    assert 1 <= len(ranking) <= 5
    assert [r.confidence for r in ranking] == sorted((r.confidence for r in ranking), reverse=True)


def test_explanation_names_words_of_the_message(model: NLUModel) -> None:
    result = model.parse("pysäköintiluvan hinta")
    intent_features = [e.feature for e in result.explanation if e.target == "intent"]
    team_features = [e.feature for e in result.explanation if e.target == "team"]
    assert intent_features and team_features
    assert {"pysäköintilupa", "lupa", "pysäköinti", "hinta"} & set(intent_features)


def test_entities_in_parse_result(model: NLUModel) -> None:
    text = "katuvalo rikki Koivukujalla 3, soita 040 123 4567"
    entities = model.parse(text).to_dict()["entities"]
    assert {
        "entity": "phone",
        "value": "040 123 4567",
        "start": 37,
        "end": 49,
        "pii": True,
    } in entities
    assert any(e["entity"] == "address" for e in entities)


@pytest.mark.parametrize(
    "text,previous,expected",
    [
        ("kiitos", None, "fi"),
        ("tack så mycket", None, "sv"),
        ("thank you", None, "en"),
        ("ja", "sv", "sv"),
        ("ok", "sv", "sv"),
        ("ok", "fi", "fi"),
        ("joo", None, "fi"),
        ("hej", None, "sv"),
        ("where can I find the library", "fi", "en"),  # a full sentence overrides the prior
    ],
)
def test_language_identification_with_prior(
    model: NLUModel, text: str, previous: str | None, expected: str
) -> None:
    assert model.parse(text, previous_language=previous).language == expected


def test_save_load_round_trip_and_hot_swap(
    model: NLUModel, models_dir: Path, tmp_path: Path
) -> None:
    model.save(tmp_path / "copy")
    loaded = NLUModel.load(tmp_path / "copy")
    for sample in ("milloin kirjasto on auki", "när är biblioteken öppna", "library hours"):
        assert loaded.parse(sample).to_dict() == model.parse(sample).to_dict()
    text = "milloin kirjasto on auki"
    handle = ModelHandle(model)
    assert handle.swap(loaded) is model
    assert handle.model is loaded
    assert handle.parse(text).intent == model.parse(text).intent


def test_loading_something_else_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        NLUModel.load(tmp_path)


def team_classifier(model: NLUModel, text: str) -> tuple[str, list[str]]:
    """The team classifier's own choice for a Finnish text, and the word features behind it
    (with two intents a confident intent names the team; here the classifier is measured)."""
    parts = model.parts
    row = parts.vectorizer.row(featurize(parts.analyzers["fi"].analyse(text)))
    index = int(np.argmax(parts.teams.proba_row(row)))
    because = parts.teams.explain(row, index, parts.vectorizer.feature_names)
    return parts.teams.classes[index], [name for name, _ in because if not name.startswith("c:")]


def test_team_vocabulary_routes_words_no_intent_has(small_content: Path) -> None:
    """A domain word that no example contains still reaches its team through the team's
    vocabulary, and only the team classifier learns from it (no intent is invented)."""
    content = load_valid_content(small_content)
    words = ["kouluruokalista", "oppilaskunta", "lukujärjestys", "välitunti", "opettaja"]
    vocabulary = [TeamExample(w, "opetus", "fi") for w in words] + [
        TeamExample(w, "kadut_liikenne", "fi") for w in ["asfaltti", "liikennevalo", "suojatie"]
    ]
    examples, intents = content.training_examples(), content.intent_infos()
    taught = NLUModel.train(examples, intents, vocabulary=vocabulary)
    plain = NLUModel.train(examples, intents)
    for text, team in [("välitunti", "opetus"), ("suojatie", "kadut_liikenne")]:
        chosen, because = team_classifier(taught, text)
        assert chosen == team
        assert any(feature[2:] in text for feature in because)
        assert not any(feature[2:] in text for feature in team_classifier(plain, text)[1])
    assert taught.parts.intents.classes == plain.parts.intents.classes
    assert taught.meta["vocabulary"] == {"fi": 8, "sv": 0, "en": 0}


@pytest.mark.parametrize(
    ("text", "sensitive"),
    [
        ("äiti ei enää muista syödä ja eksyy kotimatkalla, en tiedä mitä tehdä", True),
        ("kaaduin viime viikolla ja lonkka on yhä kipeä, tarvitsen apua kotiin", True),
        ("pappa har blivit så glömsk att han inte klarar sig hemma längre", True),
        ("my father cannot manage at home alone anymore after his stroke", True),
        ("terveysaseman aukioloajat", False),
        ("mikä on hammashoitolan puhelinnumero", False),
        ("när har hälsostationen öppet", False),
        ("milloin roska-auto tulee", False),
    ],
)
def test_a_persons_care_situation_in_own_words_is_sensitive(
    model: NLUModel, text: str, sensitive: bool
) -> None:
    assert model.parse(text).sensitive is sensitive
