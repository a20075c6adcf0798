"""Titles that are a name of an occupation: answer at once, or ask in the everyday order.

Most people type a job's plain name ("electrician", "nurse", "Lehrer"), not a job ad. When the
words typed are, word for word, ESCO's preferred name of one occupation, that occupation is the
answer: no learned model needs to weigh it, and the confidence model, which learned from job
ads whose silver tags agree with an exact ESCO name only about half the time, would doubt it.

When the name is shared, or is one generic word that heads many names ("teacher" is in the
names of some two hundred occupations, and ESCO lists it as an alternative name of *politics
lecturer*), the occupations it reaches are ordered by the commonness prior (`prior`): the
everyday sense first. The first is given as the answer only when it is clearly ahead, at
least `PriorModel.answer_ratio` times as likely as the second, as *nurse responsible for
general care* is for "nurse"; otherwise the user is asked, school teachers first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.index import IndexData
from matching.normalise import QueryTerms
from matching.prior import CHOICE_FEATURES, MAX_EXTRA_WORDS, PriorModel, choice_shares
from matching.reach import reach

PREFERRED_CONFIDENCE = 0.95
"""Confidence given to the one occupation whose preferred name was typed (docs/matching.md)."""
GENERIC_HOLDERS = 3
"""A one-word title found in the names of at least this many occupations is a generic name."""
MAX_HOLDERS = 50
"""Occupations a name's answer lists at most (the matcher's deepest ranking)."""
_EXACT = CHOICE_FEATURES.index("exact")


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """The occupations a typed name reaches, in the order to offer them."""

    occs: tuple[int, ...]
    label_ids: tuple[int, ...]  # per occupation, its name closest to the one typed
    confidences: tuple[float, ...]
    answer: bool


@dataclass(frozen=True, slots=True)
class Holders:
    """The occupations with a name holding every word typed, and what the choice reads."""

    occs: npt.NDArray[np.intp]
    label_ids: npt.NDArray[np.intp]  # the closest such name of each
    rows: npt.NDArray[np.float64]  # `prior.CHOICE_FEATURES`, one row per occupation
    preferred: npt.NDArray[np.bool_]  # the name typed is this occupation's preferred name


def key_words(
    data: IndexData, terms: QueryTerms, *, keep_soft: bool = False
) -> tuple[str, ...] | None:
    """The words that name the job, each as the index spells it; None when one is unknown.

    Seniority words (unless `keep_soft`: "head chef" is a name of its own) and trailing extras
    ("- London", "(contract)") are left out. A misspelt word counts as its correction only
    when exactly one correction is closest.
    """

    def wanted(token: str) -> bool:
        return keep_soft or token not in terms.soft

    content = [t for t in terms.tokens if wanted(t) and t not in terms.minor]
    content = content or [t for t in terms.tokens if wanted(t)]
    words: list[str] = []
    for token in content:
        if token in data.postings:
            words.append(token)
            continue
        found = reach(data, token)
        if found is None or len(found.variants) != 1:
            return None
        words.append(found.variants[0][0])
    return tuple(dict.fromkeys(words)) or None


def holders(data: IndexData, key: tuple[str, ...], everyday_rows: npt.NDArray) -> Holders | None:
    """Every occupation with a name holding all of `key`, with its choice features."""
    ids = data.postings[key[0]]
    for word in key[1:]:
        ids = np.intersect1d(ids, data.postings[word], assume_unique=True)
        if not len(ids):
            return None
    extra = data.lab_len_arr[ids].astype(np.intp) - len(key)
    occ = data.lab_occ_arr[ids]
    order = np.lexsort((ids, extra, occ))  # per occupation, its closest name first
    occ, ids, extra = occ[order], ids[order], extra[order]
    first = np.flatnonzero(np.r_[True, occ[1:] != occ[:-1]])
    foreign = data.lab_foreign_arr[ids]
    english = np.logical_or.reduceat(~foreign, first)
    # A German "Manager" names one occupation, the English "manager" dozens: a name typed in
    # a language's form counts as that language's preferred name only where English has no
    # label with those words.
    exact_preferred = (extra == 0) & (data.lab_kind_arr[ids] == 0) & (~foreign | foreign.all())
    preferred = np.logical_or.reduceat(exact_preferred, first)
    # "security manager" is an alternative name of *security guard*: reached only through
    # such names, an occupation is a weaker sense of the word than one whose own name holds it.
    in_preferred = np.logical_or.reduceat(data.lab_kind_arr[ids] == 0, first)
    owners = occ[first]
    closest = extra[first]
    rows = np.column_stack(
        [
            everyday_rows[owners],
            (closest == 0).astype(np.float64),
            np.minimum(closest, MAX_EXTRA_WORDS).astype(np.float64),
            (~english).astype(np.float64),
            (~in_preferred).astype(np.float64),
        ]
    )
    return Holders(owners, ids[first], rows, preferred)


def exact_name(data: IndexData, terms: QueryTerms) -> NameEvidence | None:
    """The occupation whose English preferred name is exactly what was typed, if only one's.

    As typed, or as the everyday-words table spells it ("Erzieher": early years teacher).
    """
    label_id = data.preferred_keys.get(terms.typed)
    if label_id is None:
        label_id = data.preferred_keys.get(terms.spelled)
    if label_id is None:
        return None
    return NameEvidence((data.lab_occ[label_id],), (label_id,), (PREFERRED_CONFIDENCE,), True)


def name_evidence(data: IndexData, terms: QueryTerms, model: PriorModel) -> NameEvidence | None:
    """The answer or question a typed name calls for; None when the title is not a name."""
    found, key = None, None
    if terms.soft:  # "head chef", "senior lecturer": a preferred name with its rank word
        key = key_words(data, terms, keep_soft=True)
        found = None if key is None else holders(data, key, data.occ_prior)
        if found is not None and found.preferred.sum() != 1:
            found = None
    if found is None:
        key = key_words(data, terms)
        found = None if key is None else holders(data, key, data.occ_prior)
    if found is None or key is None:
        return None
    exact = found.rows[:, _EXACT] > 0
    owners = np.flatnonzero(found.preferred)
    if len(owners) != 1 and (
        len(key) > 1 or (not exact.any() and len(found.occs) < GENERIC_HOLDERS)
    ):
        # Words of longer names, or a several-word name that is no one's preferred name: the
        # ranker weighs them (on the job-ad fitting half this kept 0.4 points of top-1).
        return None
    shares = choice_shares(model.weights, found.rows)
    order = np.argsort(-shares, kind="stable")
    if len(owners) == 1:
        first = int(owners[0])
        order = np.r_[first, order[order != first]]
        confidences = [PREFERRED_CONFIDENCE] + [
            (1.0 - PREFERRED_CONFIDENCE) * float(shares[i]) for i in order[1:]
        ]
        answer = True
    else:
        confidences = [float(shares[i]) for i in order]
        runner_up = confidences[1] if len(confidences) > 1 else 0.0
        answer = confidences[0] >= model.answer_ratio * runner_up
    order = order[:MAX_HOLDERS]
    return NameEvidence(
        tuple(int(found.occs[i]) for i in order),
        tuple(int(found.label_ids[i]) for i in order),
        tuple(round(c, 4) for c in confidences[: len(order)]),
        answer,
    )
