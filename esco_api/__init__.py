"""ESCO web-service client: turn one ESCO version into a CSV bundle the importer loads.

Public API: :func:`fetch_bundle`, :class:`FetchReport`, :func:`latest_version`,
:func:`parse_source`, :class:`EscoApiError`, :class:`RetryPolicy`, :data:`DEFAULT_BASE_URL`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from esco_api.errors import EscoApiError
from esco_api.source import is_api_source, parse_source

if TYPE_CHECKING:
    from esco_api.client import DEFAULT_BASE_URL, RetryPolicy
    from esco_api.fetch import FetchReport, fetch_bundle
    from esco_api.versions import latest_version

#: Names whose modules load the web client (aiohttp): imported when first asked for, so that
#: telling a source apart or catching EscoApiError, as every import does, loads none of it.
_LOADED_ON_USE = {
    "DEFAULT_BASE_URL": "esco_api.client",
    "RetryPolicy": "esco_api.client",
    "FetchReport": "esco_api.fetch",
    "fetch_bundle": "esco_api.fetch",
    "latest_version": "esco_api.versions",
}


def __getattr__(name: str) -> Any:
    module = _LOADED_ON_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "DEFAULT_BASE_URL",
    "EscoApiError",
    "FetchReport",
    "RetryPolicy",
    "fetch_bundle",
    "is_api_source",
    "latest_version",
    "parse_source",
]
