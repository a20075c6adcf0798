"""The full shared ESCO data, imported once through the product into `.bench-cache/`.

Benchmarks read ESCO the way users do: through `willai`'s own importer, from the bundle laid
beside the repository in ../shared/data. The cache is keyed by the importer's checksum, so a
changed bundle or model is re-imported.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
FULL_SOURCES = [
    SHARED_DATA / "esco" / "v1.1.1",
    SHARED_DATA / "esco" / "v1.2.0" / "de",
    SHARED_DATA / "esco" / "v1.2.0" / "es",
    SHARED_DATA / "esco" / "v1.0.x-skill-labels",
]
CACHE = REPO / ".bench-cache"


def require_shared_data() -> None:
    """Stop with one line when the shared data is not beside the repository."""
    if not FULL_SOURCES[0].is_dir():
        sys.exit(f"benchmarks need the shared ESCO data at {SHARED_DATA}")


def full_store_url() -> str:
    """URL of a SQLite store holding the full data (en, fr, de, es; fr/es skill labels)."""
    require_shared_data()
    from db.engine import make_engine
    from db.importer import import_bundle
    from db.sources import gather_bundle

    CACHE.mkdir(exist_ok=True)
    url = f"sqlite:///{CACHE / 'full.sqlite'}"
    bundle = gather_bundle([str(p) for p in FULL_SOURCES], CACHE)
    import_bundle(make_engine(url), bundle)  # a no-op when the same data and model serve
    return url


def full_store() -> Store:
    """The full store, ready to read."""
    from db.store import Store

    return Store.from_url(full_store_url())
