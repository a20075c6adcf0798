"""Flat containers over numpy arrays: strings, ragged rows and a word list.

The index is written to disk once per release and memory mapped by every process that
answers, so it has to be arrays, not Python lists of strings and tuples. These wrappers give
the matcher back the lookups it needs (the i-th string, the i-th row, a word's id) at a
fraction of a microsecond each, without unpacking the arrays into private Python objects.
Scalar reads go through `memoryview`s: indexing one returns a plain Python int or float,
several times faster than indexing a numpy array, which boxes a numpy scalar.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Arrays = dict[str, npt.NDArray[Any]]
"""A named set of arrays: what is built, written and mapped back."""

_SEPARATOR = "\x00"


def pack_strings(arrays: Arrays, name: str, strings: Iterable[str]) -> None:
    """Store strings as one UTF-8 blob (each followed by a NUL) and the byte offsets of each.

    `{name}_text` holds the blob, `{name}_at` the n + 1 offsets: string i is the bytes from
    `at[i]` to `at[i + 1] - 1`.
    """
    strings = strings if isinstance(strings, list) else list(strings)
    # One encode of everything joined, the offsets read off the separators: no bytes object
    # per string (the index's 90,000 labels would add ~10 MB to the build's peak).
    blob = np.frombuffer(
        "".join([_SEPARATOR.join(strings), _SEPARATOR if strings else ""]).encode("utf-8"),
        dtype=np.uint8,
    )
    ends = np.flatnonzero(blob == 0) + 1
    if len(ends) != len(strings):  # a string holds a NUL itself: measure each one
        ends = np.cumsum([len(text.encode("utf-8")) + 1 for text in strings], dtype=np.int64)
    offsets = np.zeros(len(strings) + 1, dtype=np.int64)
    offsets[1:] = ends
    arrays[f"{name}_text"] = blob
    arrays[f"{name}_at"] = offsets


def pack_rows(
    arrays: Arrays, name: str, rows: Sequence[Sequence[int]], dtype: npt.DTypeLike = np.int32
) -> None:
    """Store ragged integer rows as CSR: `{name}_at` (n + 1 offsets) and `{name}` (the values)."""
    # Straight from the rows into the array: no flat Python list of every value on the way.
    pack_flat(arrays, name, [len(row) for row in rows], itertools.chain.from_iterable(rows), dtype)


def pack_flat(
    arrays: Arrays,
    name: str,
    lengths: Sequence[int],
    values: Iterable[int] | npt.NDArray[Any],
    dtype: npt.DTypeLike = np.int32,
) -> None:
    """Store rows as `pack_rows` does, given their lengths and all their values one after another.

    For rows the build can stream or compute as one array: no list per row on the way (the
    words of the index's ~75,000 labels would take as many lists, made only to be read once).
    """
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    if isinstance(values, np.ndarray):
        if len(values) != offsets[-1]:
            raise ValueError(f"{name}: {len(values)} values for rows of {offsets[-1]}")
        arrays[name] = values.astype(dtype, copy=False)
    else:
        arrays[name] = np.fromiter(values, dtype=dtype, count=int(offsets[-1]))
    arrays[f"{name}_at"] = offsets


def scalars(array: npt.NDArray[Any]) -> memoryview:
    """A view whose items index to Python scalars (int, float, bool)."""
    return memoryview(np.ascontiguousarray(array))


class StringTable(Sequence[str]):
    """The strings `pack_strings` stored, read one at a time as they are asked for."""

    __slots__ = ("_at", "_blob", "_count")

    def __init__(self, arrays: Arrays, name: str) -> None:
        self._blob = scalars(arrays[f"{name}_text"])
        self._at = scalars(arrays[f"{name}_at"])
        self._count = len(self._at) - 1

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i: Any) -> Any:  # an int; slices are not needed
        if i < 0:
            i += self._count
        return str(self._blob[self._at[i] : self._at[i + 1] - 1], "utf-8")

    def raw(self, i: int) -> bytes:
        """String i as its UTF-8 bytes, which sort as the strings do (by code point)."""
        return bytes(self._blob[self._at[i] : self._at[i + 1] - 1])

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_list())

    def to_list(self) -> list[str]:
        """Every string at once: one decode and one split, for tables unpacked on load."""
        parts = str(self._blob, "utf-8").split(_SEPARATOR)
        if len(parts) == self._count + 1:
            return parts[:-1]
        return [self[i] for i in range(self._count)]  # a string holding a NUL itself

    def prefix_range(self, prefix: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """Where the strings starting with `prefix` lie, in a table sorted by code point.

        Two binary searches over the UTF-8 bytes: every string starting with the prefix sorts
        at or after it and before the prefix followed by 0xFF, a byte UTF-8 never uses.
        """
        key = prefix.encode("utf-8")
        hi = self._count if hi is None else hi
        start = self._bisect(key, lo, hi)
        return start, self._bisect(key + b"\xff", start, hi)

    def find(self, text: str) -> int | None:
        """Where `text` is in a table sorted by code point, or None: one binary search.

        Some microseconds, where a dict probe costs a tenth of one, but nothing to build first.
        A lone surrogate (which no stored string holds) is encoded as such and never found.
        """
        key = text.encode("utf-8", "surrogatepass")
        at = self._bisect(key, 0, self._count)
        return at if at < self._count and self.raw(at) == key else None

    def _bisect(self, key: bytes, lo: int, hi: int) -> int:
        """The first position in [lo, hi) whose string is not below `key` (bisect_left)."""
        blob, at = self._blob, self._at
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(blob[at[mid] : at[mid + 1] - 1]) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo


class Rows(Sequence[npt.NDArray[Any]]):
    """The rows `pack_rows` stored, each a numpy view of the shared values."""

    __slots__ = ("_at", "values", "values_at")

    def __init__(self, arrays: Arrays, name: str) -> None:
        self.values = arrays[name]
        self.values_at = arrays[f"{name}_at"]
        self._at = scalars(self.values_at)

    def __len__(self) -> int:
        return len(self._at) - 1

    def __getitem__(self, i: Any) -> Any:  # an int; slices are not needed
        return self.values[self._at[i] : self._at[i + 1]]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where rows first..last-1 lie in `values`, one after the other."""
        return self._at[first], self._at[last]


LOAD_AFTER = 512
"""Binary searches a `Vocabulary` makes before it builds its dict.

About as long as the ~25,000-word dict takes to build (~3 ms): a one-shot answer probes a few
dozen words, so it never builds it; a process answering many titles builds it within its
first queries (or at `IndexData.warm_up`, before a bot forks), and probes a dict from then on.
"""


class Vocabulary(Mapping[str, int]):
    """A sorted word list: word -> id (its position) and back, built into Python objects lazily.

    Decoding and hashing the ~25,000 words of the full index costs ~5 ms per process, more
    than a one-shot `willai ask` spends matching: a few dozen lookups, a binary search over the
    mapped bytes each (`StringTable.find`), a few microseconds. After `LOAD_AFTER` searches,
    or when asked to (`load`), the word list and the dict are made once: a process answering
    many titles probes a dict, a tenth of a microsecond a word.
    """

    __slots__ = ("_ids", "_searches", "_words", "table")

    def __init__(self, arrays: Arrays, name: str) -> None:
        self.table = StringTable(arrays, name)
        self._words: Sequence[str] = self.table  # the list, once made
        self._ids: dict[str, int] | None = None
        self._searches = 0

    @property
    def words(self) -> Sequence[str]:
        """Id -> word: the table (a decode per word) until the list is made, then the list."""
        return self._words

    @property
    def ids(self) -> Mapping[str, int]:
        """Word -> id (the vocabulary itself: a Mapping that searches until it has loaded)."""
        return self

    def word_list(self) -> list[str]:
        """Every word in id order, decoded now if not yet: for scans of the whole vocabulary."""
        if not isinstance(self._words, list):
            self._words = self.table.to_list()
        return self._words

    def load(self) -> dict[str, int]:
        """The word -> id dict, made now if not yet; lookups probe it from then on."""
        if self._ids is None:
            words = self.word_list()
            self._ids = dict(zip(words, range(len(words)), strict=True))
        return self._ids

    def get(self, word: str, default: Any = None) -> Any:
        """The word's id, or `default` when it is not in the vocabulary."""
        ids = self._ids
        if ids is None:
            if self._searches < LOAD_AFTER:
                self._searches += 1
                found = self.table.find(word) if isinstance(word, str) else None
                return default if found is None else found
            ids = self.load()
        return ids.get(word, default)

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return self.get(word) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.word_list())
