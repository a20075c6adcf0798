"""What one query word stands for: itself, its same-stem relatives or its typo fixes.

A word resolves to indexed tokens, each with a quality in (0, 1], and through their postings to
the labels it reaches. Both are remembered per word: people type the same words again and
again ("manager", "assistant"), so the typo search and the merge of "manager" with
"management" and "managerial" are done once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from matching.index import IndexData
from matching.normalise import TYPO_MIN_CHARS, QueryTerms, stem

STEM_QUALITY = 0.75  # credit for "marketer" when the label says "marketing"
TYPO_QUALITY = 0.85  # credit for a token reached by typo correction, times its similarity
AMBIGUOUS_TYPO_LEN = 7  # below this length a typo with several equally close fixes is dropped
FIRST_LETTER_TYPO_LEN = 6  # from this length a slip in the first letter is corrected too
DOMINANT_TYPO_FIX = 3  # an equally close fix this many times more common than the rest wins
REACH_CACHE = 4096  # words whose `Reach` is kept (a few MB at most)
_UNSEEN = object()

MASCULINE_OF: tuple[tuple[str, str], ...] = (
    ("innen", ""),  # de: Psychiaterinnen
    ("in", ""),  # de: Psychiaterin
    ("euse", "eur"),  # fr: vendeuse
    ("trice", "teur"),  # fr: conductrice
    ("ienne", "ien"),  # fr: mecanicienne
    ("iere", "ier"),  # fr: ouvriere
    ("eure", "eur"),  # fr: ingenieure
    ("ante", "ant"),  # fr: assistante
    ("ora", "or"),  # es: programadora
    ("a", "o"),  # es: enfermera
)
"""Feminine endings of German, French and Spanish job words (accents folded) and the
masculine ending each replaces, longest first."""
GENDER_FOLD_MIN_CHARS = 6
"""Below this a feminine-looking ending is as likely a short word of its own ("cabin")."""


def _max_typo_edits(token: str) -> int:
    """Short words tolerate one slip, long ones two; below five letters a typo is a guess.

    At four letters one edit reaches too much: "asdf" became "adf", a testing acronym.
    """
    if len(token) < TYPO_MIN_CHARS:
        return 0
    return 1 if len(token) < 9 else 2


def resolve(data: IndexData, token: str) -> list[tuple[str, float]]:
    """Indexed tokens a query token may stand for, each with a match quality in (0, 1]."""
    if token in data.postings:
        out = [(token, 1.0)]
        out.extend(
            (other, STEM_QUALITY)
            for other in data.stem_groups.get(stem(token), ())
            if other != token
        )
        return out
    masculine = masculine_forms(token)
    for form in masculine:
        if form in data.postings:  # "Psychiaterin" where ESCO names only the Psychiater
            return resolve(data, form)
    edits = _max_typo_edits(token)
    if not edits:
        return []
    hits = _closest_in_bucket(data, token, edits)
    for form in masculine if hits else ():
        if len(form) < GENDER_FOLD_MIN_CHARS:
            continue  # "curtain" is not the feminine of a "curta"
        # A slip in the masculine form counts its edits only: "Psychiaterin" is no edit
        # from "Psychiater", one transposition from ESCO's French "psychiatre", where as
        # typed it is two from "psychiatrie". Only a closer fix replaces one: a feminine
        # no word is near goes to the whole-string search ("Personalerin").
        fixes = _closest_in_bucket(data, form, _max_typo_edits(form))
        if fixes and fixes[0][1] < hits[0][1]:
            hits = fixes
    if not hits and len(token) >= FIRST_LETTER_TYPO_LEN:
        # The first letter itself slipped ("xashier", "ohotographer"): one edit, any letter.
        lengths = range(len(token) - 1, len(token) + 2)
        hits = _closest(
            token,
            [w for (_, n), words in data.vocab_by_len.items() if n in lengths for w in words],
            1,
        )
    if not hits:
        return []
    best = min(dist for _, dist, _ in hits)
    tied = [word for word, dist, _ in hits if dist == best]
    if len(tied) > 1:
        tied = _dominant(data, tied)
    if len(token) < AMBIGUOUS_TYPO_LEN and len(tied) > 1:
        return []  # a short word with two fixes alike in commonness: a guess, not a correction
    return [(word, TYPO_QUALITY * (1.0 - best / max(len(token), len(word)))) for word in tied]


RARE_TOKEN = 2
"""A known word in at most this many labels may itself be a slip ESCO kept ("manger")."""


def in_context(data: IndexData, token: str, context: npt.NDArray[np.int32]) -> Reach | None:
    """The one typo fix of `token` that shares a label with the query's other words.

    "kitchen poter": "poter" is one edit from "power", "pater" and "porter", too close to
    call alone, but only "porter" is in a label with "kitchen". Also for a word ESCO spells
    in one or two labels only, often a misspelling of its own ("warehouse manger"). None
    when no fix, or more than one, is in such a label. A rare word keeps its own labels too.
    """
    if token in data.postings and len(data.postings[token]) > RARE_TOKEN:
        return None
    edits = max(_max_typo_edits(token), 1 if len(token) >= 4 else 0)
    if not edits or not len(context):
        return None
    fixes = [
        (word, dist)
        for word, dist, _ in _closest_in_bucket(data, token, edits)
        if word != token and np.intersect1d(data.postings[word], context).size
    ]
    if len(fixes) != 1:
        return None
    word, dist = fixes[0]
    fix = (word, TYPO_QUALITY * (1.0 - dist / max(len(token), len(word))))
    # A rare word that is itself indexed keeps its own labels: "mangler" is a job too.
    return _merge(data, [(token, 1.0), fix] if token in data.postings else [fix])


def masculine_forms(token: str) -> list[str]:
    """The token with a feminine ending swapped for the masculine one, if it has one.

    ESCO's German, French and Spanish labels give most jobs in both genders, but not all:
    "Psychiaterin" and "Krankenpflegehelferin" are in no label, while their masculine forms
    (or a one-letter slip from them) are. Only unknown words get here, so "Designerin" and
    "enfermera", which ESCO spells, are read as typed.
    """
    if len(token) < GENDER_FOLD_MIN_CHARS or not token.isalpha():
        return []
    return [
        token[: -len(feminine)] + masculine
        for feminine, masculine in MASCULINE_OF
        if token.endswith(feminine) and len(token) - len(feminine) >= 4
    ][:1]


def _closest_in_bucket(data: IndexData, token: str, edits: int) -> list[tuple[str, int, int]]:
    """The closest indexed words of the same first letter and a length within `edits`."""
    lengths = range(len(token) - edits, len(token) + edits + 1)
    return _closest(
        token, [w for n in lengths for w in data.vocab_by_len.get((token[0], n), ())], edits
    )


def _closest(token: str, choices: list[str], edits: int) -> list[tuple[str, int, int]]:
    """The (at most three) indexed words within `edits` edits of `token`."""
    return process.extract(token, choices, scorer=OSA.distance, score_cutoff=edits, limit=3)


def _dominant(data: IndexData, words: list[str]) -> list[str]:
    """The one word far more common than the others equally close, else all of them.

    "drvier" is one transposition from "driver" and one deletion from "drier": people mean
    the word that names many jobs, not the rare one.
    """
    sizes = sorted(((len(data.postings[w]), w) for w in words), reverse=True)
    if sizes[0][0] >= DOMINANT_TYPO_FIX * sizes[1][0]:
        return [sizes[0][1]]
    return words


@dataclass(frozen=True, slots=True)
class Reach:
    """What one query token stands for and, over all its variants, the labels it reaches.

    A label reached through several variants takes the best one's quality (the earliest on
    ties): in "technician", the label's own "technician" beats its relative "technical".
    """

    variants: list[tuple[str, float]]
    idf: float  # of the best variant (the rarest among equally good ones): the token's weight
    ids: npt.NDArray[np.int32]  # distinct label ids
    quality: npt.NDArray[np.float64] | float  # per label, or one for all
    label_credit: npt.NDArray[np.float64] | float  # IDF of the variant in the label x quality


def reach(data: IndexData, token: str) -> Reach | None:
    """`resolve` and the merge of its variants' postings, remembered per token (see above)."""
    cache = data.reach_cache
    found = cache.get(token, _UNSEEN)  # one lookup: another thread may clear the cache
    if found is not _UNSEEN:
        return found
    variants = resolve(data, token)
    found = _merge(data, variants) if variants else None
    if len(cache) >= REACH_CACHE:
        cache.clear()  # cheaper than LRU bookkeeping; refilled by the next few queries
    cache[token] = found
    return found


