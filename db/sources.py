"""Turning what the user typed (a path, a zip, a URL) into a Bundle."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from urllib.parse import urlparse

from db.bundle import Bundle, BundleError, add_directory, add_zip

#: Seconds a bundle download may take in all, to connect, and between two reads.
DOWNLOAD_TIMEOUT = {"total": 900, "sock_connect": 20, "sock_read": 60}


def gather_bundle(sources: list[str], cache_dir: Path) -> Bundle:
    """Collect the files of every source into one bundle, refusing unusable sources clearly."""
    bundle = Bundle(sources=list(sources))
    for source in sources:
        if urlparse(source).scheme in {"http", "https"}:
            found = add_zip(bundle, download(source, cache_dir), source)
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise BundleError(f"{source}: no such file or directory")
            if path.is_dir():
                found = add_directory(bundle, path, source)
            elif path.suffix.lower() == ".zip" or _looks_like_zip(path):
                found = add_zip(bundle, path, source)
            else:
                raise BundleError(f"{source}: not a directory or a .zip of an ESCO CSV bundle")
        if not found:
            raise BundleError(f"{source}: holds no ESCO CSV files (occupations_en.csv, …)")
    return bundle


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == b"PK\x03\x04"


def download(url: str, cache_dir: Path) -> Path:
    """Fetch a bundle zip once; a finished download is reused, a broken one never is."""
    target_dir = cache_dir / "downloads"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".zip")
    if target.exists():
        return target
    partial = target.with_suffix(".part")
    try:
        asyncio.run(_fetch(url, partial))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


async def _fetch(url: str, partial: Path) -> None:
    import aiohttp  # noqa: PLC0415 - only a URL source needs the web client

    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(**DOWNLOAD_TIMEOUT)) as session,
            session.get(url) as response,
        ):
            if response.status != 200:
                raise BundleError(f"{url}: HTTP {response.status} {response.reason or ''}".strip())
            with partial.open("wb") as out:
                async for chunk in response.content.iter_chunked(1 << 20):
                    out.write(chunk)
    except aiohttp.ClientError as exc:
        raise BundleError(f"{url}: cannot download ({exc.__class__.__name__}: {exc})") from None
    except TimeoutError:
        raise BundleError(f"{url}: cannot download (timed out)") from None
