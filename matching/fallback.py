"""Whole-string search, for titles of which no word is known ("webdeveloper").

Compares the query character by character with every label that can reach the cutoff, without
scoring all ~75,000: first by length, then by the characters they can share at most.
"""

from __future__ import annotations

import math

import numpy as np
from rapidfuzz import fuzz, process

from matching.build import char_histograms
from matching.index import IndexData
from matching.scratch import SCRATCH

FALLBACK_CUTOFF = 82.0  # rapidfuzz ratio needed when no token of the query is known


def close_labels(data: IndexData, text: str, limit: int) -> list[tuple[float, int]]:
    """(ratio, label id) of the labels within `FALLBACK_CUTOFF` of `text`, best first.

    Ties go to the lower label id, and at most `limit` are returned.
    """
    # fuzz.ratio is 100 * 2 * common / (len_a + len_b), where common (the longest common
    # subsequence) is at most |len_a - len_b| short of the shorter length and at most the
    # characters the two share bucket by bucket. The first bound picks a run of lengths (the
    # texts are sorted by length), the second, in numpy, all but a few labels of it; both with a
    # margin, as the scorer re-checks exactly.
    share = (FALLBACK_CUTOFF - 1.0) / 100.0
    lengths = data.fallback_lens
    lo = int(np.searchsorted(lengths, math.floor(len(text) * share / (2.0 - share)), "left"))
    hi = int(np.searchsorted(lengths, math.ceil(len(text) * (2.0 - share) / share), "right"))
    # Rows of 256+ characters could overflow the byte sums; they sort last and are all scored.
    long_from = max(lo, min(hi, int(np.searchsorted(lengths, 256, "left"))))
    common = SCRATCH.common_chars(data.fallback_chars[lo:long_from], char_histograms([text])[0])
    near = np.flatnonzero(2.0 * common >= share * (len(text) + lengths[lo:long_from])) + lo
    positions = [*near.tolist(), *range(long_from, hi)]
    hits = process.extract(
        text,
        [data.fallback_texts[pos] for pos in positions],
        scorer=fuzz.ratio,
        score_cutoff=FALLBACK_CUTOFF,
        limit=None,
    )
    ids = data.fallback_ids
    found = sorted(
        ((ratio, ids[positions[i]]) for _, ratio, i in hits), key=lambda h: (-h[0], h[1])
    )
    return found[:limit]
