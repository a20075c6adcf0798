"""Labels a slip or two away from a whole title: "kiropractor", "event planer", "nures".

A misspelt name is still a name. When the title, character by character, is within one or two
edits of ESCO labels, and the closest of them all say the same thing, the person meant that
name, and the name rules (`names`) can answer it as if it had been typed right.

Only the labels that can be that close are compared: those of a length within the edits
allowed (the texts are sorted by length), and of them those sharing enough characters, bucket
by bucket (`build.char_histograms`), all checked at once in numpy.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from matching.build import char_histograms
from matching.index import IndexData
from matching.scratch import SCRATCH

MIN_CHARS = 5
"""Shorter titles are one edit from too many words to guess ("cook": cool, book)."""
MAX_CHARS = 32
"""Longer titles are job-ad lines, which the ranker reads better than a whole-string guess."""
MAX_WORDS = 3
"""Nor is a title of more words a name typed with a slip ("vetinary nurse" has two)."""


def max_edits(text: str) -> int:
    """One slip in a short title, two from nine characters on ("farmacist"), as for words."""
    return 1 if len(text) < 9 else 2


def closest_labels(data: IndexData, typed: str, text: str) -> tuple[int, list[int]]:
    """The fewest edits from `text` to any label's words, and every label that close.

    `text` is the title `typed` in words as labels are indexed (`normalise.label_tokens`,
    joined by spaces: "nures" is "nure"). (0, []) when no label is within `max_edits`, or
    the title as typed is too short or long.
    """
    if not MIN_CHARS <= len(typed) <= MAX_CHARS or not text or text.count(" ") >= MAX_WORDS:
        return 0, []
    edits = max_edits(text)
    lengths = data.fallback_lens
    lo = int(np.searchsorted(lengths, len(text) - edits, "left"))
    hi = int(np.searchsorted(lengths, len(text) + edits, "right"))
    if lo >= hi:
        return 0, []
    # Each edit costs at most one shared character of the longer string.
    common = SCRATCH.common_chars(data.fallback_chars[lo:hi], char_histograms([text])[0])
    longer = np.maximum(lengths[lo:hi], len(text))
    positions = (np.flatnonzero(common.astype(np.int64) >= longer - edits) + lo).tolist()
    hits = process.extract(
        text,
        [data.fallback_texts[pos] for pos in positions],
        scorer=OSA.distance,
        score_cutoff=edits,
        limit=None,
    )
    if not hits:
        return 0, []
    best = min(dist for _, dist, _ in hits)
    ids = data.fallback_ids
    return int(best), sorted(ids[positions[i]] for _, dist, i in hits if dist == best)
