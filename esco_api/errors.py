"""The single exception type of the ESCO web-service client.

The CLI and the bot print ``str(exc)`` as-is, so every message is one line that names the
URL and what went wrong; callers never need to inspect aiohttp or JSON exceptions.
"""

from __future__ import annotations


class EscoApiError(Exception):
    """The ESCO web service could not deliver what was asked for.

    ``status`` is the HTTP status of the last answer when there was one (``None`` for
    network failures), so version probing can tell "no such version" (4xx) from an outage.
    """

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(" ".join(message.split()))
        self.url = url
        self.status = status
