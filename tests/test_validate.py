"""`kuntabotti data validate`: every kind of content problem, named with file and line."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main
from content import validate


def problems(root: Path) -> list[str]:
    return [str(p) for p in validate(root).errors]


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
