"""Fixtures: the fake ESCO web service filled from the shared v1.1.1 bundle, fast retries."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from esco_api import RetryPolicy
from tests.fakes.fake_esco_api import FakeData, FakeEscoApi, build_data

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO.parent / "shared" / "data" / "esco" / "v1.1.1"
# French skill labels of an older ESCO version: most fake skills get one, a few do not.
FRENCH_SKILLS = (
    REPO.parent / "shared" / "data" / "esco" / "v1.0.x-skill-labels" / "fr" / "skills_fr.csv"
)
OCCUPATIONS = 30
FAST = RetryPolicy(attempts=4, timeout=2.0, backoff_base=0.01, backoff_max=0.05)


@pytest.fixture(scope="session")
def bundle_dir() -> Path:
    if not (BUNDLE / "en" / "occupations_en.csv").is_file():
        pytest.skip("shared ESCO bundle not found at ../shared/data/esco/v1.1.1")
    return BUNDLE


@pytest.fixture(scope="session")
def occupation_count() -> int:
    return OCCUPATIONS


@pytest.fixture(scope="session")
def french_skills() -> Path:
    if not FRENCH_SKILLS.is_file():
        pytest.skip(f"shared French skill labels not found at {FRENCH_SKILLS}")
    return FRENCH_SKILLS


@pytest.fixture(scope="session")
def esco_data(bundle_dir: Path, french_skills: Path) -> FakeData:
    """The fake's content, with French occupation and skill labels as the service has them."""
    return build_data(
        bundle_dir,
        OCCUPATIONS,
        extra_languages={"fr": bundle_dir / "fr" / "occupations_fr.csv"},
        extra_skill_languages={"fr": french_skills},
    )


@pytest.fixture
async def fake(esco_data: FakeData) -> AsyncIterator[FakeEscoApi]:
    async with FakeEscoApi(esco_data) as server:
        yield server


@pytest.fixture
async def empty_fake() -> AsyncIterator[FakeEscoApi]:
    """A fake with no content: /search answers 200 with no results, enough for client tests."""
    async with FakeEscoApi() as server:
        yield server


@pytest.fixture(scope="module")
def fetched(esco_data: FakeData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One full fetch with ``version=None`` (discovery) shared by the comparison tests."""
    from esco_api import fetch_bundle

    out = tmp_path_factory.mktemp("bundle")
    cache = tmp_path_factory.mktemp("cache")

    async def run() -> dict[str, object]:
        async with FakeEscoApi(esco_data) as server:
            report = await fetch_bundle(
                out,
                version=None,
                languages=["en", "fr"],
                base_url=server.base_url,
                cache_dir=cache,
                concurrency=8,
                retry=FAST,
            )
            return {"report": report, "dir": out, "params": list(server.params)}

    return asyncio.run(run())
