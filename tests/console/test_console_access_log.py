"""The access log page (console/admin_access.py): what staff opened is listed for admins,
filtered by person and target, downloadable as CSV (which is logged too); others get 403."""

from __future__ import annotations

import csv
import io

from tests.helpers.console_kit import GENERAL, Console


def test_admins_see_who_opened_what_and_can_download_it(console: Console) -> None:
    ticket = console.ticket(GENERAL, text="Kysymys, jonka Liisa avaa")
    liisa = console.client("liisa")
    assert liisa.get(f"/console/tickets/{ticket.number}").status_code == 200
    assert liisa.get(f"/console/conversations/{ticket.conversation_id}").status_code == 200
    assert liisa.get("/console/admin/access").status_code == 403

    admin = console.client("admin")
    page = admin.get("/console/admin/access").text
    assert "Liisa Virtanen" in page and "opened ticket" in page and ticket.number in page
    assert f'href="/console/conversations/{ticket.conversation_id}"' in page
    assert "Kysymys, jonka Liisa avaa" not in page  # what was opened, never its content
    mine = admin.get("/console/admin/access", params={"target": ticket.number}).text
    assert "1 entries, newest first" in mine and "opened conversation" not in mine

    download = admin.get("/console/admin/access.csv", params={"target": ticket.number})
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["time_utc", "staff", "action", "kind", "target"]
    assert [r[1:] for r in rows[1:]] == [["Liisa Virtanen", "opened", "ticket", ticket.number]]
    assert "downloaded the access log" in admin.get("/console/admin/access").text
