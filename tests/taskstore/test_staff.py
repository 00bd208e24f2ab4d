"""Staff accounts: argon2 hashes, roles and teams, and the `kuntabotti staff` commands."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from content import Content
from kuntabotti.cli import main
from taskstore import Database, store
from taskstore.staff import StaffError, add_staff, hash_password, list_staff, verify_password
from tests.conftest import DATA

PASSWORD = "kolme sanaa ja numero 7"


def test_password_hash_is_argon2id_and_verifies() -> None:
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD) == (True, False)
    assert verify_password(hashed, PASSWORD + "x") == (False, False)
    assert verify_password("not a hash", PASSWORD) == (False, False)
    with pytest.raises(StaffError, match="at least 12"):
        hash_password("short")


async def test_accounts_need_known_teams_and_unique_names(store_url: str, content: Content) -> None:
    db = Database(store_url)
    await db.migrate()
    try:
        async with db.transaction() as session:
            await store.sync_teams(session, content.teams.values())
            await add_staff(session, "liisa.virtanen", "Liisa", PASSWORD, "agent", ["opetus"])
            await add_staff(session, "admin", "Admin", PASSWORD, "admin", [])
        for bad, message in (
            (("liisa.virtanen", "Liisa", PASSWORD, "agent", ["opetus"]), "already"),
            (("pekka", "Pekka", PASSWORD, "agent", ["no_such_team"]), "unknown team"),
            (("pekka", "Pekka", PASSWORD, "agent", []), "at least one team"),
            (("pekka", "Pekka", PASSWORD, "boss", ["opetus"]), "role must be"),
            (("pekka virtanen", "Pekka", PASSWORD, "agent", ["opetus"]), "username"),
        ):
            with pytest.raises(StaffError, match=message):
                async with db.transaction() as session:
                    await add_staff(session, *bad)  # type: ignore[arg-type]
        async with db.transaction() as session:
            accounts = await list_staff(session)
        assert [(a.username, a.role, a.teams) for a in accounts] == [
            ("admin", "admin", ()),
            ("liisa.virtanen", "agent", ("opetus",)),
        ]
    finally:
        await db.close()


def test_staff_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--database-url", f"sqlite:///{tmp_path / 'staff.db'}"]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    add = ["staff", "add", "matti", "--name", "Matti Meikäläinen", "--team", "kadut_liikenne"]
    assert main([*add, "--team", "vesihuolto", "--role", "lead", "--data", str(DATA), *url]) == 0
    assert main(["staff", "disable", "matti", *url]) == 0
    assert main(["staff", "disable", "nobody", *url]) == 1
    assert main(["staff", "list", *url]) == 0
    out, err = capsys.readouterr()
    assert "matti\tMatti Meikäläinen\tlead\tkadut_liikenne,vesihuolto\tdisabled" in out
    assert "no staff account 'nobody'" in err
