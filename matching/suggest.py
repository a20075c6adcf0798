"""Prefix search for Discord autocomplete: answers while the user is still typing.

Discord calls autocomplete on every keystroke and drops answers slower than a few hundred
milliseconds, so this path never scores fuzzily unless the prefix search finds nothing. Two
sorted arrays answer it with binary search: whole labels ("nurse res" finds "nurse responsible
for general care") and single words ("care nur" finds labels with "care" and a word starting
"nur").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from matching.index import IndexData
from matching.normalise import clean, fold, singular
from matching.results import SUGGESTION_NAME_MAX, Suggestion

_SPACES = re.compile(r"[^\w+#]+|_")
_SCAN_LIMIT = 800
"""Labels inspected per request at most: bounds latency for one-letter prefixes."""


def _key(text: str) -> str:
    """Comparable form of a label or prefix: folded, punctuation as single spaces."""
    return " ".join(_SPACES.sub(" ", text).split())


@dataclass(slots=True)
class SuggestIndex:
    """Sorted label keys and sorted words, each with the label ids they lead to."""

    label_keys: list[str]
    label_ids: list[int]
    words: list[str]

    @classmethod
    def build(cls, data: IndexData) -> SuggestIndex:
        """Sort every label's folded text once; words come from the token index."""
        pairs = sorted((_key(text), i) for i, text in enumerate(data.lab_key))
        return cls([k for k, _ in pairs], [i for _, i in pairs], sorted(data.postings))


def _rank_key(data: IndexData, label_id: int) -> tuple[int, int]:
    """Preferred labels first, then shorter ones: "nurse" before "nurse in training"."""
    return (data.lab_kind[label_id], len(data.lab_text[label_id]))


def display_name(data: IndexData, label_id: int) -> str:
    """The matched label, with the English preferred label when they differ; <= 100 chars."""
    matched = data.lab_text[label_id]
    preferred = data.occ_labels[data.lab_occ[label_id]]
    name = preferred if fold(matched) == fold(preferred) else f"{matched} ({preferred})"
    if len(name) > SUGGESTION_NAME_MAX:
        name = name[: SUGGESTION_NAME_MAX - 1].rstrip() + "…"
    return name


def _whole_label_hits(index: SuggestIndex, key: str) -> list[int]:
    """Label ids whose folded text starts with the prefix."""
    start = bisect_left(index.label_keys, key)
    out: list[int] = []
    for pos in range(start, min(start + _SCAN_LIMIT, len(index.label_keys))):
        if not index.label_keys[pos].startswith(key):
            break
        out.append(index.label_ids[pos])
    return out


def _word_hits(data: IndexData, index: SuggestIndex, key: str) -> list[int]:
    """Label ids holding every complete word of the prefix and a word starting with the last."""
    words = key.split()
    partial = words[-1]
    required = {singular(w) for w in words[:-1]}
    start = bisect_left(index.words, partial)
    out: list[int] = []
    scanned = 0
    for pos in range(start, len(index.words)):
        word = index.words[pos]
        if not word.startswith(partial) or scanned >= _SCAN_LIMIT:
            break
        for label_id in data.postings[word][: _SCAN_LIMIT - scanned].tolist():
            scanned += 1
            if required.issubset(data.lab_tokens[label_id]):
                out.append(label_id)
            if scanned >= _SCAN_LIMIT:
                break
    return out


def suggest(data: IndexData, index: SuggestIndex, prefix: str, limit: int) -> list[Suggestion]:
    """Up to `limit` distinct occupations whose labels start with, or contain, the prefix."""
    key = _key(clean(prefix).replace("/", " "))
    if not key or limit <= 0:
        return []
    out: list[Suggestion] = []
    seen: set[int] = set()
    for finder in (_whole_label_hits, _word_hits):
        hits = (
            _whole_label_hits(index, key)
            if finder is _whole_label_hits
            else (_word_hits(data, index, key))
        )
        for label_id in sorted(hits, key=lambda i: _rank_key(data, i)):
            occ = data.lab_occ[label_id]
            if occ in seen:
                continue
            seen.add(occ)
            out.append(Suggestion(data.occ_uris[occ], display_name(data, label_id)))
            if len(out) >= limit:
                return out
    return out
