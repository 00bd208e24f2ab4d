"""A throwaway PostgreSQL cluster for the tests (pytest plugin, loaded from conftest.py).

`postgres_url` starts one cluster per test session: initdb into a temporary folder, listening
on 127.0.0.1 only, on a free port, with trust authentication (nobody else can reach it) and
fsync off. `pg_database_url` gives each test a fresh empty database on it, and `store_url`
runs a test once on SQLite and once on PostgreSQL; `db` is that store migrated, with the
teams of the shipped content. The server's time zone is Europe/Helsinki,
so code that leans on the server's zone instead of UTC shows up in the tests.

Without PostgreSQL's binaries the PostgreSQL tests are skipped, except under CI=true, where a
missing PostgreSQL is an error: CI must never skip them silently.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from content import Content
from taskstore import Database, store

PG_USER = "postgres"  # both the superuser inside the cluster and, as root, the OS user
TEST_DB = "kuntabotti_test"


@dataclass(frozen=True)
class Cluster:
    bin: Path
    root: Path
    host: str
    port: int

    def url(self, database: str) -> str:
        return f"postgresql://{PG_USER}@{self.host}:{self.port}/{database}"

    def sql(self, statement: str) -> None:
        """Run one statement as the superuser on the maintenance database."""
        psql = [str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres"]
        server = ["-h", self.host, "-p", str(self.port), "-U", PG_USER]
        _run([*psql, *server, "-c", statement], self.root, "psql")


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


def _find_bin() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin (Debian), else initdb on PATH."""

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path))

    candidates = [
        Path(p).parent
        for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")
        if os.access(p, os.X_OK)
    ]
    if candidates:
        return max(candidates, key=lambda p: version(str(p)))
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _runner(root: Path) -> list[str]:
    """PostgreSQL refuses to run as root: then run its tools as the postgres system user."""
    if os.getuid() != 0:
        return []
    try:
        user = pwd.getpwnam(PG_USER)
    except KeyError:
        _unavailable(f"running as root and there is no {PG_USER!r} system user to run it as")
    os.chown(root, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", PG_USER, "--"]


def _run(command: list[str], root: Path, what: str) -> None:
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        log = root / "postgres.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(
            f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{tail}"
        )


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    bindir = _find_bin()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _unavailable("no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH")
    root = Path(tempfile.mkdtemp(prefix="kuntabotti-pg-"))
    data, log = root / "data", root / "postgres.log"
    started = False
    try:
        as_pg = _runner(root)

        def tool(name: str, *args: str) -> list[str]:
            return [*as_pg, str(bindir / name), *args]

        initdb = ["-U", PG_USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
        _run(tool("initdb", "-D", str(data), *initdb), root, "initdb")
        for attempt in range(5):  # the port may be taken between finding and binding it
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{root}' "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=100 -c TimeZone=Europe/Helsinki"
            )
            start = tool("pg_ctl", "start", "-w", "-t", "60", "-D", str(data), "-l", str(log))
            try:
                _run([*start, "-o", options], root, "pg_ctl start")
                break
            except RuntimeError:
                if attempt == 4:
                    raise
        started = True
        cluster = Cluster(bindir, root, "127.0.0.1", port)
        cluster.sql(f"CREATE DATABASE {TEST_DB}")
        yield cluster
    finally:
        if started:
            stop = tool("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(data))
            subprocess.run(stop, cwd=root, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_cluster: Cluster) -> str:
    """postgresql://postgres@127.0.0.1:PORT/kuntabotti_test on the session's cluster."""
    return postgres_cluster.url(TEST_DB)


@pytest.fixture
def pg_database_url(postgres_cluster: Cluster) -> Iterator[str]:
    """A fresh, empty database for one test, dropped afterwards."""
    name = f"kb_{uuid.uuid4().hex[:16]}"
    postgres_cluster.sql(f"CREATE DATABASE {name}")
    try:
        yield postgres_cluster.url(name)
    finally:
        postgres_cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL on each backend; PostgreSQL starts only when a test needs it."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_database_url"))


@pytest.fixture
async def db(store_url: str, content: Content) -> AsyncIterator[Database]:
    database = Database(store_url)
    await database.migrate()
    async with database.transaction() as session:
        await store.sync_teams(session, content.teams.values())
    yield database
    await database.close()
