"""Arrays written to disk once and memory mapped by every process: the index cache.

Laying out the index of a release takes seconds; mapping it back takes milliseconds, and every
process on the host that maps the same file shares its pages. A cache is a folder holding one
data file (every array, 64-byte aligned) and a manifest, written last, that says what the
arrays are, what they were built from (`identity`: the release and the matcher version) and
the data file's length and CRC-32.

The checksum is there to catch damage (a disk error, a half-copied folder, a stray write), not
an attacker: whoever can write the data file can write the manifest beside it, so a
cryptographic digest would add nothing. CRC-32 (zlib's) checks the 19 MB index in about half
the time SHA-256 takes, ~9 ms, and every `willai ask` pays it once. It is computed on a thread
of its own (zlib lets go of the GIL while it runs) while the arrays are made into the object
wanted, and that object is handed out only once the checksum has come back right. The index
takes ~1 ms of Python to make, so a `willai ask` starts the checksum earlier still
(`check_ahead`), while it imports the matcher, and finds it done.

A cache is used only when all of that checks out. A missing, stale, truncated or corrupt one
is rebuilt, with a log line: never a wrong answer, never a traceback. Writers build in a
temporary folder and rename it into place, so a reader sees a whole cache or none; a lock file
makes processes that start together build once, the others waiting and then mapping it. Where
nothing can be written (a read-only or impossible CACHE_DIR) the index is built in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mmap
import os
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from matching.tables import Arrays

try:  # POSIX; elsewhere processes that start together each build, and the rename settles it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FORMAT = 2
"""Layout of the folder itself (manifest fields, data file); bump when it changes.

2: the data file's checksum is its CRC-32 (`crc32`), no longer its SHA-256 (`sha256`).
"""
INDEX_LAYOUT = 1
"""Bump by hand when the index arrays change in a way the source hash would not show."""
MANIFEST = "manifest.json"
DATA = "arrays.bin"
_ALIGN = 64
_KEEP_OTHERS = 2
"""Caches of other releases kept beside the current one (a shard may still serve one)."""
_STALE_TEMP_SECONDS = 3600.0

T = TypeVar("T")


class CacheFaultError(Exception):
    """A cache folder that must not be used; the message says why, for the log line."""


@cache
def matcher_version() -> str:
    """A digest of everything the index is built with: the matcher's code, tables and models.

    Every `.py` and `.json` file of the `matching` package is hashed (the normalisation rules,
    the abbreviation and slang tables, the fitted models), so a changed matcher never maps an
    index laid out by an older one.
    """
    digest = hashlib.sha256(f"layout {INDEX_LAYOUT} format {FORMAT}".encode())
    package = resources.files("matching")
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".py", ".json")) and entry.is_file():
            digest.update(entry.name.encode() + b"\x00" + entry.read_bytes() + b"\x00")
    return digest.hexdigest()[:20]


def index_identity(release: Mapping[str, str]) -> dict[str, str]:
    """What a match index cache is built from: the release's data and this matcher."""
    return {"kind": "matcher", **release, "matcher": matcher_version()}


def folder_name(identity: Mapping[str, str]) -> str:
    """The cache folder for an identity: readable where it starts, unique where it ends."""
    text = json.dumps(dict(identity), sort_keys=True)
    kind = identity.get("kind", "arrays")
    release = identity.get("release", "")
    return f"{kind}-{release}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


# --- reading -----------------------------------------------------------------------------


def load(folder: Path, identity: Mapping[str, str]) -> Arrays:
    """Map the arrays of `folder`, after checking identity, length and CRC-32.

    Raises `CacheFaultError` (why not) or `FileNotFoundError` (no cache yet).
    """
    return _load_and_use(folder, identity, _as_they_are)


def _as_they_are(arrays: Arrays) -> Arrays:
    """The arrays themselves: what `load` makes of them."""
    return arrays


FileKey = tuple[int, int, int, int]
"""A data file as the system knows it: device, inode, length, modification time (ns)."""


