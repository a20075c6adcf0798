"""Prefix search for Discord autocomplete: answers while the user is still typing.

Discord calls autocomplete on every keystroke and drops answers slower than a few hundred
milliseconds, so this path never scores fuzzily unless the prefix search finds nothing. Two
sorted tables of the index answer it with binary search: whole labels ("nurse res" finds
"nurse responsible for general care") and single words ("care nur" finds labels with "care"
and a word starting "nur").
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.build import prefix_key
from matching.index import IndexData
from matching.normalise import clean, fold, singular
from matching.results import SUGGESTION_NAME_MAX, Suggestion

_SCAN_LIMIT = 800
"""Labels inspected per request at most: bounds latency for one-letter prefixes."""


def display_name(data: IndexData, label_id: int) -> str:
    """The matched label, with the English preferred label when they differ; <= 100 chars."""
    matched = data.lab_text[label_id]
    preferred = data.occ_labels[data.lab_occ[label_id]]
    name = preferred if fold(matched) == fold(preferred) else f"{matched} ({preferred})"
    if len(name) > SUGGESTION_NAME_MAX:
        name = name[: SUGGESTION_NAME_MAX - 1].rstrip() + "…"
    return name


def _whole_label_hits(data: IndexData, key: str) -> npt.NDArray[np.int32]:
    """Ids of the (first `_SCAN_LIMIT`) labels whose folded text starts with the prefix."""
    start, end = data.suggest_keys.prefix_range(key)
    return data.suggest_ids[start : min(end, start + _SCAN_LIMIT)]


def _word_hits(data: IndexData, key: str) -> npt.NDArray[np.int32]:
    """Label ids holding every complete word of the prefix and a word starting with the last.

    The words starting with the last are neighbours in the sorted word table, and so are
    their postings: the first `_SCAN_LIMIT` label ids of them all are one slice.
    """
    words = key.split()
    first, last = data.words.table.prefix_range(words[-1])
    start, end = data.postings_rows.span(first, last)
    ids = data.postings_rows.values[start : min(end, start + _SCAN_LIMIT)]
    for word in {singular(w) for w in words[:-1]}:
        holders = data.postings.get(word)
        if holders is None or not len(holders) or not len(ids):
            return ids[:0]
        at = np.minimum(np.searchsorted(holders, ids), len(holders) - 1)
        ids = ids[holders[at] == ids]
    return ids


def suggest(data: IndexData, prefix: str, limit: int) -> list[Suggestion]:
    """Up to `limit` distinct occupations whose labels start with, or contain, the prefix.

    Within each search, preferred labels come first, then shorter ones: "nurse" before
    "nurse in training" (a stable sort, so ties keep the search's order).
    """
    key = prefix_key(clean(prefix).replace("/", " "))
    if not key or limit <= 0:
        return []
    out: list[Suggestion] = []
    seen: set[int] = set()
    for hits in (_whole_label_hits(data, key), _word_hits(data, key)):
        order = np.lexsort((data.lab_chars[hits], data.lab_kind_arr[hits]))
        for label_id in hits[order].tolist():
            occ = data.lab_occ[label_id]
            if occ in seen:
                continue
            seen.add(occ)
            out.append(Suggestion(data.occ_uris[occ], display_name(data, label_id)))
            if len(out) >= limit:
                return out
    return out
