"""On-disk cache of successful JSON responses.

ESCO data only changes with a new version and every request pins ``selectedVersion``, so a
response never goes stale. Caching every page lets an interrupted import resume where it
stopped: the second run replays finished pages from disk and only asks the service for the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode


def cache_key(url: str, params: Sequence[tuple[str, str]]) -> str:
    """Hash URL and parameters; parameter order is irrelevant to the service, so sort it."""
    canonical = url + "?" + urlencode(sorted(params))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """Files ``<root>/<version>/<k[:2]>/<k>.json``, one per response, written atomically.

    A per-version directory makes pruning old versions a plain ``rm -r``. Each file holds the
    request (for debugging) and the decoded body.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str, version: str | None) -> Path:
        return self.root / (version or "unversioned") / key[:2] / f"{key}.json"

    def clear(self, version: str | None) -> None:
        """Forget a version's responses once its fetch is complete.

        The cache exists to resume an interrupted fetch; an explicit import after a finished
        one must ask the service again, or it could never see corrected data.
        """
        shutil.rmtree(self.root / (version or "unversioned"), ignore_errors=True)

    def get(self, url: str, params: Sequence[tuple[str, str]], version: str | None) -> Any | None:
        """Return the cached body, or ``None``; unreadable entries count as misses and go."""
        path = self._path(cache_key(url, params), version)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            return entry["body"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(
        self, url: str, params: Sequence[tuple[str, str]], version: str | None, body: Any
    ) -> None:
        """Store ``body``; temp file + ``os.replace`` so a kill never leaves half a file."""
        path = self._path(cache_key(url, params), version)
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"url": url, "params": list(params), "body": body}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False, separators=(",", ":"))
            Path(tmp).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
