"""Pictures of kuntabotti for the README and for a city deciding on it: docs/screenshots/.

    .venv/bin/python -m scripts.screenshots [--out docs/screenshots] [--models models]

Starts a real server on a loopback port with a throwaway SQLite store, fills it with demo
data through the real Runtime (staff accounts; residents asking, reporting and queueing),
and drives Debian's Chromium headless (Playwright; no browser is downloaded) through every
state of the web chat widget at 390 px and 1280 px and every console page at 1280 px.

The store's clock starts on a Monday at 10:00 in Helsinki, so teams are in office hours
and a resident asking for a person waits in the queue, whenever the script is run. The
dialogue keeps changing: the walks press whatever button leads on, and a state that
cannot be reached is reported and skipped, not fatal. The demo store is filled in
scripts/screenshots_demo.py, the server and camera are in scripts/screenshots_setup.py, the
pictures in scripts/screenshots_widget.py and scripts/screenshots_console.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.screenshots_console import console_pictures
from scripts.screenshots_demo import add_people, clarifying_text, demo_conversations
from scripts.screenshots_setup import CHROMIUM, ROOT, Camera, running
from scripts.screenshots_widget import widget_pictures


def take_pictures(database_url: str, models: Path, camera: Camera) -> None:
    with running(database_url, models) as server:
        runtime = server.runtime
        server.call(add_people(runtime))
        server.call(demo_conversations(runtime))
        clarify = server.call(clarifying_text(runtime))
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
            try:
                widget_pictures(browser, server, camera, clarify)
                console_pictures(browser, server, camera)
            finally:
                browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kuntabotti-shots-") as tmp:
        camera = Camera(args.out)
        take_pictures(f"sqlite:///{Path(tmp) / 'demo.db'}", args.models, camera)
    print(f"{len(camera.saved)} pictures in {args.out}")
    for missed in camera.missed:
        print(f"not taken: {missed}", file=sys.stderr)
    return 1 if camera.missed else 0


if __name__ == "__main__":
    sys.exit(main())
