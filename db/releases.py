"""The serving release as readers see it, without the store's libraries.

Its own module so that an answer read through the stdlib ``sqlite3`` module (``db.reader``)
and one read through SQLAlchemy (``db.store``) hand back the same objects, and the failures the
CLI reports by name exist before SQLAlchemy is imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from matching.types import LabelRecord, OccupationRecord
    from scoring import OccupationScore


class NoReleaseError(Exception):
    """The store holds no serving release yet; the message says how to import one."""

    def __init__(self) -> None:
        super().__init__(
            "the store is empty: run `willai data import SOURCE` (or set "
            "ESCO_SOURCE) to load an ESCO bundle"
        )


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    """The serving release, as shown in status lines and answer footers."""

    id: int
    version: str
    source: str
    checksum: str
    imported_at: datetime
    model_version: str
    counts: dict[str, Any]
    warnings: list[str]
    seconds: float


def aware(moment: datetime | str) -> datetime:
    """A stored moment in UTC: SQLite hands it back naive (SQLAlchemy) or as text (sqlite3)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ByName(Protocol):
    """A row read by column name: a dict, or a ``sqlite3.Row``."""

    def __getitem__(self, name: str, /) -> Any: ...


def release_info(row: ByName) -> ReleaseInfo:
    """A ``release`` table row as the release readers are given."""
    return ReleaseInfo(
        int(row["id"]),
        row["version"],
        row["source"],
        row["checksum"],
        aware(row["imported_at"]),
        row["model_version"],
        json.loads(row["counts_json"]),
        json.loads(row["warnings_json"]),
        float(row["seconds"]),
    )


def own_language(counts_json: str | None) -> str:
    """The language a release's own labels are in (English unless the import said otherwise)."""
    return str(json.loads(counts_json or "{}").get("language", "en"))


class ReleaseReads(Protocol):
    """What answering reads of a store: met by ``db.store.Store`` and ``db.reader.SqliteReader``.

    Answers are written against this rather than the store, so a one-shot answer from a
    SQLite file can read through the stdlib module and a bot through SQLAlchemy alike.
    """

    def release(self) -> ReleaseInfo | None: ...

    def require_release(self) -> ReleaseInfo: ...

    def score(self, occupation_uri: str) -> OccupationScore | None: ...

    def score_details(self) -> Iterator[tuple[str, str]]: ...

    def occupation_count(self) -> int: ...

    def skill_labels(self, language: str, *, release_id: int | None = None) -> dict[str, str]: ...

    def occupation_words(
        self, language: str, *, release_id: int | None = None
    ) -> tuple[dict[str, str], dict[str, str]]: ...

    def match_inputs(self) -> tuple[list[OccupationRecord], list[LabelRecord]]: ...
