"""Discover the newest ESCO version the service offers.

The service has no "list versions" endpoint and its default version is not the newest (the
docs disagree on what ``latest`` means), so we probe: a version exists when a tiny request
pinned to it succeeds and unknown versions are rejected with a 4xx. Starting from the newest
version known to exist, we try the next patch, minor and major release and repeat until none
answers. A sentinel version is probed first: a service that accepts *any* version cannot be
probed, and we say so rather than guess.
"""

from __future__ import annotations

from esco_api.client import DEFAULT_BASE_URL, EscoClient, RetryPolicy
from esco_api.errors import EscoApiError
from esco_api.resources import SCHEME
from esco_api.source import normalize_version

# Versions seen in official pages or real client requests, oldest first.
KNOWN_VERSIONS = ("v1.0.9", "v1.1.0", "v1.1.1", "v1.1.2", "v1.2.0", "v1.2.1")
SENTINEL_VERSION = "v0.0.0"
PROBE_PATH = "/resource/taxonomy"
PROBE_PARAMS = (("uri", SCHEME + "occupations"), ("language", "en"))
MISSING_STATUSES = frozenset({400, 404, 410, 422})


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in normalize_version(version)[1:].split("."))


def successors(version: str) -> list[str]:
    """Next patch, next minor, next major: the candidates for "one newer" than ``version``."""
    major, minor, patch = (*_parts(version), 0, 0)[:3]
    return [f"v{major}.{minor}.{patch + 1}", f"v{major}.{minor + 1}.0", f"v{major + 1}.0.0"]


async def version_exists(client: EscoClient, version: str) -> bool:
    """True when the service answers a request pinned to ``version`` (never cached)."""
    try:
        await client.get_json(PROBE_PATH, PROBE_PARAMS, version=version, use_cache=False)
    except EscoApiError as exc:
        if exc.status in MISSING_STATUSES:
            return False
        raise
    return True


async def discover_latest(client: EscoClient) -> str:
    """Newest version via probing (see module docstring); raises :class:`EscoApiError`."""
    answers: dict[str, bool] = {}

    async def exists(version: str) -> bool:
        if version not in answers:
            answers[version] = await version_exists(client, version)
        return answers[version]

    if await exists(SENTINEL_VERSION):
        raise EscoApiError(
            f"ESCO web service at {client.base_url} accepts any selectedVersion, so the latest "
            "version cannot be discovered; name one, e.g. esco-api:v1.2.0"
        )
    current = None
    for known in reversed(KNOWN_VERSIONS):
        if await exists(known):
            current = known
            break
    if current is None:
        raise EscoApiError(
            f"ESCO web service at {client.base_url} serves none of the known versions "
            f"({', '.join(KNOWN_VERSIONS)}); name one, e.g. esco-api:v1.2.0"
        )
    while True:
        for candidate in successors(current):
            if await exists(candidate):
                current = candidate
                break
        else:
            return current


async def latest_version(
    base_url: str = DEFAULT_BASE_URL, *, retry: RetryPolicy | None = None
) -> str:
    """The newest version the service at ``base_url`` offers, for the bot's scheduled refresh.

    Costs a handful of small requests (about five when nothing is new).
    """
    async with EscoClient(base_url, version=None, concurrency=1, retry=retry) as client:
        return await discover_latest(client)
