"""What the answer service maps instead of rebuilding: the match index and the scores.

Both are laid out once per release (at import, or by the first process that finds them
missing) in CACHE_DIR/index/ and memory mapped by every process after that
(`matching.stored`): a `willai ask` starts in milliseconds instead of seconds, and bot
processes on one host share the pages instead of each holding a copy.

Scores are kept as their stored JSON documents, zlib-compressed, and decoded when asked for:
~6 MB mapped instead of ~75 MB of Python objects per process. A decode costs ~0.1 ms; the
scores asked for most recently stay decoded.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from db.releases import ReleaseInfo, ReleaseReads
from matching.build import build_arrays
from matching.stored import check_ahead, folder_name, index_identity, lay_out, load_or_build
from matching.tables import Arrays, StringTable, pack_strings, scalars
from matching.trees import map_packaged
from scoring import MODEL_VERSION, OccupationScore
from willai.memory import return_freed_memory

if TYPE_CHECKING:
    from matching import MatchIndex

log = logging.getLogger(__name__)

SCORES_FORMAT = "1"
"""Layout of the scores cache; bump when `score_arrays` changes."""
DECODED_SCORES = 64
"""Scores kept decoded per process: the occupations being asked about right now."""
_COMPRESSION = 1
"""zlib level: level 1 writes the 23 MB of documents in a fifth of level 6's time, ~10% larger."""

Progress = Callable[[str, int, int], None]


class WorkerRun(Protocol):
    """How long an index worker ran, and how long before it was needed it was done."""

    @property
    def seconds(self) -> float: ...

    @property
    def spare(self) -> float: ...


class IndexUnderWay(Protocol):
    """A match index being laid out elsewhere meanwhile (`willai.index_worker.IndexWorker`)."""

    @property
    def started(self) -> bool: ...

    def wait(self) -> tuple[WorkerRun, str | None]:
        """How long it ran, and why it failed (None if it did not)."""
        ...


def cache_root(cache_dir: Path | None = None) -> Path | None:
    """CACHE_DIR/index, from `cache_dir` or the settings; None when settings cannot be read."""
    if cache_dir is None:
        from willai.settings import SettingsError, get_settings  # noqa: PLC0415 - see below

        # Read here, not passed in: the bot and the CLI call this with the store alone.
        try:
            cache_dir = get_settings().cache_dir
        except SettingsError as exc:
            log.warning("no cache for the match index (%s): built in memory", exc)
            return None
    return Path(cache_dir) / "index"


def release_identity(release: ReleaseInfo) -> dict[str, str]:
    """What names a release's data wherever it is served from: its id and its checksum."""
    return identity_of(release.id, release.checksum)


def identity_of(release_id: int, checksum: str) -> dict[str, str]:
    """`release_identity` of a release known by its id and checksum (one still loading)."""
    return {"release": str(release_id), "checksum": checksum}


def match_index(store: ReleaseReads, cache_dir: Path | None = None) -> MatchIndex:
    """The serving release's match index, mapped from the cache or built (and cached).

    The matcher's tree models are mapped from there too (`matching.trees.map_packaged`): their
    files are not parsed by every process, ~8 ms of each `willai ask`.
    """
    from matching import MatchIndex  # noqa: PLC0415 - `prepare` lays it out without the ranker

    release = store.require_release()
    root = cache_root(cache_dir)
    map_packaged(root)
    return MatchIndex.cached(root, release_identity(release), store.match_inputs)


def check_index_ahead(store: ReleaseReads, cache_dir: Path | None = None) -> None:
    """Start checking the serving release's match index cache, ahead of `match_index`.

    For a one-shot command, before it imports the rest of what answers: the cache's checksum
    runs meanwhile (`matching.stored.check_ahead`). With no release or no cache there is
    nothing to check, and `match_index` says so as it always has.
    """
    root = cache_root(cache_dir)
    release = store.release()
    if root is not None and release is not None:
        check_ahead(root / folder_name(index_identity(release_identity(release))))


