"""Per-thread working arrays of the ranker, reused from query to query.

Summing credits into dense arrays over all labels is one C call per query word; allocating
arrays of ~75,000 labels (or a few MB of character counts) per query would cost more than the
work itself, page faults included. So each thread keeps its own set.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

from matching.build import CHAR_BUCKETS

_BYTE_SUM = np.uint64(0x0101010101010101)  # times a word of 8 bytes: their sum in the top byte


class Scratch(threading.local):
    """One thread's arrays, grown to the largest index it has served.

    `query` and `label` are all zero between queries: whoever adds to them resets the entries
    it touched. The others are written before they are read.
    """

    def __init__(self) -> None:
        self.query = np.zeros(0)
        self.label = np.zeros(0)
        self.slot = np.zeros(0, dtype=np.intp)
        self.chars = np.zeros((0, CHAR_BUCKETS), dtype=np.uint8)

    def ensure(self, n_labels: int) -> None:
        if len(self.query) < n_labels:
            self.query = np.zeros(n_labels)
            self.label = np.zeros(n_labels)
            self.slot = np.zeros(n_labels, dtype=np.intp)

    def common_chars(
        self, rows: npt.NDArray[np.uint8], query: npt.NDArray[np.uint8]
    ) -> npt.NDArray[np.uint64]:
        """Per row, the sum over buckets of min(row, query): characters the two may share.

        Rows are texts under 256 characters, so any 8 buckets sum below 256 and fit the top
        byte of one 64-bit word, where a multiplication adds them up. Computed in a reused
        buffer: fresh arrays of a few MB per query would cost page faults on every call.
        """
        if len(self.chars) < len(rows):
            self.chars = np.empty((len(rows), CHAR_BUCKETS), dtype=np.uint8)
        mins = self.chars[: len(rows)]
        np.minimum(rows, query, out=mins)
        words = mins.view(np.uint64)
        words *= _BYTE_SUM
        words >>= np.uint64(56)
        return words[:, 0] + words[:, 1] + words[:, 2] + words[:, 3]

    def positions(
        self, ids: npt.NDArray[np.int32], wanted: npt.NDArray[np.int32]
    ) -> npt.NDArray[np.intp]:
        """Where each of `wanted` sits in `ids` (distinct label ids holding every wanted one)."""
        self.slot[ids] = np.arange(len(ids))
        return self.slot[wanted]

    def last_writes(self, ids: npt.NDArray[np.int32]) -> npt.NDArray[np.bool_]:
        """Mask of the entries of `ids` that are the last occurrence of their label id."""
        order = np.arange(len(ids))
        self.slot[ids] = order  # a repeated index keeps its last assignment
        return self.slot[ids] == order


SCRATCH = Scratch()
