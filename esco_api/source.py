"""Parse ``esco-api[:VERSION]`` source strings (CLI argument and ``ESCO_SOURCE``)."""

from __future__ import annotations

import re

SOURCE_SCHEME = "esco-api"
_VERSION_RE = re.compile(r"^v?\d+(\.\d+){1,3}$")


def is_api_source(text: str) -> bool:
    """Tell whether ``text`` names the web service, so callers can route before parsing."""
    head = text.strip().split(":", 1)[0].strip().lower()
    return head == SOURCE_SCHEME


def normalize_version(version: str) -> str:
    """Return ``version`` in the service's spelling (``v1.2.0``); accepts ``1.2.0`` too.

    Raises ``ValueError`` for anything that is not a dotted version, so a typo fails at the
    command line instead of after minutes of requests.
    """
    text = version.strip()
    if not _VERSION_RE.match(text):
        raise ValueError(f"not an ESCO version: {version!r} (expected e.g. v1.2.0)")
    return text if text.startswith("v") else f"v{text}"


def parse_source(text: str) -> tuple[str | None]:
    """Parse ``esco-api`` or ``esco-api:v1.2.0`` into ``(version,)``.

    The one-element tuple leaves room for further fields without breaking unpacking
    callers (``(version,) = parse_source(s)``). ``None`` means "discover the latest version".
    Raises ``ValueError`` when ``text`` is not an ``esco-api`` source or the version is malformed.
    """
    if not is_api_source(text):
        raise ValueError(f"not an ESCO web-service source: {text!r} (expected esco-api[:VERSION])")
    _, _, rest = text.strip().partition(":")
    rest = rest.strip()
    if not rest or rest.lower() == "latest":
        return (None,)
    return (normalize_version(rest),)
