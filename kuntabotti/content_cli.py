"""`kuntabotti content export|import|versions|publish|rollback`: content versions from the
command line, for city IT and for a city that keeps its content in git.

The same versions the communications team works with in the console: `export` writes one
as a folder in the layout of `data/` (Rasa 3.x YAML), `import` makes a draft of a folder
(or publishes it at once), and a running server installs whatever is published within
seconds (bot.live_content).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from actions import content_work
from actions.sla import HELSINKI
from content.document import Document, validated
from content.export import content_of, read_folder, write_folder
from content.model_store import train_model
from kuntabotti.settings import in_store
from taskstore import versions


def add_content_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    content = sub.add_parser("content", help="content versions").add_subparsers(
        title="content commands"
    )
    export = content.add_parser(
        "export",
        help="write a version as a content folder",
        description="Write the live version (or --version N) as teams.yml, municipality.yml, "
        "<lang>/*.yml and vocabulary/*.yml: Rasa 3.x YAML, the layout of data/.",
    )
    export.add_argument("folder", type=Path, help="where to write (created if missing)")
    export.add_argument("--version", type=int, help="a version number (default: the live one)")
    _store_option(export)
    export.set_defaults(run=_export)

    imported = content.add_parser(
        "import",
        help="make a draft (or, with --publish, a version) of a content folder",
        description="Read FOLDER (the layout of data/), list its problems with file and line, "
        "and make a draft of it for the console, or with --publish train its model and "
        "publish it as the next version.",
    )
    imported.add_argument("folder", type=Path, help="a content folder")
    imported.add_argument("--note", default="", help="what changed, for the version list")
    imported.add_argument("--publish", action="store_true", help="publish at once")
    imported.add_argument("--models", type=Path, default=Path("models"), help="models folder")
    _store_option(imported)
    imported.set_defaults(run=_import)

    listing = content.add_parser("versions", help="published versions, newest first")
    _store_option(listing)
    listing.set_defaults(run=_versions)

    back = content.add_parser(
        "rollback",
        help="publish an earlier version again",
        description="Version N's content becomes the next version (its model is trained "
        "first if it is not in the models folder).",
    )
    back.add_argument("number", type=int, help="the version to go back to")
    back.add_argument("--note", default="", help="why, for the version list")
    back.add_argument("--models", type=Path, default=Path("models"), help="models folder")
    _store_option(back)
    back.set_defaults(run=_rollback)


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="overrides DATABASE_URL")


def _document(args: argparse.Namespace, number: int | None) -> tuple[int, Document]:
    async def read(session: AsyncSession) -> tuple[int, Document]:
        row = await (
            versions.live(session) if number is None else versions.version(session, number)
        )
        if row is None or row.number is None:
            raise ValueError(
                "no such version"
                if number is not None
                else "no content version yet: "
                "`kuntabotti run` or `kuntabotti content import FOLDER --publish` makes one"
            )
        return row.number, validated(row.document)

    return in_store(args.database_url, read)


def _export(args: argparse.Namespace) -> int:
    number, document = _document(args, args.version)
    written = write_folder(document, args.folder)
    print(f"version {number} written to {args.folder} ({len(written)} files)")
    return 0


def _train(document: Document, models: Path, label: str) -> None:
    target, seconds = train_model(content_of(document, label), models, if_needed=True)
    print(f"model {target.name} " + ("ready" if seconds is None else f"trained in {seconds:.0f} s"))


def _import(args: argparse.Namespace) -> int:
    document, content = read_folder(args.folder)
    for problem in content.problems:  # warnings only: errors raised ContentInvalid
        print(problem)
    if args.publish:
        _train(document, args.models, str(args.folder))

        async def publish(session: AsyncSession) -> int:
            row = await content_work.publish_document(
                session, document, source="import", note=args.note, by=None
            )
            assert row.number is not None
            return row.number

        print(f"published as version {in_store(args.database_url, publish)}")
        return 0

    async def draft(session: AsyncSession) -> int:
        row = await content_work.open_draft(session, None, args.note, document)
        return row.id

    print(f"draft {in_store(args.database_url, draft)} made: review and publish it in the console")
    return 0


def _versions(args: argparse.Namespace) -> int:
    async def read(session: AsyncSession) -> list[tuple[int, str, str, str, str]]:
        return [
            (
                row.number or 0,
                f"{(row.published_at or row.created_at).astimezone(HELSINKI):%Y-%m-%d %H:%M}",
                row.source,
                row.digest,
                row.note,
            )
            for row in await versions.history(session)
        ]

    for number, when, source, fingerprint, note in in_store(args.database_url, read):
        print(f"{number}\t{when}\t{source}\t{fingerprint}\t{note}")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    number, document = _document(args, args.number)
    _train(document, args.models, f"version {number}")

    async def back(session: AsyncSession) -> int:
        row = await content_work.roll_back(session, number, None, args.note)
        assert row.number is not None
        return row.number

    print(f"version {number} published again as version {in_store(args.database_url, back)}")
    return 0
