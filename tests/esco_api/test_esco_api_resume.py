"""A harvest killed with SIGKILL resumes from its response cache."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest

from tests.fakes.fake_esco_api import FakeData, FakeEscoApi

pytestmark = pytest.mark.full_data
REPO = Path(__file__).resolve().parents[2]


async def run_fetch(base_url: str, dest: Path, cache: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "esco_api", str(dest), "--version", "v1.1.1",
        "--base-url", base_url, "--cache-dir", str(cache), "--concurrency", "2",
        cwd=REPO, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def wait_for_requests(fake: FakeEscoApi, count: int) -> None:
    async with asyncio.timeout(60):
        while len(fake.requests) < count:  # noqa: ASYNC110 - polling the fake's request log
            await asyncio.sleep(0.01)


async def test_killed_fetch_resumes_with_fewer_requests(
    esco_data: FakeData, tmp_path: Path
) -> None:
    async with FakeEscoApi(esco_data, delay=0.05) as fake:
        clean = await run_fetch(fake.base_url, tmp_path / "clean", tmp_path / "clean-cache")
        assert await clean.wait() == 0, (await clean.stderr.read()).decode()
        full_run = len(fake.requests)

        fake.requests.clear()
        killed = await run_fetch(fake.base_url, tmp_path / "out", tmp_path / "cache")
        await wait_for_requests(fake, full_run // 2)
        killed.send_signal(signal.SIGKILL)
        await killed.wait()
        assert not (tmp_path / "out" / "VERSION").exists()

        fake.requests.clear()
        resumed = await run_fetch(fake.base_url, tmp_path / "out", tmp_path / "cache")
        assert await resumed.wait() == 0, (await resumed.stderr.read()).decode()
        second_run = len(fake.requests)

    assert second_run < full_run * 0.75
    assert (tmp_path / "out" / "VERSION").read_text().strip() == "v1.1.1"
    for name in ("occupations_en.csv", "skills_en.csv", "occupationSkillRelations_en.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
