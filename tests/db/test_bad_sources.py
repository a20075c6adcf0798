"""Every unusable source gets one clear line and a non-zero exit, never a traceback.

In process (the `cli` fixture), except one run of the real command end to end.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.bundle_factory import write_bundle, zip_directory
from tests.conftest import Cli, run_cli


def _import(run: Cli, tmp_path: Path, *sources: str) -> tuple[int, str]:
    result = run(
        "data",
        "import",
        *sources,
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
            "CACHE_DIR": str(tmp_path / "cache"),
        },
        cwd=tmp_path,
    )
    return result.returncode, result.stdout + result.stderr


def _assert_clear_failure(code: int, output: str, expected: str) -> None:
    assert code != 0
    assert "Traceback" not in output
    assert expected in output


def test_missing_path(cli: Cli, tmp_path: Path) -> None:
    _assert_clear_failure(
        *_import(cli, tmp_path, str(tmp_path / "nowhere")), "no such file or directory"
    )


def test_file_that_is_not_a_zip(cli: Cli, tmp_path: Path) -> None:
    bogus = tmp_path / "bundle.zip"
    bogus.write_text("not a zip")
    _assert_clear_failure(*_import(cli, tmp_path, str(bogus)), "not a readable zip file")


def test_directory_without_esco_files(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n1,2\n")
    _assert_clear_failure(*_import(cli, tmp_path, str(empty)), "holds no ESCO CSV files")


def test_bundle_missing_a_required_file(cli: Cli, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path)
    (bundle / "relations" / "occupationSkillRelations.csv").unlink()
    _assert_clear_failure(*_import(cli, tmp_path, str(bundle)), "no occupationSkillRelations.csv")


def test_zip_without_esco_files(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "readme.csv").write_text("x\n")
    archive = zip_directory(other, tmp_path / "other.zip")
    _assert_clear_failure(*_import(cli, tmp_path, str(archive)), "holds no ESCO CSV files")


def test_truncated_csv(cli: Cli, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path)
    skills = bundle / "en" / "skills_en.csv"
    content = skills.read_bytes()
    skills.write_bytes(content[: content.index(b"perform backups")])  # the file ends mid-row
    _assert_clear_failure(*_import(cli, tmp_path, str(bundle)), "skills_en.csv, line")


def test_unterminated_quote(cli: Cli, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path)
    occupations = bundle / "en" / "occupations_en.csv"
    occupations.write_text(occupations.read_text() + 'Occupation,"unterminated\n')
    _assert_clear_failure(*_import(cli, tmp_path, str(bundle)), "occupations_en.csv, line")


def test_wrong_columns(cli: Cli, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path)
    (bundle / "en" / "skills_en.csv").write_text("uri,label\nx,y\n")
    _assert_clear_failure(*_import(cli, tmp_path, str(bundle)), "missing column(s) conceptUri")


def test_no_source_and_no_esco_source(cli: Cli, tmp_path: Path) -> None:
    _assert_clear_failure(*_import(cli, tmp_path), "ESCO_SOURCE is not set")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on loopback serving one good zip and a 404."""
    archive = zip_directory(write_bundle(tmp_path / "src"), tmp_path / "served.zip")
    app = web.Application()

    async def serve_zip(_: web.Request) -> web.FileResponse:
        return web.FileResponse(archive)

    app.router.add_get("/esco.zip", serve_zip)
    port = _free_port()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.run_until_complete(runner.cleanup())
    loop.close()


def test_url_of_a_zip_imports(cli: Cli, tmp_path: Path, http_server: str) -> None:
    code, output = _import(cli, tmp_path, f"{http_server}/esco.zip")
    assert code == 0, output
    assert "3 occupations" in output


def test_http_error(cli: Cli, tmp_path: Path, http_server: str) -> None:
    _assert_clear_failure(*_import(cli, tmp_path, f"{http_server}/missing.zip"), "HTTP 404")


def test_unreachable_url(cli: Cli, tmp_path: Path) -> None:
    _assert_clear_failure(
        *_import(cli, tmp_path, f"http://127.0.0.1:{_free_port()}/esco.zip"), "cannot download"
    )


def test_failed_import_keeps_the_serving_release(tmp_path: Path) -> None:
    """The real command, end to end: a bad source fails alone; the serving data stays."""
    good = write_bundle(tmp_path / "good")
    assert _import(run_cli, tmp_path, str(good))[0] == 0
    broken = tmp_path / "broken"
    shutil.copytree(good, broken)
    (broken / "en" / "skills_en.csv").write_text("uri,label\nx,y\n")
    code, output = _import(run_cli, tmp_path, str(broken))
    _assert_clear_failure(code, output, "missing column(s) conceptUri")
    status = run_cli(
        "data",
        "status",
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}"},
        cwd=tmp_path,
    )
    assert re.search(r"occupations\s+3\b", status.stdout)
    assert "failed" in status.stdout
