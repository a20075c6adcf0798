"""The scheduled refresh's policy: what to import, if anything, and why."""

from __future__ import annotations

import pytest

from esco_api import EscoApiError
from willai.refresh_policy import is_newer, plan_refresh
from willai.settings import load_settings


@pytest.mark.parametrize(
    ("latest", "current", "newer"),
    [
        ("v1.2.1", "v1.2.0", True),
        ("v2.0.0", "v1.10.0", True),
        ("v1.2.0", "v1.2.0", False),
        ("v1.1.1", "v1.2.0", False),
        ("v1.2.0", "custom-2024", True),
    ],
)
def test_version_comparison(latest: str, current: str, newer: bool) -> None:
    assert is_newer(latest, current) is newer


def plan(source: str | None, current: str | None = "v1.1.1", latest: str | Exception = "v1.2.0"):
    async def current_version() -> str | None:
        return current

    async def latest_version(_url: str) -> str:
        if isinstance(latest, Exception):
            raise latest
        return latest

    settings = load_settings(esco_source=source)
    return plan_refresh(settings, current_version, latest_version)


async def test_no_source_is_skipped() -> None:
    assert (await plan(None)).status == "skipped"


async def test_a_bundle_source_is_imported_again() -> None:
    result = await plan("./bundle ./labels")
    assert (result.status, result.sources) == ("import", ["./bundle", "./labels"])


async def test_a_newer_web_service_version_is_imported_by_version() -> None:
    result = await plan("esco-api")
    assert (result.status, result.sources) == ("import", ["esco-api:v1.2.0"])


async def test_the_same_web_service_version_is_up_to_date() -> None:
    assert (await plan("esco-api", current="v1.2.0")).status == "up to date"


async def test_a_pinned_web_service_version_is_never_moved() -> None:
    assert (await plan("esco-api:v1.1.1")).status == "up to date"


async def test_an_unreachable_web_service_is_a_failure_to_retry() -> None:
    result = await plan("esco-api", latest=EscoApiError("down"))
    assert result.status == "failed"
    assert "down" in result.detail
