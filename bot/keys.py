"""Compact, stable keys for occupations, so a URI fits in a custom_id or a choice value.

Discord caps custom_ids and choice values at 100 characters and ESCO URIs are about 80, which
leaves no room for the namespace. ESCO URIs end in a UUID that never changes between ESCO
versions, so that last segment is the key: a button sent before a restart or a data refresh
still names the same occupation afterwards. URIs without such an ending get a hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

KEY_PATTERN = r"=?[A-Za-z0-9_.\-]{1,40}"
"""Regex of a key, for custom_id templates: a natural key, or ``=`` and a hash."""
_NATURAL_RE = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
CHOICE_PREFIX = "occ:"
"""Autocomplete choice values are ``occ:<key>``: picking one skips re-matching."""
URI_PREFIX = "uri:"
"""Also accepted as a value: ``uri:<occupation uri>``."""


def _hashed(uri: str) -> str:
    return "=" + hashlib.sha1(uri.encode(), usedforsecurity=False).hexdigest()[:20]


def natural_key(uri: str) -> str:
    """The key of one URI without looking at others: its last segment, or a hash."""
    tail = uri.rstrip("/").rsplit("/", 1)[-1]
    return tail if _NATURAL_RE.fullmatch(tail) else _hashed(uri)


class OccupationKeys:
    """Two-way map between occupation URIs and their keys, built once per release."""

    def __init__(self, uris: Iterable[str]) -> None:
        self._by_key: dict[str, str] = {}
        self._by_uri: dict[str, str] = {}
        for uri in sorted(uris):
            key = natural_key(uri)
            if key in self._by_key and self._by_key[key] != uri:
                key = _hashed(uri)
            self._by_key[key] = uri
            self._by_uri[uri] = key

    def key(self, uri: str) -> str:
        """The key of an occupation of this release (a hash for unknown URIs)."""
        return self._by_uri.get(uri) or natural_key(uri)

    def uri(self, key: str) -> str | None:
        """The URI a key stands for, or None when this release has no such occupation."""
        return self._by_key.get(key)

    def choice_value(self, uri: str) -> str:
        """The autocomplete choice value for an occupation."""
        return CHOICE_PREFIX + self.key(uri)

    def from_choice(self, value: str) -> str | None:
        """The URI an autocomplete value names, or None when it is typed text."""
        text = value.strip()
        if text.startswith(CHOICE_PREFIX):
            return self.uri(text[len(CHOICE_PREFIX) :])
        if text.startswith(URI_PREFIX):
            uri = text[len(URI_PREFIX) :]
            return uri if uri in self._by_uri else None
        return None

    def __len__(self) -> int:
        return len(self._by_uri)
