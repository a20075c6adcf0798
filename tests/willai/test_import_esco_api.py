"""`willai data import esco-api[:VERSION]`: the web service feeds the same atomic import."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle_factory import write_bundle
from tests.conftest import ESCO_V111, run_cli
from tests.fakes.fake_esco_api import FakeEscoApi, build_data

OCCUPATIONS = 12


@pytest.fixture(scope="module")
def esco_api() -> Iterator[FakeEscoApi]:
    """The fake ESCO web service on a real socket, in a thread, for CLI subprocesses."""
    if not ESCO_V111.is_dir():
        pytest.skip("shared ESCO data not found")
    loop = asyncio.new_event_loop()
    fake = FakeEscoApi(build_data(ESCO_V111, OCCUPATIONS))
    loop.run_until_complete(fake.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield fake
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.run_until_complete(fake.stop())
    loop.close()


@pytest.fixture
def esco_api_url(esco_api: FakeEscoApi) -> str:
    return esco_api.base_url


def _env(tmp_path: Path, api_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}",
        "ESCO_API_URL": api_url,
        "CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.mark.full_data
def test_esco_api_source_imports_a_release(tmp_path: Path, esco_api_url: str) -> None:
    env = _env(tmp_path, esco_api_url)
    result = run_cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    status = json.loads(run_cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert (status["release"]["version"], status["counts"]["occupations"]) == (
        "v1.1.1",
        OCCUPATIONS,
    )


@pytest.mark.full_data
def test_esco_source_setting_selects_the_web_service(tmp_path: Path, esco_api_url: str) -> None:
    env = _env(tmp_path, esco_api_url) | {"ESCO_SOURCE": "esco-api:v1.1.1"}
    result = run_cli("data", "import", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{OCCUPATIONS} occupations" in result.stdout


@pytest.mark.full_data
def test_explicit_reimport_asks_the_service_again(tmp_path: Path, esco_api: FakeEscoApi) -> None:
    env = _env(tmp_path, esco_api.base_url)
    assert run_cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path).returncode == 0
    before = len(esco_api.requests)
    again = run_cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(esco_api.requests) - before > OCCUPATIONS // 10  # fetched, not read from cache
    assert "already serving" in again.stdout


def test_unreachable_service_keeps_the_old_release(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/esco/api"
    env = _env(tmp_path, dead)
    assert (
        run_cli("data", "import", str(write_bundle(tmp_path)), env=env, cwd=tmp_path).returncode
        == 0
    )
    result = run_cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path, timeout=600)
    assert result.returncode != 0
    assert "unreachable" in result.stderr
    assert "Traceback" not in result.stderr
    status = json.loads(run_cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert status["counts"]["occupations"] == 3


def test_malformed_api_version_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "data",
        "import",
        "esco-api:latest-and-greatest",
        env=_env(tmp_path, "http://127.0.0.1:9/esco/api"),
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "not an ESCO version" in result.stderr
