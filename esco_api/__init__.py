"""ESCO web-service client: turn one ESCO version into a CSV bundle the importer loads.

Public API: :func:`fetch_bundle`, :class:`FetchReport`, :func:`latest_version`,
:func:`parse_source`, :class:`EscoApiError`, :class:`RetryPolicy`, :data:`DEFAULT_BASE_URL`.
"""

from esco_api.client import DEFAULT_BASE_URL, RetryPolicy
from esco_api.errors import EscoApiError
from esco_api.fetch import FetchReport, fetch_bundle
from esco_api.source import is_api_source, parse_source
from esco_api.versions import latest_version

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
