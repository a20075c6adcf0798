"""Whole-string search, for titles of which no word is known ("webdeveloper").

Compares the query character by character with every label that can reach the cutoff, without
scoring all ~75,000: first by length, then by the characters they can share at most.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
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
    hits = scored_in_run(
        data,
        text,
        range(lo, hi),
        may_reach=lambda common, run: 2.0 * common >= share * (len(text) + run),
        scorer=fuzz.ratio,
        cutoff=FALLBACK_CUTOFF,
    )
    return sorted(hits, key=lambda h: (-h[0], h[1]))[:limit]


def scored_in_run(
    data: IndexData,
    text: str,
    run: range,
    *,
    may_reach: Callable[[npt.NDArray[np.int64], npt.NDArray[np.int32]], npt.NDArray[np.bool_]],
    scorer: Callable[..., float],
    cutoff: float,
) -> list[tuple[float, int]]:
    """(score, label id) of the whole-string texts in `run` that `scorer` puts within `cutoff`.

    `run` is a slice of the texts, which are sorted by length. `may_reach(common, lengths)`
    tells, from the characters each text shares with `text` at most (bucket by bucket,
    `build.char_histograms`) and its length, which texts can reach the cutoff: only those are
    scored. Texts of 256+ characters could overflow the byte sums; they sort last and are all
    scored.
    """
    lo, hi = run.start, run.stop
    lengths = data.fallback_lens
    long_from = max(lo, min(hi, int(np.searchsorted(lengths, 256, "left"))))
    common = SCRATCH.common_chars(data.fallback_chars[lo:long_from], char_histograms([text])[0])
    near = np.flatnonzero(may_reach(common.astype(np.int64), lengths[lo:long_from])) + lo
    positions = [*near.tolist(), *range(long_from, hi)]
    hits = process.extract(
        text,
        [data.fallback_texts[pos] for pos in positions],
        scorer=scorer,
        score_cutoff=cutoff,
        limit=None,
    )
    ids = data.fallback_ids
    return [(score, ids[positions[i]]) for _, score, i in hits]
