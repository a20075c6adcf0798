"""A polite, retrying, caching JSON client for the ESCO web service.

Why this shape: the service documents no rate limits, answers ``full`` resources slowly and
occasionally fails with 500 on some pages, so a harvest of a few thousand requests needs a
bounded number of parallel requests, per-request timeouts, retries with exponential backoff
(honouring ``Retry-After`` on 429) and a disk cache that makes an interrupted run resumable.
Every failure surfaces as one :class:`EscoApiError` with a one-line message.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlencode

import aiohttp

from esco_api.cache import ResponseCache
from esco_api.errors import EscoApiError

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://ec.europa.eu/esco/api"
USER_AGENT = "willai-esco-import/0.1 (ESCO occupation exposure bot; polite harvester)"

Params = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait for one answer and how hard to insist.

    Defaults follow what real harvesters of this service use (timeouts of about a minute,
    backoff doubling from half a second, capped); tests pass tiny values to stay fast.
    """

    attempts: int = 6
    timeout: float = 60.0
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 300.0

    def backoff(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (1-based), with jitter to avoid lockstep."""
        delay = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return delay * (1.0 + random.uniform(0.0, 0.25))


@dataclass
class ClientStats:
    """Counters for the fetch report and the resume test."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _error_message(body: bytes) -> str:
    """The ``message`` of the documented error body, else a short excerpt of the body."""
    try:
        data = json.loads(body)
    except ValueError:
        return body[:200].decode("utf-8", "replace").strip()
    if isinstance(data, dict) and data.get("message"):
        return str(data["message"])
    return body[:200].decode("utf-8", "replace").strip()


class _RetryableError(Exception):
    """Internal: one attempt failed in a way worth retrying."""

    def __init__(
        self, reason: str, *, status: int | None, wait: float | None = None, malformed: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait
        self.malformed = malformed


class EscoClient:
    """GET JSON from the service with ``selectedVersion`` pinned on every request.

    Use as ``async with EscoClient(...) as client``. ``version=None`` sends no
    ``selectedVersion`` (only for version probing, which passes it explicitly).
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        version: str | None,
        cache: ResponseCache | None = None,
        concurrency: int = 8,
        retry: RetryPolicy | None = None,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.version = version
        self.cache = cache
        self.concurrency = concurrency
        self.retry = retry or RetryPolicy()
        self.stats = ClientStats()
        self._session = session
        self._owns_session = session is None
        self._semaphore = asyncio.Semaphore(concurrency)

    async def __aenter__(self) -> Self:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={"Accept": "application/json", "User-Agent": USER_AGENT},
                connector=aiohttp.TCPConnector(limit=self.concurrency),
                trust_env=True,
            )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    def with_version(self, version: str) -> EscoClient:
        """A client sharing this one's session, cache and stats, pinned to ``version``."""
        other = EscoClient(
            self.base_url,
            version=version,
            cache=self.cache,
            concurrency=self.concurrency,
            retry=self.retry,
            session=self._session,
        )
        other.stats = self.stats
        other._semaphore = self._semaphore
        return other

    def _params(
        self, params: Params | Mapping[str, str], version: str | None
    ) -> list[tuple[str, str]]:
        items = list(params.items()) if isinstance(params, Mapping) else list(params)
        items = [(k, v) for k, v in items if k != "selectedVersion"]
        if version is not None:
            items.append(("selectedVersion", version))
        return items

    async def get_json(
        self,
        path: str,
        params: Params | Mapping[str, str] = (),
        *,
        version: str | None = None,
        use_cache: bool = True,
    ) -> dict[str, Any]:
        """GET ``base_url + path`` and return the JSON object, from cache when possible.

        ``version`` overrides the client's pinned version (probing). Retries 5xx, 429,
        timeouts, network errors and malformed JSON; raises :class:`EscoApiError` on other
        4xx at once and on retryable failures once the attempts are used up.
        """
        pinned = version or self.version
        query = self._params(params, pinned)
        url = self.base_url + path
        if use_cache and self.cache is not None:
            cached = self.cache.get(url, query, pinned)
            if isinstance(cached, dict):
                self.stats.cache_hits += 1
                return cached
        body = await self._fetch_with_retries(url, query)
        if use_cache and self.cache is not None:
            self.cache.put(url, query, pinned, body)
        return body

    async def _fetch_with_retries(self, url: str, query: list[tuple[str, str]]) -> dict[str, Any]:
        shown = f"{url}?{urlencode(query)}" if query else url
        last: _RetryableError | None = None
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return await self._attempt(url, query, shown)
            except _RetryableError as exc:
                last = exc
            if attempt == self.retry.attempts:
                break
            wait = self.retry.backoff(attempt)
            if last.wait is not None:
                wait = min(last.wait, self.retry.max_retry_after)
            self.stats.retries += 1
            log.info("retrying %s in %.2fs (%s)", shown, wait, last.reason)
            await asyncio.sleep(wait)
        assert last is not None
        raise self._give_up(last, shown)

    def _give_up(self, last: _RetryableError, shown: str) -> EscoApiError:
        attempts = self.retry.attempts
        tries = f"after {attempts} attempt{'' if attempts == 1 else 's'}"
        if last.malformed:
            return EscoApiError(
                f"ESCO web service returned malformed JSON {tries}: {shown}", url=shown
            )
        if last.status is None:
            return EscoApiError(
                f"ESCO web service unreachable at {self.base_url}: {last.reason} ({tries}; "
                f"request {shown})",
                url=shown,
            )
        return EscoApiError(
            f"ESCO web service failing at {shown}: {last.reason} ({tries})",
            url=shown,
            status=last.status,
        )

    async def _attempt(self, url: str, query: list[tuple[str, str]], shown: str) -> dict[str, Any]:
        if self._session is None:
            raise RuntimeError("EscoClient used outside 'async with'")
        timeout = aiohttp.ClientTimeout(total=self.retry.timeout)
        async with self._semaphore:
            self.stats.requests += 1
            try:
                async with self._session.get(url, params=query, timeout=timeout) as response:
                    status = response.status
                    retry_after = response.headers.get("Retry-After")
                    body = await response.read()
            except TimeoutError as exc:
                raise _RetryableError(
                    f"timed out after {self.retry.timeout:g}s", status=None
                ) from exc
            except aiohttp.ClientError as exc:
                reason = str(exc) or type(exc).__name__
                raise _RetryableError(reason, status=None) from exc
        if status == 429 or status >= 500:
            wait = parse_retry_after(retry_after) if status in (429, 503) else None
            raise _RetryableError(
                f"HTTP {status}: {_error_message(body)}", status=status, wait=wait
            )
        if status >= 300:
            raise EscoApiError(
                f"ESCO web service rejected {shown}: HTTP {status}: {_error_message(body)}",
                url=shown,
                status=status,
            )
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise _RetryableError(f"malformed JSON ({exc})", status=None, malformed=True) from exc
        if not isinstance(data, dict):
            raise _RetryableError("malformed JSON (not an object)", status=None, malformed=True)
        return data
