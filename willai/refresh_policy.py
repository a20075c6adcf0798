"""Whether a scheduled refresh should import, and what: policy any front end can reuse.

The bot schedules and reports; deciding "is there a newer ESCO?" belongs here, beside the
import it leads to, so the CLI (or a cron job) can ask the same question the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp

import esco_api
from esco_api.source import normalize_version
from willai.settings import Settings

#: Asks the ESCO web service at a base URL for its latest version ("v1.2.0").
LatestVersionFn = Callable[[str], Awaitable[str]]
#: The default: the real web service.
latest_version: LatestVersionFn = esco_api.latest_version


@dataclass(frozen=True, slots=True)
class RefreshPlan:
    """What a scheduled check should do: import ``sources``, or not, and why."""

    status: str  # "import" | "skipped" | "up to date" | "failed"
    detail: str
    sources: list[str] = field(default_factory=list)


def is_newer(latest: str, current: str) -> bool:
    """Whether ESCO ``latest`` is a later version than ``current`` (unparseable: different)."""
    try:
        new = tuple(int(p) for p in normalize_version(latest)[1:].split("."))
        old = tuple(int(p) for p in normalize_version(current)[1:].split("."))
    except ValueError:
        return latest.strip() != current.strip()
    return new > old


async def plan_refresh(
    settings: Settings,
    current_version: Callable[[], Awaitable[str | None]],
    latest: LatestVersionFn = latest_version,
) -> RefreshPlan:
    """Look for something to import.

    With an ``esco-api`` source the web service is asked for its latest version and only a
    newer one is imported (as ``esco-api:<version>``); any other source is simply imported
    again, which the importer turns into a no-op when nothing changed.
    """
    source = (settings.esco_source or "").strip()
    if not source:
        return RefreshPlan("skipped", "ESCO_SOURCE is not set")
    if not esco_api.is_api_source(source):
        return RefreshPlan("import", f"re-importing {source}", source.split())
    try:
        (pinned,) = esco_api.parse_source(source)
    except ValueError as exc:
        return RefreshPlan("failed", str(exc))
    if pinned is not None:
        return RefreshPlan("up to date", f"ESCO_SOURCE pins {pinned}")
    try:
        newest = await latest(settings.esco_api_url)
    except (esco_api.EscoApiError, aiohttp.ClientError, OSError) as exc:  # try again later
        return RefreshPlan("failed", f"could not ask the ESCO API for its latest version: {exc}")
    current = await current_version()
    if current is not None and not is_newer(newest, current):
        return RefreshPlan("up to date", f"ESCO {current} is the latest")
    return RefreshPlan("import", f"ESCO {newest} is out", [f"esco-api:{newest}"])
