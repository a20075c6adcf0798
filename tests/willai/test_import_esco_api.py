"""`willai data import esco-api[:VERSION]`: the web service feeds the same atomic import."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from languages.grammar import paired_name
from tests.bundle_factory import write_bundle
from tests.conftest import ESCO_V111, SKILL_LABELS, Cli
from tests.fakes.fake_esco_api import FakeEscoApi, build_data

OCCUPATIONS = 12


@pytest.fixture(scope="module")
def esco_api() -> Iterator[FakeEscoApi]:
    """The fake ESCO web service on a real socket, in a thread, so a command can block on it."""
    if not ESCO_V111.is_dir() or not SKILL_LABELS.is_dir():
        pytest.skip("shared ESCO data not found")
    loop = asyncio.new_event_loop()
    data = build_data(
        ESCO_V111,
        OCCUPATIONS,
        extra_languages={"fr": ESCO_V111 / "fr" / "occupations_fr.csv"},
        extra_skill_languages={"fr": SKILL_LABELS / "fr" / "skills_fr.csv"},
    )
    fake = FakeEscoApi(data)
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


@pytest.fixture
def dead_url() -> str:
    """A loopback port nothing listens on: every request fails at once, with no wait."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/esco/api"


def _env(tmp_path: Path, api_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}",
        "ESCO_API_URL": api_url,
        "CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.mark.full_data
def test_esco_api_source_imports_a_release(cli: Cli, tmp_path: Path, esco_api_url: str) -> None:
    env = _env(tmp_path, esco_api_url)
    result = cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    status = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert (status["release"]["version"], status["counts"]["occupations"]) == (
        "v1.1.1",
        OCCUPATIONS,
    )


@pytest.mark.full_data
def test_esco_source_setting_selects_the_web_service(
    cli: Cli, tmp_path: Path, esco_api_url: str
) -> None:
    env = _env(tmp_path, esco_api_url) | {"ESCO_SOURCE": "esco-api:v1.1.1"}
    result = cli("data", "import", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{OCCUPATIONS} occupations" in result.stdout


@pytest.mark.full_data
def test_explicit_reimport_asks_the_service_again(
    cli: Cli, tmp_path: Path, esco_api: FakeEscoApi
) -> None:
    env = _env(tmp_path, esco_api.base_url)
    assert cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path).returncode == 0
    before = len(esco_api.requests)
    again = cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(esco_api.requests) - before > OCCUPATIONS // 10  # fetched, not read from cache
    assert "already serving" in again.stdout


def _french_skills(fake: FakeEscoApi) -> tuple[int, int]:
    """How many of the fake's skills have a French label, and how many have none."""
    skills = [r for r in fake.data.resources.values() if r["className"] == "Skill"]
    labelled = sum("fr" in r.get("preferredLabel", {}) for r in skills)
    return labelled, len(skills) - labelled


def _imported_in_french(cli: Cli, tmp_path: Path, esco_api: FakeEscoApi) -> dict:
    """`data status --json` after an import from the service with ESCO_LANGUAGES=fr."""
    env = _env(tmp_path, esco_api.base_url) | {"ESCO_LANGUAGES": "fr"}
    assert cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path).returncode == 0
    return json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)


@pytest.mark.full_data
def test_esco_languages_bring_skill_labels_in_those_languages(
    cli: Cli, tmp_path: Path, esco_api: FakeEscoApi
) -> None:
    """ESCO_LANGUAGES=fr gives the release the French skill labels the service holds."""
    status = _imported_in_french(cli, tmp_path, esco_api)
    labelled, _ = _french_skills(esco_api)
    assert {k: v["skills"] for k, v in status["counts"]["skill_labels"].items()} == {"fr": labelled}


@pytest.mark.full_data
def test_skills_the_service_leaves_unlabelled_are_counted(
    cli: Cli, tmp_path: Path, esco_api: FakeEscoApi
) -> None:
    """Skills with no label in a configured language are counted: they will show in English."""
    status = _imported_in_french(cli, tmp_path, esco_api)
    _, unlabelled = _french_skills(esco_api)
    assert f"{unlabelled} fr skill rows without a preferredLabel skipped" in status["warnings"]


@pytest.mark.full_data
def test_the_default_languages_bring_no_skill_labels(
    cli: Cli, tmp_path: Path, esco_api_url: str
) -> None:
    """ESCO_LANGUAGES defaults to English alone: the service's other labels are not stored."""
    env = _env(tmp_path, esco_api_url)
    assert cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path).returncode == 0
    status = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert status["counts"]["skill_labels"] == {}


def test_unreachable_service_keeps_the_old_release(cli: Cli, tmp_path: Path, dead_url: str) -> None:
    env = _env(tmp_path, dead_url) | {"ESCO_API_RETRIES": "0"}
    assert cli("data", "import", str(write_bundle(tmp_path)), env=env, cwd=tmp_path).returncode == 0
    result = cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "unreachable" in result.stderr
    status = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert status["counts"]["occupations"] == 3


@pytest.mark.parametrize(("retries", "attempts"), [("0", "1 attempt;"), ("1", "2 attempts;")])
def test_esco_api_retries_sets_how_often_an_import_asks(
    cli: Cli, tmp_path: Path, dead_url: str, retries: str, attempts: str
) -> None:
    env = _env(tmp_path, dead_url) | {"ESCO_API_RETRIES": retries}
    result = cli("data", "import", "esco-api:v1.1.1", env=env, cwd=tmp_path)
    assert f"after {attempts}" in result.stderr


def test_malformed_api_version_is_refused(cli: Cli, tmp_path: Path, dead_url: str) -> None:
    result = cli(
        "data", "import", "esco-api:latest-and-greatest", env=_env(tmp_path, dead_url), cwd=tmp_path
    )
    assert result.returncode != 0
    assert "not an ESCO version" in result.stderr


@pytest.mark.full_data
def test_esco_languages_bring_names_and_descriptions_to_answer_in(
    cli: Cli, tmp_path: Path, esco_api: FakeEscoApi
) -> None:
    """An answer in French from a web-service import shows ESCO's French name and description."""
    _imported_in_french(cli, tmp_path, esco_api)
    occupation = next(r for r in esco_api.data.resources.values() if r["className"] == "Occupation")
    env = _env(tmp_path, esco_api.base_url) | {"ESCO_LANGUAGES": "fr"}
    answer = json.loads(
        cli(
            "ask",
            occupation["preferredLabel"]["en"],
            "--lang",
            "fr",
            "--json",
            env=env,
            cwd=tmp_path,
        ).stdout
    )
    assert answer["language"] == "fr"
    french = occupation["description"]["fr"]["literal"]
    assert answer["report"]["summary"].split()[:4] == french.split()[:4]
    assert answer["occupation"]["name"].casefold() == (
        paired_name(occupation["preferredLabel"]["fr"]).casefold()
    )
