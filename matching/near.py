"""Labels a slip or two away from a whole title: "kiropractor", "event planer", "nures".

A misspelt name is still a name. When the title, character by character, is within one or two
edits of ESCO labels, and the closest of them all say the same thing, the person meant that
name, and the name rules (`names`) can answer it as if it had been typed right.

Only the labels that can be that close are compared: those of a length within the edits
allowed, and of them those sharing enough characters (`fallback.scored_in_run`, the
whole-string search's scan).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import OSA

from matching.fallback import scored_in_run
from matching.index import IndexData

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
    hits = scored_in_run(
        data,
        text,
        range(lo, hi),
        # Each edit costs at most one shared character of the longer string.
        may_reach=lambda common, run: common >= np.maximum(run, len(text)) - edits,
        scorer=OSA.distance,
        cutoff=edits,
    )
    if not hits:
        return 0, []
    best = min(dist for dist, _ in hits)
    closest = sorted(label_id for dist, label_id in hits if dist == best)
    if " " in text:
        return int(best), closest
    # People rarely miss a word's first letter (Pollock and Zamora 1984: about 7% of
    # misspellings): of labels equally close to a one-word title, those that start as it does
    # win ("bookeeper" is bookkeeper, not zookeeper). Not in longer titles, whose short words
    # are often acronyms ("SAS Consultant"), better left to the ranker than corrected.
    same_start = [
        label_id
        for label_id in closest
        if data.lab_tokens[label_id] and data.lab_tokens[label_id][0][:1] == text[:1]
    ]
    return int(best), same_start or closest