def lay_out_index(store: ReleaseReads, release: ReleaseInfo, cache_dir: Path | None = None) -> None:
    """Make sure the cache holds `release`'s match index, building it if need be.

    What an import does: the arrays are checked and written, no matcher is made of them. The
    tree models are laid out beside them, for the first answer to map.
    """
    root = cache_root(cache_dir)
    map_packaged(root)
    lay_out(
        root,
        index_identity(release_identity(release)),
        lambda: build_arrays(*store.match_inputs()),
    )


# --- scores --------------------------------------------------------------------------------


def score_arrays(store: ReleaseReads) -> Arrays:
    """Every score document of the serving release, compressed, sorted by URI."""
    uris: list[str] = []
    documents: list[bytes] = []
    for uri, detail in store.score_details():
        uris.append(uri)
        documents.append(zlib.compress(detail.encode("utf-8"), _COMPRESSION))
    arrays: Arrays = {}
    pack_strings(arrays, "uri", uris)
    offsets = np.zeros(len(documents) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in documents], out=offsets[1:])
    arrays["detail"] = np.frombuffer(b"".join(documents), dtype=np.uint8)
    arrays["detail_at"] = offsets
    return arrays


class CompactScores(Mapping[str, OccupationScore]):
    """Occupation URI -> score, decoded from the compressed documents when asked for."""

    def __init__(self, arrays: Arrays) -> None:
        self._uris = StringTable(arrays, "uri").to_list()
        self._index = {uri: i for i, uri in enumerate(self._uris)}
        self._detail = scalars(arrays["detail"])
        self._at = scalars(arrays["detail_at"])
        if len(self._at) != len(self._uris) + 1:
            raise ValueError("scores cache: URIs and documents disagree")
        self._decoded = lru_cache(maxsize=DECODED_SCORES)(self._decode)

    def _decode(self, i: int) -> OccupationScore:
        document = zlib.decompress(self._detail[self._at[i] : self._at[i + 1]])
        return OccupationScore.from_dict(json.loads(document))

    def __getitem__(self, uri: str) -> OccupationScore:
        return self._decoded(self._index[uri])

    def __contains__(self, uri: object) -> bool:
        return uri in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._uris)

    def __len__(self) -> int:
        return len(self._uris)


def scores(
    store: ReleaseReads, release: ReleaseInfo, cache_dir: Path | None = None
) -> CompactScores:
    """Every score of `release`, mapped from the cache or read from the store (and cached).

    Keyed by the scoring model too: a rescore (`Store.rescore_if_stale`) makes a new cache.
    """
    identity = {
        "kind": "scores",
        **release_identity(release),
        "model": release.model_version,
        "scoring": MODEL_VERSION,
        "format": SCORES_FORMAT,
    }
    return load_or_build(
        cache_root(cache_dir), identity, lambda: score_arrays(store), CompactScores, what="scores"
    )


def prepare(
    store: ReleaseReads,
    cache_dir: Path,
    progress: Progress | None = None,
    index_worker: IndexUnderWay | None = None,
) -> dict[str, float]:
    """Lay out both caches of the serving release, as an import's last phases; seconds each.

    The match index may already be under way in `index_worker`: it is waited for, then mapped
    and checked like any cache, and laid out here after all if the worker failed. Where
    CACHE_DIR cannot be written, nothing is laid out (each process then builds its own index
    in memory, and says so).
    """
    release = store.require_release()
    root = cache_root(cache_dir)
    try:
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("no match index cache at %s (%s): each process builds its own", root, exc)
        return {}
    timings: dict[str, float] = {}

    def index() -> None:
        if index_worker is not None and index_worker.started:
            ran, failure = index_worker.wait()
            timings["match index worker"] = ran.seconds
            timings["match index worker spare"] = ran.spare
            if failure:
                log.warning("the match index worker failed (%s): laying it out here", failure)
        lay_out_index(store, release, cache_dir)

    steps: list[tuple[str, str, Callable[[], object]]] = [
        ("building the match index", "match index", index),
        ("caching scores", "scores cache", lambda: scores(store, release, cache_dir)),
    ]
    for phase, name, make in steps:
        if progress:
            progress(phase, 0, 0)
        started = time.perf_counter()
        make()
        return_freed_memory()  # what the step built and dropped, before the next one builds
        timings[name] = time.perf_counter() - started
    return timings