def reach_token(data: IndexData, token: str, terms: QueryTerms) -> Reach | None:
    """`reach` of a query token; for one the plural fold cut too short, of the word typed.

    "nures" is "nure" to the index's words, too short to correct, but one transposition from
    "nurse" as typed (`normalise.QueryTerms.as_typed`).
    """
    found = reach(data, token)
    if found is None and terms.as_typed:
        typed = dict(terms.as_typed).get(token)
        if typed is not None:
            found = reach(data, typed)
    return found


def _merge(data: IndexData, variants: list[tuple[str, float]]) -> Reach:
    top_quality = variants[0][1]
    idf = max(data.idf[word] for word, q in variants if q == top_quality)
    if len(variants) == 1:
        word, quality = variants[0]
        return Reach(variants, idf, data.postings[word], quality, data.idf[word] * quality)
    # Weakest variant first, so the winner for each label is its last entry; reversed, its
    # first, which np.unique (a stable sort) keeps.
    order = sorted(range(len(variants)), key=lambda i: (variants[i][1], -i))
    words = [variants[i][0] for i in order]
    qualities = [variants[i][1] for i in order]
    sizes = [len(data.postings[w]) for w in words]
    all_ids = np.concatenate([data.postings[w] for w in words])[::-1]
    quality = np.repeat(qualities, sizes)[::-1]
    label_credit = np.repeat(
        [data.idf[w] * q for w, q in zip(words, qualities, strict=True)], sizes
    )[::-1]
    ids, first = np.unique(all_ids, return_index=True)
    return Reach(variants, idf, ids, quality[first], label_credit[first])
