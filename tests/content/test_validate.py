"""`kuntabotti data validate`: every kind of content problem, named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from content import validate
from kuntabotti.cli import main

TITLES = {"fi": "Katuvalo ei pala", "sv": "Gatubelysningen lyser inte", "en": "Street light out"}


@pytest.fixture
def small_content(small_content: Path) -> Path:
    """The shared small content with known titles and prompts (whatever tests/conftest.py
    writes), so the tests below can take them out one at a time."""
    for lang, title in TITLES.items():
        path = small_content / lang / "teams.yml"
        lines = path.read_text().splitlines(keepends=True)
        kept = "".join(x for x in lines if not x.startswith(("    title:", "    prompt:")))
        path.write_text(
            kept.replace(
                "    kind: faq\n", f"    kind: faq\n    title: Koulukuljetus {lang}\n"
            ).replace(
                "    kind: case\n",
                f"    kind: case\n    title: {title}\n    prompt: Missä valo on? ({lang})\n",
            )
        )
    return small_content


def problems(root: Path) -> list[str]:
    return [str(p) for p in validate(root).errors]


def intent_line(path: Path, name: str) -> int:
    return path.read_text().splitlines().index(f"- intent: {name}") + 1


def test_small_content_is_valid(small_content: Path) -> None:
    assert problems(small_content) == []


def test_schema_error_names_file_and_line(small_content: Path) -> None:
    path = small_content / "fi" / "teams.yml"
    path.write_text(path.read_text().replace("kind: case", "kind: question"))
    [error] = problems(small_content)
    line = path.read_text().splitlines().index("    kind: question") + 1
    assert error.startswith(f"{path}:{line}:")
    assert "'question' is not one of" in error


def test_yaml_syntax_error_names_line(small_content: Path) -> None:
    path = small_content / "sv" / "teams.yml"
    path.write_text(path.read_text() + "  broken: [unclosed\n")
    [error] = problems(small_content)
    assert error.startswith(f"{path}:")
    assert "YAML syntax" in error


def test_example_under_two_intents(small_content: Path) -> None:
    path = small_content / "en" / "teams.yml"
    path.write_text(path.read_text().replace("katuvalo rikki en 3", "koulukuljetus kysymys en 1"))
    [error] = problems(small_content)
    assert (
        "'koulukuljetus kysymys en 1' is listed under 'opetus_koulukuljetus' and "
        "'kadut_liikenne_katuvalo'" in error
    )
    line = path.read_text().splitlines().index("    - koulukuljetus kysymys en 1", 10) + 1
    assert error.startswith(f"{path}:{line}:")


def test_intent_missing_in_a_language(small_content: Path) -> None:
    path = small_content / "sv" / "teams.yml"
    text = path.read_text()
    cut = text.index("- intent: kadut_liikenne_katuvalo")
    path.write_text(
        text[:cut]
        + text[text.index("responses:") :].replace(
            '  utter_kadut_liikenne_katuvalo:\n  - text: "Valo {city}"\n', ""
        )
    )
    fi_file = small_content / "fi" / "teams.yml"
    line = fi_file.read_text().splitlines().index("- intent: kadut_liikenne_katuvalo") + 1
    assert problems(small_content) == [
        f"{fi_file}:{line}: error: intent 'kadut_liikenne_katuvalo' is missing in 'sv'"
    ]


def test_missing_answer_and_unknown_placeholder(small_content: Path) -> None:
    path = small_content / "en" / "teams.yml"
    path.write_text(
        path.read_text()
        .replace('  utter_kadut_liikenne_katuvalo:\n  - text: "Valo {city}"\n', "")
        .replace("{team_phone}", "{team_fax}")
    )
    errors = problems(small_content)
    assert len(errors) == 2
    assert "has no answer utter_kadut_liikenne_katuvalo in 'en'" in errors[0] + errors[1]
    assert "unknown placeholder {team_fax}" in errors[0] + errors[1]


def test_unknown_team_id(small_content: Path) -> None:
    for lang in ("fi", "sv", "en"):
        path = small_content / lang / "teams.yml"
        path.write_text(path.read_text().replace("team: opetus", "team: koulutoimi"))
    [error] = problems(small_content)
    assert "unknown team id 'koulutoimi'" in error


def test_cli_validate_exit_codes(small_content: Path, capsys) -> None:
    assert main(["data", "validate", "--data", str(small_content)]) == 0
    assert "2 intents, 15 teams" in capsys.readouterr().out
    (small_content / "teams.yml").write_text("teams: [{id: x}]\n")
    assert main(["data", "validate", "--data", str(small_content)]) == 1
    assert "teams.yml:1: error: teams/0: 'name' is a required property" in capsys.readouterr().out


def test_intent_without_a_title_names_file_and_line(small_content: Path) -> None:
    path = small_content / "sv" / "teams.yml"
    path.write_text(path.read_text().replace("    title: Gatubelysningen lyser inte\n", ""))
    line = intent_line(path, "kadut_liikenne_katuvalo")
    assert problems(small_content) == [
        f"{path}:{line}: error: intent 'kadut_liikenne_katuvalo' has no title in 'sv'"
    ]


def test_case_without_a_prompt_names_file_and_line(small_content: Path) -> None:
    path = small_content / "en" / "teams.yml"
    path.write_text(path.read_text().replace("    prompt: Missä valo on? (en)\n", ""))
    line = intent_line(path, "kadut_liikenne_katuvalo")
    assert problems(small_content) == [
        f"{path}:{line}: error: case intent 'kadut_liikenne_katuvalo' has no prompt in 'en'"
    ]


def test_prompt_only_on_cases(small_content: Path) -> None:
    path = small_content / "fi" / "teams.yml"
    path.write_text(
        path.read_text().replace(
            "title: Koulukuljetus fi\n", "title: Koulukuljetus fi\n    prompt: Mitä?\n"
        )
    )
    [error] = problems(small_content)
    assert error.startswith(f"{path}:{intent_line(path, 'opetus_koulukuljetus')}:")
    assert "has a prompt but only cases ask one" in error


def test_title_too_long_names_its_line(small_content: Path) -> None:
    path = small_content / "fi" / "teams.yml"
    path.write_text(path.read_text().replace("Katuvalo ei pala", "Katuvalo " + "x" * 60))
    [error] = problems(small_content)
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "Katuvalo x" in t)
    assert error.startswith(f"{path}:{line}:")
    assert "nlu/1/metadata/title" in error and "is too long" in error


@pytest.mark.parametrize(
    ("title", "flaw"),
    [
        ("Katuvalo ei pala.", "has a full stop or spaces at an end"),
        ("katuvalo ei pala", "should start with a capital letter"),
        ("Kadut_liikenne_katuvalo", "looks like an identifier"),
        ("Koulukuljetus en", "is also the title of 'opetus_koulukuljetus'"),
    ],
)
def test_title_that_staff_could_not_use(small_content: Path, title: str, flaw: str) -> None:
    path = small_content / "en" / "teams.yml"
    path.write_text(path.read_text().replace("Street light out", title))
    [error] = problems(small_content)
    assert error.startswith(f"{path}:{intent_line(path, 'kadut_liikenne_katuvalo')}:")
    assert flaw in error


def test_team_vocabulary_is_read_and_its_team_checked(small_content: Path) -> None:
    folder = small_content / "vocabulary"
    folder.mkdir()
    (folder / "opetus.yml").write_text(
        "team: opetus\nfi:\n  - koulukyyti\nsv:\n  - skolskjuts\nen:\n  - school bus\n"
    )
    content = validate(small_content)
    assert not content.errors
    assert [(e.text, e.team, e.language) for e in content.team_examples()] == [
        ("koulukyyti", "opetus", "fi"),
        ("skolskjuts", "opetus", "sv"),
        ("school bus", "opetus", "en"),
    ]
    assert folder / "opetus.yml" in content.files  # a change retrains the model
    (folder / "opetus.yml").write_text(
        "team: koulutoimi\nfi: [koulukyyti, oppilas]\nsv: []\nen: []\n"
    )
    (folder / "other.yml").write_text("team: katutoimi\nfi: []\nsv: [gata]\nen: [street]\n")
    first, second = problems(small_content)  # one per file, however many words it has
    assert "opetus.yml:2: error: vocabulary of unknown team id 'koulutoimi'" in first
    assert "other.yml:3: error: vocabulary of unknown team id 'katutoimi'" in second
    (folder / "other.yml").unlink()
    (folder / "opetus.yml").write_text("team: opetus\nfi: koulukyyti\nsv: []\nen: []\n")
    [error] = problems(small_content)
    assert "opetus.yml:2: error: fi: 'koulukyyti' is not of type 'array'" in error


def test_a_page_with_an_unknown_placeholder_is_refused(small_content: Path) -> None:
    path = small_content / "municipality.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("contact {city_email}", "contact {nobody}"),
        encoding="utf-8",
    )
    messages = [p.message for p in validate(small_content).errors]
    assert messages == ["page 'privacy' (en) uses unknown placeholder {nobody}"]
