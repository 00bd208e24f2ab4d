"""The spaCy components, each alone and as the declarative pipeline wires them."""

import spacy

from nlu.components import compound_parts
from nlu.config import DEFAULT_PIPELINES
from nlu.features import featurize, fold
from nlu.pipelines import build_pipeline


def test_compound_parts_fold_derivational_suffixes_into_the_part() -> None:
    assert compound_parts("+pysäköi(pysäköidä)+nti(+ti)+lupa(lupa)") == ("pysäköinti", "lupa")
    assert compound_parts("+päivä(päivä)+koti(koti)+paikka(paikka)") == ("päivä", "koti", "paikka")
    assert compound_parts("+miten(miten)") == ()


def test_voikko_lemmatizes_inflected_compounds() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("voikko_lemmatizer")
    doc = nlp("Haen pysäköintiluvan ja päiväkotipaikkaa uimahallin vierestä")
    lemmas = {t.text: (t.lemma_, t._.parts) for t in doc}
    assert lemmas["pysäköintiluvan"] == ("pysäköintilupa", ("pysäköinti", "lupa"))
    assert lemmas["päiväkotipaikkaa"] == ("päiväkotipaikka", ("päivä", "koti", "paikka"))
    assert lemmas["uimahallin"][0] == "uimahalli"
    assert lemmas["Haen"][0] == "hakea"


def test_unknown_finnish_word_keeps_its_lowercase_form() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("voikko_lemmatizer")
    assert [t.lemma_ for t in nlp("Xyzzyä")] == ["xyzzyä"]


def test_simplemma_lemmatizer_for_swedish_and_english() -> None:
    sv = spacy.blank("sv")
    sv.add_pipe("simplemma_lemmatizer", config={"lang": "sv"})
    assert [t.lemma_ for t in sv("barnen ansöker")] == ["barn", "ansöka"]
    en = spacy.blank("en")
    en.add_pipe("simplemma_lemmatizer", config={"lang": "en"})
    assert [t.lemma_ for t in en("swimming halls")] == ["swim", "hall"]


def test_rule_entities_component_sets_ents_with_pii_flag() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("rule_entities")
    doc = nlp("soita 040 123 4567 tai tule Koivukuja 3")
    assert [(e.label_, e.text, e._.pii) for e in doc.ents] == [
        ("phone", "040 123 4567", True),
        ("address", "Koivukuja 3", False),
    ]


def test_declarative_pipelines_build_for_every_language() -> None:
    for lang, pipes in DEFAULT_PIPELINES.items():
        nlp = build_pipeline(lang, pipes)
        assert nlp.pipe_names == [name for name, _ in pipes]


def test_features_use_lemmas_parts_and_hide_entity_values() -> None:
    nlp = build_pipeline("fi", DEFAULT_PIPELINES["fi"])
    features = featurize(nlp("pysäköintiluvan hinta, soita 040 123 4567"))
    assert "l:pysäköintilupa" in features.words
    assert "p:lupa" in features.words
    assert "e:phone" in features.words
    assert "123" not in features.chars and "4567" not in " ".join(features.words)


def test_fold_joins_spellings_without_diacritics() -> None:
    assert fold("päivähoito") == fold("paivahoito") == "paivahoito"


def test_restricted_lemma_table_keeps_only_known_lemmas() -> None:
    """A trained model keeps the lexicon entries leading to lemmas it knows (memory)."""
    sv = spacy.blank("sv")
    lemmatizer = sv.add_pipe("simplemma_lemmatizer", config={"lang": "sv"})
    assert [t.lemma_ for t in sv("barnen simhallar")] == ["barn", "simhall"]
    table = lemmatizer.restrict_to({"barn"})
    assert table["barnen"] == "barn"
    assert set(table.values()) == {"barn"}
    assert [t.lemma_ for t in sv("barnen simhallar")] == ["barn", "simhallar"]
