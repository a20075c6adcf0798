"""Fixtures shared by every test package: data locations, store backends, the CLI."""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import create_engine, make_url, text

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
ESCO_V111 = SHARED_DATA / "esco" / "v1.1.1"
SKILL_LABELS = SHARED_DATA / "esco" / "v1.0.x-skill-labels"  # fr and es skill labels (v1.0.x)
FULL_SOURCES = [
    ESCO_V111,
    SHARED_DATA / "esco" / "v1.2.0" / "de",
    SHARED_DATA / "esco" / "v1.2.0" / "es",
    SKILL_LABELS,
]
POSTGRES_URL = os.environ.get("WILLAI_TEST_POSTGRES_URL")

pytest_plugins = ["tests.fake_discord.plugin"]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than there are cores.

    A good part of the suite waits rather than computes (child processes, sockets, time-outs
    of the fault tests), and the extra worker fills those waits.
    """
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip full-data tests, with a reason, where ../shared/data is not laid beside the repo."""
    if ESCO_V111.is_dir():
        return
    skip = pytest.mark.skip(reason=f"shared ESCO data not found at {SHARED_DATA}")
    for item in items:
        if "full_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _started_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start every worker in a folder of the run, not the checkout.

    `_isolated_settings` moves each test into its own folder, but a module or session fixture
    is set up before it, in the folder pytest started in: a relative default there (CACHE_DIR
    is ./data/cache) wrote into the checkout (tests/bot/test_fuzz.py did).
    """
    os.chdir(tmp_path_factory.mktemp("started-here"))


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the developer's .env or environment: every test states its settings."""
    for key in list(os.environ):
        if key in {
            "DATABASE_URL",
            "ESCO_SOURCE",
            "DISCORD_TOKEN",
            "ESCO_LANGUAGES",
            "OWNER_IDS",
            "DEV_GUILD_ID",
            "SHARD_COUNT",
            "SHARD_IDS",
            "SHARD_PROCESSES",
            "CACHE_DIR",
            "ESCO_API_URL",
            "ESCO_API_RETRIES",
            "LOG_LEVEL",
        }:
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    from willai.settings import get_settings

    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _bot_heap_left_to_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process bots here do not settle their heap (`bot.client.settle_heap`).

    A bot settles its heap once per release: one full collection of its own few hundred MB.
    In a test worker the heap holds every fixture the worker has built, so that collection
    took ~0.26 s at each of ~140 in-process bot starts (~39 s of CPU per run, measured with
    a gc callback). What settling does is tested on its own (tests/bot/test_heap.py), and the
    shard-process tests run it in real bot processes.
    """
    client = sys.modules.get("bot.client")  # a test that starts a bot has imported it
    if client is not None:
        monkeypatch.setattr(client, "settle_heap", _leave_the_heap)


def _leave_the_heap(*, keep_frozen: bool = False) -> None:
    del keep_frozen


def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory all xdist workers of this run see: the parent of each worker's basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold ``lock`` against the other workers of this run (released if the holder dies)."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database of this worker's own, dropped at the end of the session.

    Schemas alone do not keep xdist workers (or two runs at once) apart: NOTIFY channels and
    the importer's advisory lock are database-wide, so a bot under test would hear another
    worker's changes and imports would queue behind another worker's.
    """
    if not POSTGRES_URL:
        pytest.skip("WILLAI_TEST_POSTGRES_URL is not set")
    base = make_url(POSTGRES_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{base.database}_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield base.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _postgres_schema_url(base: str) -> Iterator[str]:
    """A throw-away schema per test, so PostgreSQL tests never see each other's rows."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each store test runs on SQLite, and on PostgreSQL when WILLAI_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    if not POSTGRES_URL:
        pytest.skip("WILLAI_TEST_POSTGRES_URL is not set")
    yield from _postgres_schema_url(request.getfixturevalue("postgres_url"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


FULL_LABELS = "labels.marshal"
"""Beside the full store: the rows its import handed out for the match index (`LoadedLabels`)."""


@pytest.fixture(scope="session")
def full_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The full shared ESCO data (en, fr, de, es; fr/es skill labels) in SQLite, imported once.

    Once per run, not per xdist worker: the first worker to need it imports it under a lock
    (a few seconds), the others wait for it and read the same file.
    """
    if not ESCO_V111.is_dir():
        pytest.skip(f"shared ESCO data not found at {SHARED_DATA}")
    from db.engine import make_engine
    from db.importer import LoadedLabels, import_bundle
    from db.sources import gather_bundle

    root = shared_dir(tmp_path_factory) / "full"
    path = root / "full.sqlite"
    url = f"sqlite:///{path}"
    with exclusive(root.with_suffix(".lock")):
        if not (root / "imported").is_file():
            shutil.rmtree(root, ignore_errors=True)  # what a worker that died mid-import left
            root.mkdir()
            bundle = gather_bundle([str(p) for p in FULL_SOURCES], root)
            handed_out: list[LoadedLabels] = []
            import_bundle(make_engine(url), bundle, labels_loaded=handed_out.append)
            (loaded,) = handed_out
            with (root / FULL_LABELS).open("wb") as out:
                marshal.dump((loaded.occupations, loaded.labels), out)
            (root / "imported").touch()
    return url


@pytest.fixture(scope="session")
def full_store(full_store_url: str):
    from db.store import Store

    return Store.from_url(full_store_url)


@pytest.fixture(scope="session")
def full_cache(full_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One CACHE_DIR for every test reading the full store: the index (~2.5 s to lay out) is
    laid out once per run, by the first xdist worker to need it, not by each test or worker."""
    from db.store import Store
    from willai.service import AnswerService

    cache = shared_dir(tmp_path_factory) / "full-cache"
    with exclusive(cache.with_suffix(".lock")):
        if not (cache / "laid-out").is_file():
            cache.mkdir(exist_ok=True)
            AnswerService.load(Store.from_url(full_store_url), cache_dir=cache)
            (cache / "laid-out").touch()
    return cache


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 300,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real `willai` command in a subprocess, as a user would (``stdin``: piped in)."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ESCO_SOURCE", "DISCORD_TOKEN"}
    }
    environment |= {"PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "200"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "willai", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


class Cli(Protocol):
    """The `cli` fixture: `willai ARGS` in this process, answered like :func:`run_cli`."""

    def __call__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]: ...


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `willai` in this process through typer's CliRunner: same app, same exit statuses.

    Starting an interpreter per call costs about a second; this costs the command. Each call
    sees only its own ``env`` and ``cwd`` (as a subprocess would) and reads settings afresh.
    Known failures still come out as one line on stderr (the app's own handling); anything
    else is raised here, since a user would have seen a traceback. What only a real process
    shows (stdio encoding, log lines on stderr, signals) stays with :func:`run_cli`.
    """
    from typer.testing import CliRunner

    from willai.cli import app
    from willai.settings import get_settings

    def invoke(
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        with monkeypatch.context() as scoped:
            for key, value in ({"NO_COLOR": "1", "COLUMNS": "200"} | (env or {})).items():
                scoped.setenv(key, value)
            if cwd is not None:
                scoped.chdir(cwd)
            get_settings.cache_clear()
            try:
                result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)
            finally:
                get_settings.cache_clear()
        return subprocess.CompletedProcess(
            ["willai", *args], result.exit_code, result.stdout, result.stderr
        )

    return invoke
