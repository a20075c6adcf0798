"""``fetch_bundle``: web service → ESCO CSV bundle directory, the one entry point the CLI uses."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from esco_api.bundle_writer import write_bundle
from esco_api.cache import ResponseCache
from esco_api.client import DEFAULT_BASE_URL, EscoClient, RetryPolicy
from esco_api.harvest import Harvester
from esco_api.resources import languages_present
from esco_api.source import normalize_version
from esco_api.versions import discover_latest


@dataclass
class FetchReport:
    """What a fetch produced and what it cost, for the import summary."""

    version: str
    dest_dir: Path
    languages: list[str]
    occupations: int
    skills: int
    relations: int
    skill_groups: int
    isco_groups: int
    requests: int
    cache_hits: int
    retries: int
    seconds: float
    files: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def normalize_languages(languages: Sequence[str]) -> list[str]:
    """Lower-case, de-duplicated, ``en`` first: the bundle layout needs the ``_en`` files."""
    result = ["en"]
    for lang in languages:
        code = lang.strip().lower()
        if code and code not in result:
            result.append(code)
    return result


async def fetch_bundle(
    dest_dir: Path,
    *,
    version: str | None,
    languages: Sequence[str],
    base_url: str = DEFAULT_BASE_URL,
    cache_dir: Path,
    concurrency: int = 8,
    progress: Callable[[str, int, int], None] | None = None,
    retry: RetryPolicy | None = None,
) -> FetchReport:
    """Harvest ``version`` (``None``: newest, discovered) and write the bundle to ``dest_dir``.

    Responses are cached under ``cache_dir`` so a rerun after an interruption only requests
    what is missing. ``progress(stage, done, total)`` is called as pages arrive; stages are
    ``occupations``, ``skills``, ``skill groups``, ``ISCO groups``. Raises ``EscoApiError``.
    """
    started = time.perf_counter()
    langs = normalize_languages(languages)
    async with EscoClient(
        base_url, version=None, cache=None, concurrency=concurrency, retry=retry
    ) as probe:
        chosen = normalize_version(version) if version else await discover_latest(probe)
        client = probe.with_version(chosen)
        client.cache = ResponseCache(Path(cache_dir))
        harvest = await Harvester(client, version=chosen, progress=progress).run()
    for kind, resources in (("occupation", harvest.occupations), ("skill", harvest.skills)):
        seen: set[str] = set()
        for resource in resources.values():
            seen |= languages_present(resource)
        harvest.warnings.extend(
            f"no {kind} has a label in language {lang!r}" for lang in langs if lang not in seen
        )
    files = write_bundle(harvest, Path(dest_dir), langs, base_url=base_url)
    return FetchReport(
        version=chosen,
        dest_dir=Path(dest_dir),
        languages=langs,
        occupations=len(harvest.occupations),
        skills=len(harvest.skills),
        relations=files.get("occupationSkillRelations_en.csv", 0),
        skill_groups=len(harvest.skill_groups.nodes),
        isco_groups=len(harvest.isco_groups.nodes),
        requests=client.stats.requests,
        cache_hits=client.stats.cache_hits,
        retries=client.stats.retries,
        seconds=time.perf_counter() - started,
        files=files,
        warnings=list(harvest.warnings),
    )