def _open(
    folder: Path, identity: Mapping[str, str]
) -> tuple[mmap.mmap | bytes, int, int, Any, FileKey]:
    """The mapped data file, its length, its CRC-32 and its layout, as the manifest says.

    Everything `load` checks but the checksum; also which file was mapped (`check_ahead`).
    Raises as `load` does.
    """
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise CacheFaultError(f"unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CacheFaultError("written in another cache format")
    if manifest.get("identity") != dict(identity):
        raise CacheFaultError(f"stale: made for {manifest.get('identity')}")
    try:
        size, crc, layout = int(manifest["size"]), int(manifest["crc32"]), manifest["arrays"]
    except (KeyError, TypeError, ValueError):
        raise CacheFaultError("incomplete manifest") from None
    buffer, key = _map(folder / DATA, size)
    return buffer, size, crc, layout, key


def _check(found: int, expected: int) -> None:
    """Refuse a data file whose CRC-32 is not the one the manifest recorded."""
    if found != expected:
        raise CacheFaultError("checksum mismatch: the data file is corrupt")


class _BackgroundCrc:
    """The CRC-32 of a buffer, computed on a thread of its own; `value` waits for it.

    zlib releases the GIL while it checksums a large buffer, so the thread that started it
    goes on with Python work meanwhile. Where no thread can be started it is computed at once.
    """

    def __init__(self, buffer: mmap.mmap | bytes) -> None:
        self._value = 0
        self._thread: threading.Thread | None = threading.Thread(
            target=self._compute, args=(buffer,), name="cache-crc32", daemon=True
        )
        try:
            self._thread.start()
        except RuntimeError:  # no more threads (or the interpreter is shutting down)
            self._thread = None
            self._compute(buffer)

    def _compute(self, buffer: mmap.mmap | bytes) -> None:
        self._value = zlib.crc32(buffer)

    def value(self) -> int:
        if self._thread is not None:
            self._thread.join()
        return self._value


_AHEAD: dict[FileKey, _BackgroundCrc] = {}
"""Checksums `check_ahead` started, each taken by the first load of its file."""


def check_ahead(folder: Path) -> None:
    """Start the CRC-32 of `folder`'s data file now, for the load that comes next to use.

    A `willai ask` knows which cache it will map ~30 ms before it has imported the code that
    maps it; the ~9 ms checksum runs meanwhile, on the other core, instead of beside the index
    being made (~2 ms of Python), where it was most of the wait. The load still refuses the
    file unless this checksum is the manifest's: it is only computed earlier, and only used
    for the very file the load maps (same inode, length and time), whatever was renamed in
    between. A file that cannot be opened is left for the load to report.
    """
    try:
        with (folder / DATA).open("rb") as handle:
            found = os.fstat(handle.fileno())
            if not found.st_size:
                return
            buffer = mmap.mmap(handle.fileno(), found.st_size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return
    _AHEAD[_file_key(found)] = _BackgroundCrc(buffer)


def _file_key(found: os.stat_result) -> FileKey:
    """What tells one data file from another, even one renamed into the same place."""
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def _load_and_use(folder: Path, identity: Mapping[str, str], use: Callable[[Arrays], T]) -> T:
    """`use` the arrays of `folder`, checked as `load` checks them, the CRC-32 alongside.

    The object `use` makes is returned only once the checksum is right: with a wrong one it is
    dropped and `CacheFaultError` raised, whatever `use` made of the damaged arrays.
    """
    buffer, size, crc, layout, key = _open(folder, identity)
    checksum = _AHEAD.pop(key, None) or _BackgroundCrc(buffer)
    try:
        made = use(_views(buffer, size, layout))
    except BaseException:
        _check(checksum.value(), crc)  # damage explains the failure better than `use` does
        raise
    _check(checksum.value(), crc)
    return made


def _map(path: Path, size: int) -> tuple[mmap.mmap | bytes, FileKey]:
    """The data file, mapped read-only, if it has the length the manifest says; and its key."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            found = stat.st_size
            if found != size:
                raise CacheFaultError(f"truncated or grown: {found:,} bytes, expected {size:,}")
            if not size:
                return b"", _file_key(stat)
            return mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_READ), _file_key(stat)
    except OSError as exc:
        raise CacheFaultError(f"unreadable data file ({exc})") from None


def _views(buffer: mmap.mmap | bytes, size: int, layout: Any) -> Arrays:
    """Numpy views of the mapped file, each where the manifest says it lies."""
    arrays: Arrays = {}
    try:
        for name, where in layout.items():
            dtype = np.dtype(where["dtype"])
            shape = tuple(int(n) for n in where["shape"])
            offset = int(where["offset"])
            count = int(np.prod(shape, dtype=np.int64))
            if offset < 0 or offset + count * dtype.itemsize > size:
                raise CacheFaultError(f"array {name} lies outside the data file")
            arrays[name] = np.frombuffer(buffer, dtype, count, offset).reshape(shape)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CacheFaultError(f"unreadable array layout ({exc})") from None
    return arrays


# --- writing -----------------------------------------------------------------------------


def save(
    folder: Path, identity: Mapping[str, str], arrays: Arrays, *, replace: bool = False
) -> None:
    """Write `arrays` as the cache `folder`: built aside, then renamed into place at once.

    A sound cache already in place is kept (another process wrote the same arrays first)
    unless `replace` says the one there was refused, however sound its checksum.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        layout, size, crc = _write_data(temp / DATA, arrays)
        manifest = {
            "format": FORMAT,
            "identity": dict(identity),
            "size": size,
            "crc32": crc,
            "arrays": layout,
            "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _write_durably(temp / MANIFEST, json.dumps(manifest, indent=1).encode())
        temp.chmod(0o755)  # mkdtemp's 0700 would hide it from processes of other users
        _move_into_place(temp, folder, identity, replace=replace)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _write_data(path: Path, arrays: Arrays) -> tuple[dict[str, Any], int, int]:
    """Every array, one after the other, aligned; returns the layout, length and CRC-32."""
    layout: dict[str, Any] = {}
    crc = 0
    offset = 0
    with path.open("wb") as handle:
        for name in sorted(arrays):
            array = np.ascontiguousarray(arrays[name])
            pad = -offset % _ALIGN
            for chunk in (b"\x00" * pad, memoryview(array.reshape(-1).view(np.uint8))):
                handle.write(chunk)
                crc = zlib.crc32(chunk, crc)
            offset += pad
            layout[name] = {
                "dtype": array.dtype.str,
                "shape": list(array.shape),
                "offset": offset,
            }
            offset += array.nbytes
        handle.flush()
        os.fsync(handle.fileno())
    return layout, offset, crc


def _write_durably(path: Path, content: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _move_into_place(
    temp: Path, folder: Path, identity: Mapping[str, str], *, replace: bool = False
) -> None:
    """Rename the finished folder into place; a good cache already there wins, a bad one goes.

    Each rename is atomic: a reader sees the old folder, the new one, or none, never half.
    """
    with contextlib.suppress(OSError):
        temp.rename(folder)
        return
    if not replace:
        with contextlib.suppress(CacheFaultError, FileNotFoundError):
            load(folder, identity)
            return  # another process put a good one there first
    aside = folder.with_name(f".{folder.name}.{os.getpid()}.{time.monotonic_ns()}.old")
    with contextlib.suppress(FileNotFoundError):
        folder.rename(aside)
    try:
        temp.rename(folder)
    finally:
        shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def _lock(root: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock on `root/.name.lock` (waiting for it); nothing if none can be had."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = (root / f".{name}.lock").open("a+b")
    except OSError:
        yield  # a read-only cache: nothing will be written, so nothing to serialise
        return
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except OSError:  # a file system without locks: the atomic rename still keeps it whole
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def prune(root: Path, keep: str) -> None:
    """Drop caches of older releases (keeping a few) and temporary folders left by a crash."""
    with contextlib.suppress(OSError):
        kind = keep.split("-", 1)[0]
        others = [
            p
            for p in root.iterdir()
            if p.is_dir() and p.name != keep and p.name.startswith(f"{kind}-")
        ]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_KEEP_OTHERS:]:
            shutil.rmtree(old, ignore_errors=True)
            (root / f".{old.name}.lock").unlink(missing_ok=True)
        now = time.time()
        for temp in root.glob(f".{kind}-*"):
            if temp.is_dir() and now - temp.stat().st_mtime > _STALE_TEMP_SECONDS:
                shutil.rmtree(temp, ignore_errors=True)


# --- the one entry point ------------------------------------------------------------------


def load_or_build(
    root: Path | None,
    identity: Mapping[str, str],
    build: Callable[[], Arrays],
    use: Callable[[Arrays], T],
    *,
    what: str = "match index",
) -> T:
    """`use` the cached arrays of `identity` under `root`, building and caching them if need be.

    `use` turns arrays into the object wanted (and may refuse them by raising); `build` makes
    them afresh. With `root` None, or unwritable, the arrays are built in memory only.
    """
    if root is None:
        return use(build())
    folder = root / folder_name(identity)
    found, _ = _try(folder, identity, use, what)
    if found is not None:
        return found
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("%s cache unusable at %s (%s): built in memory", what, root, exc)
        return use(build())
    with _lock(root, folder.name):
        found, refused = _try(folder, identity, use, what, quiet=True)  # built while we waited?
        if found is not None:
            return found
        started = time.perf_counter()
        arrays = build()
        try:
            # A sound cache that `use` refused is replaced: kept, it would be refused again by
            # every process, each building its own in memory, for as long as it is wanted.
            save(folder, identity, arrays, replace=refused)
        except OSError as exc:
            log.warning("%s cache cannot be written at %s (%s): built in memory", what, root, exc)
            return use(arrays)
        log.info("%s built and cached in %.1f s at %s", what, time.perf_counter() - started, folder)
    prune(root, folder.name)
    mapped, _ = _try(folder, identity, use, what)  # the mapped pages are shared, the built not
    return use(arrays) if mapped is None else mapped


def lay_out(root: Path | None, identity: Mapping[str, str], build: Callable[[], Arrays]) -> None:
    """Make sure `root` holds the cache of `identity`, building it if need be.

    What an import and its index worker do: the arrays are checked and written, nothing is made
    of them.
    """
    load_or_build(root, identity, build, _laid_out)


def _laid_out(_arrays: Arrays) -> bool:
    """Arrays that passed the cache's checks are all `lay_out` asks for."""
    return True


def _try(
    folder: Path,
    identity: Mapping[str, str],
    use: Callable[[Arrays], T],
    what: str,
    *,
    quiet: bool = False,
) -> tuple[T | None, bool]:
    """The cache made usable, or None (with the reason logged) when it cannot be used.

    Also whether the cache there was sound (identity, length, checksum) and `use` refused it.
    """
    level, refused = logging.WARNING, False
    try:
        return _load_and_use(folder, identity, use), False
    except FileNotFoundError:
        level, reason = logging.INFO, "none yet"
    except CacheFaultError as exc:
        reason = str(exc)
    except (KeyError, IndexError, TypeError, ValueError) as exc:  # arrays `use` refused
        reason, refused = f"arrays do not fit: {exc!r}", True
    if not quiet:
        log.log(level, "%s cache at %s unusable (%s): building it", what, folder, reason)
    return None, refused
