"""Content as a document (content/document.py) and as a folder again (content/export.py)."""

from __future__ import annotations

import copy
from pathlib import Path

from content import Content, load_valid_content
from content.document import digest, from_document, intent_of, to_document, training_digest
from content.export import checked, read_folder, write_folder


def test_the_real_content_survives_document_and_folder_unchanged(
    content: Content, tmp_path: Path
) -> None:
    document = to_document(content)
    write_folder(document, tmp_path / "out")
    again, reread = read_folder(tmp_path / "out")
    assert again == document
    assert digest(again) == digest(document)
    assert reread.training_examples() == content.training_examples()
    # The export keeps the layout of data/: the same files, one per team and language.
    source = sorted(p.relative_to(content.root) for p in content.root.rglob("*.yml"))
    exported = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.yml"))
    assert exported == source


def test_a_document_builds_the_same_content_as_its_folder(content: Content) -> None:
    built = from_document(to_document(content), "version 1")
    assert built.training_examples() == content.training_examples()
    assert built.team_examples() == content.team_examples()
    assert built.intent_infos() == content.intent_infos()
    assert built.teams == content.teams and built.municipality == content.municipality
    for name, intent in content.intents.items():
        other = built.intents[name]
        assert (other.answers, other.title, other.prompt, other.slots) == (
            intent.answers,
            intent.title,
            intent.prompt,
            intent.slots,
        )


def test_problems_of_a_document_name_the_file_and_line_of_its_export(content: Content) -> None:
    document = copy.deepcopy(to_document(content))
    intent = intent_of(document, "opetus_koulukuljetus") or document["intents"][5]
    intent["answers"]["sv"] = "Ring {no_such_number}."
    found = checked(document, "draft")
    errors = [str(p) for p in found.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"draft: sv/{intent['file']}.yml:")
    assert "unknown placeholder {no_such_number}" in errors[0]
    line = int(errors[0].split(":")[2])
    assert line > 1


def test_answers_and_titles_do_not_change_what_the_model_learns(content: Content) -> None:
    document = to_document(content)
    edited = copy.deepcopy(document)
    edited["intents"][3]["answers"]["fi"] = "Uusi vastaus."
    edited["intents"][3]["title"]["en"] = "A new title"
    assert digest(edited) != digest(document)
    assert training_digest(edited) == training_digest(document)
    edited["intents"][3]["examples"]["fi"].append("aivan uusi esimerkkikysymys")
    assert training_digest(edited) != training_digest(document)


def test_a_small_folder_round_trips_too(small_content: Path, tmp_path: Path) -> None:
    document = to_document(load_valid_content(small_content))
    write_folder(document, tmp_path / "copy")
    assert read_folder(tmp_path / "copy")[0] == document
