"""One import path for the CLI, the bot's admin refresh and its scheduled refresh.

Sources are bundle paths, zips, URLs or `esco-api[:VERSION]`; whatever happens, a failure is
recorded for `status` and the serving release stays as it was.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from db.bundle import BundleError
from db.importer import (
    ImportReport,
    Progress,
    StoreRefusedError,
    import_bundle,
    record_failure,
)
from db.sources import gather_bundle
from db.store import Store
from esco_api import EscoApiError, is_api_source, parse_source
from willai.index_worker import IndexWorker
from willai.settings import Settings

log = logging.getLogger(__name__)


class ImportFailedError(Exception):
    """An import did not happen; the message is one line and the old release still serves."""


def resolve_sources(sources: Sequence[str], settings: Settings) -> list[str]:
    """The sources given, or ESCO_SOURCE split on whitespace, or a clear refusal."""
    if sources:
        return list(sources)
    if settings.esco_source:
        return settings.esco_source.split()
    raise ImportFailedError(
        "no source given and ESCO_SOURCE is not set: pass a bundle path, .zip, URL or "
        "`esco-api`, e.g. `willai data import ./ESCO-dataset-v1.2.0.zip`"
    )


def run_import(
    store: Store,
    settings: Settings,
    sources: Sequence[str],
    *,
    version: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import `sources` (or ESCO_SOURCE) into the store as one new release."""
    resolved = resolve_sources(sources, settings)
    if store.read_only:
        raise ImportFailedError(
            f"the store at {settings.masked_database_url} is read-only: it serves answers, but "
            "an import needs write access to the file"
        )
    with IndexWorker(settings.cache_dir) as index_worker:
        try:
            with tempfile.TemporaryDirectory(prefix="willai-api-") as scratch:
                paths, api_version = _materialise(resolved, settings, Path(scratch), progress)
                bundle = gather_bundle(paths, settings.cache_dir)
                bundle.sources = resolved
                report = import_bundle(
                    store.engine,
                    bundle,
                    version=version or api_version,
                    progress=progress,
                    force=force,
                    labels_loaded=index_worker.start,
                )
        except (BundleError, EscoApiError) as exc:
            record_failure(store.engine, resolved, str(exc))
            raise ImportFailedError(str(exc)) from None
        except StoreRefusedError as exc:
            raise ImportFailedError(str(exc)) from None
        except KeyboardInterrupt:
            record_failure(store.engine, resolved, "interrupted")
            raise
        _prepare_caches(store, settings, report, progress, index_worker)
    return report


def _prepare_caches(
    store: Store,
    settings: Settings,
    report: ImportReport,
    progress: Progress | None,
    index_worker: IndexWorker,
) -> None:
    """Lay out the match index and scores of the release now serving, for every process.

    Part of the import's report (its seconds and timings). The release is already committed:
    should the cache fail, the import still stands, and the first process to answer builds
    the index itself.
    """
    # Here, not at the top: the matcher is loaded only once the data is in.
    from willai import caches  # noqa: PLC0415
    from willai.memory import return_freed_memory  # noqa: PLC0415

    started = time.perf_counter()
    # The load's SQLite connection keeps its page cache (db.engine); the index is laid out in
    # the memory it and the load's own objects leave free, not on top of them.
    if store.engine.dialect.name == "sqlite":
        store.engine.dispose()
    return_freed_memory()
    try:
        report.timings.update(caches.prepare(store, settings.cache_dir, progress, index_worker))
    except Exception as exc:  # noqa: BLE001 - the import succeeded; a cache is an optimisation
        log.warning("the match index and scores were not cached (%s): built on first use", exc)
    report.seconds += time.perf_counter() - started


def _materialise(
    sources: list[str], settings: Settings, scratch: Path, progress: Progress | None
) -> tuple[list[str], str | None]:
    """Replace `esco-api[:VERSION]` sources by a bundle fetched from the web service."""
    paths: list[str] = []
    api_version: str | None = None
    api_cache = settings.cache_dir / "esco-api"
    for source in sources:
        if not is_api_source(source):
            paths.append(source)
            continue
        try:
            (requested,) = parse_source(source)
        except ValueError as exc:
            raise EscoApiError(str(exc)) from None
        # Here, not at the top: only the web service needs its client (aiohttp).
        from esco_api import RetryPolicy, fetch_bundle  # noqa: PLC0415
        from esco_api.cache import ResponseCache  # noqa: PLC0415

        target = scratch / f"api-{len(paths)}"
        report = asyncio.run(
            fetch_bundle(
                target,
                version=requested,
                languages=settings.esco_languages,
                base_url=settings.esco_api_url,
                cache_dir=api_cache,
                retry=RetryPolicy(attempts=settings.esco_api_retries + 1),
                progress=(lambda phase, done, total: progress(f"ESCO API: {phase}", done, total))
                if progress
                else None,
            )
        )
        api_version = report.version
        ResponseCache(api_cache).clear(report.version)  # the bundle is written; resume no more
        paths.append(str(target))
    return paths, api_version
