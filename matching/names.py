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

import math
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from matching.abbreviations import ABBREVIATIONS
from matching.build import prefix_key
from matching.colloquial import FIRST_SENSE
from matching.index import IndexData
from matching.near import closest_labels
from matching.normalise import QueryTerms, label_tokens, query_terms
from matching.prior import CHOICE_FEATURES, MAX_EXTRA_WORDS, PriorModel, choice_shares
from matching.rank import DEMOTION, ruled_out
from matching.reach import DOMINANT_TYPO_FIX, RARE_TOKEN, reach, reach_token

PREFERRED_CONFIDENCE = 0.95
"""Confidence given to the one occupation whose preferred name was typed (docs/matching.md)."""
LABEL_CONFIDENCE = 0.9
"""Confidence given to the one occupation that has, in any language, exactly the name typed."""
NEAR_CONFIDENCE = 0.85
"""Confidence at most given to an occupation whose name was typed with a slip (`near_name`)."""
ACRONYM_CHARS = 3
"""Words this short, in a title of several, are read as typed by the slip search (`near_name`)."""
EXACT_SCAN = 64
"""Labels sharing a prefix read at most to find those equal to it (a name is held by few)."""
GENERIC_HOLDERS = 3
"""A one-word title found in the names of at least this many occupations is a generic name."""
MAX_HOLDERS = 50
"""Occupations a name's answer lists at most (the matcher's deepest ranking)."""
_EXACT = CHOICE_FEATURES.index("exact")
_EVERYDAY = CHOICE_FEATURES.index("everyday")


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
    data: IndexData, terms: QueryTerms, *, keep_soft: bool = False, keep_minor: bool = False
) -> tuple[str, ...] | None:
    """The words that name the job, each as the index spells it; None when one is unknown.

    Seniority words (unless `keep_soft`: "head chef" is a name of its own) and trailing extras
    ("- London", "(contract)"; unless `keep_minor`) are left out. A misspelt word counts as
    its correction only when exactly one correction is closest.
    """

    def wanted(token: str) -> bool:
        return keep_soft or token not in terms.soft

    content = [t for t in terms.tokens if wanted(t) and (keep_minor or t not in terms.minor)]
    content = content or [t for t in terms.tokens if wanted(t)]
    words: list[str] = []
    for token in content:
        if token in data.postings:
            words.append(token)
            continue
        found = reach_token(data, token, terms)
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
    # a language's form counts as that language's preferred name only where English labels
    # with those words name fewer than `GENERIC_HOLDERS` occupations ("cuisinier" is also in
    # *head chef*'s English alternative name "patron cuisinier") and none is those words alone
    # (the French "concierge" is a caretaker, the English one works in a hotel).
    english_name = ((extra == 0) & ~foreign).any()
    foreign_counts = not english_name and _distinct(occ[~foreign]) < GENERIC_HOLDERS
    exact_preferred = (extra == 0) & (data.lab_kind_arr[ids] == 0) & (~foreign | foreign_counts)
    preferred = np.logical_or.reduceat(exact_preferred, first)
    # "security manager" is an alternative name of *security guard*: reached only through
    # such names, an occupation is a weaker sense of the word than one whose own name holds it.
    in_preferred = np.logical_or.reduceat(data.lab_kind_arr[ids] == 0, first)
    owners = occ[first]
    closest = extra[first]
    known = everyday_rows[owners]
    alt_only = (~in_preferred).astype(np.float64)
    rows = np.column_stack(
        [
            known,
            (closest == 0).astype(np.float64),
            np.minimum(closest, MAX_EXTRA_WORDS).astype(np.float64),
            (~english).astype(np.float64),
            alt_only,
            known[:, _EVERYDAY] * alt_only,
        ]
    )
    return Holders(owners, ids[first], rows, preferred)


def _distinct(values: npt.NDArray[np.integer]) -> int:
    """How many different values: a set of a few thousand ints, not `np.unique`.

    numpy 2.4's plain `np.unique` imports `numpy.ma` on its first call, 7-11 ms of a one-shot
    `willai ask` that names a job.
    """
    return len(set(values.tolist()))


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


def exact_label(data: IndexData, terms: QueryTerms) -> NameEvidence | None:
    """The occupation that alone has exactly the name typed, of any kind, in any language.

    "office worker", "Reinigungskraft", "cuisinier": ESCO gave that name to one occupation,
    so that is what the person means, whatever job ads would tag it. Titles the hand-written
    tables rewrite ("CISO", "enfermero") follow the table, which was written for them; a
    generic word ("teacher" is an alternative name of *politics lecturer* only) is left to
    `name_evidence`, which weighs every occupation whose names hold it.
    """
    if terms.spelled != terms.typed:
        return None
    key = prefix_key(terms.typed.replace("/", " "))
    if not key or any(word in ABBREVIATIONS for word in key.split()):
        return None
    if sum(len(word) > 1 for word in key.split()) == 1 and _generic(data, terms):
        # One word typed: a family if many names hold it. Several typed are a name even
        # where the query keeps one ("careers advisor": "careers" is job-ad noise), but
        # letters are not words ("M&E officer" is as near to "K9 officer" as to "officer").
        return None
    start, end = data.suggest_keys.prefix_range(key)
    same = [
        int(data.suggest_ids[i])
        for i in range(start, min(end, start + EXACT_SCAN))
        if data.suggest_keys[i] == key
    ]
    if len({data.lab_occ[label_id] for label_id in same}) != 1:
        return None
    label_id = min(same, key=lambda i: data.lab_kind_arr[i])
    return NameEvidence((data.lab_occ[label_id],), (label_id,), (LABEL_CONFIDENCE,), True)


def _generic(data: IndexData, terms: QueryTerms) -> bool:
    """One word found in the names of several occupations: a family, not one job's name.

    Counted over every language: the Spanish "maestro" heads a dozen teachers' names, though
    ESCO gives it alone to *art director*.
    """
    if len(terms.tokens) != 1:
        return False
    ids = data.postings.get(terms.tokens[0])
    return ids is not None and _distinct(data.lab_occ_arr[ids]) >= GENERIC_HOLDERS


def near_name(data: IndexData, terms: QueryTerms, model: PriorModel) -> NameEvidence | None:
    """A name typed with a slip or two: the name rules, on the closest label's words.

    Tried only when a word of the title is unknown or one ESCO barely uses ("planer" in
    "event planer"): a title of common words that no label holds is a title ESCO words
    differently, for the ranker, not a misspelling. The closest labels must all be one name
    ("scafolder": scaffolder, then offered as that name is), or all name one occupation; the
    answer's confidence is a little lower than for a name typed right.
    """
    if terms.spelled != terms.typed:
        return None
    words = label_tokens(terms.typed)
    if all(len(data.postings.get(word, ())) > RARE_TOKEN for word in words):
        return None
    edits, label_ids = closest_labels(data, terms.typed, " ".join(words))
    if len(words) > 1:
        # A word of three letters among others is an acronym as often as not ("MEP
        # engineer" is no "MEMS engineer"): the slip must be in a longer word ("raxi
        # driver"), the short ones kept as typed.
        short = {word for word in words if len(word) <= ACRONYM_CHARS}
        label_ids = [i for i in label_ids if short <= set(data.lab_tokens[i])]
    if not edits or not label_ids or _a_commoner_word_fix(data, words, label_ids):
        return None
    found = None
    if len({data.lab_tokens[label_id] for label_id in label_ids}) == 1:
        # The name the slip was made in: where it is one word, the word itself ("techincian"
        # is "technician", a family), not whichever label spells it with an acronym the
        # index does not read ("AM technician", "développeur AL").
        tokens = data.lab_tokens[label_ids[0]]
        fixed = query_terms(tokens[0] if len(tokens) == 1 else data.lab_text[label_ids[0]])
        found = (
            exact_name(data, fixed) or exact_label(data, fixed) or name_evidence(data, fixed, model)
        )
    if found is None and len({data.lab_occ[label_id] for label_id in label_ids}) == 1:
        found = NameEvidence((data.lab_occ[label_ids[0]],), (label_ids[0],), (1.0,), True)
    if found is None:
        return None
    first = min(found.confidences[0], NEAR_CONFIDENCE)
    return replace(found, confidences=(first, *found.confidences[1:]))


def _a_commoner_word_fix(data: IndexData, words: list[str], label_ids: list[int]) -> bool:
    """A one-word title whose word-level fix is far commoner than the one-word label found.

    "analist" is one edit from ESCO's rare "anglist" (a linguist) and from "analyst", which
    ESCO's labels use many times more: the word is the likelier slip, as `reach` reads it
    (`DOMINANT_TYPO_FIX`), and the name rules go on with it instead.
    """
    if len(words) != 1:
        return False
    named = {data.lab_tokens[label_id] for label_id in label_ids}
    if len(named) != 1 or len(label_word := next(iter(named))) != 1:
        return False
    found = reach(data, words[0])
    if found is None:
        return False
    fix = found.variants[0][0]
    return fix != label_word[0] and len(data.postings.get(fix, ())) >= DOMINANT_TYPO_FIX * len(
        data.postings.get(label_word[0], ())
    )


def _demoted(
    data: IndexData, terms: QueryTerms, occs: npt.NDArray[np.intp], shares: npt.NDArray
) -> npt.NDArray[np.float64]:
    """The choice shares with what the title rules out lowered as `rank.DEMOTION` is."""
    lowered = shares * np.array(
        [math.exp(-DEMOTION) if ruled_out(data, terms, occ) else 1.0 for occ in occs.tolist()]
    )
    return lowered / lowered.sum()


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
    qualified = False
    if len(key) == 1 and terms.minor and len(found.occs) >= GENERIC_HOLDERS:
        # "Teacher - Primary", "Housekeeper (hotel)": the extras after a generic word narrow
        # it; when some name holds them all, the choice is among those names.
        wider = key_words(data, terms, keep_minor=True)
        narrowed = None if wider is None else holders(data, wider, data.occ_prior)
        if narrowed is not None and wider is not None:
            found, key, qualified = narrowed, wider, True
    exact = found.rows[:, _EXACT] > 0
    owners = np.flatnonzero(found.preferred)
    if (
        len(owners) != 1
        and not qualified
        and (len(key) > 1 or (not exact.any() and len(found.occs) < GENERIC_HOLDERS))
    ):
        # Words of longer names, or a several-word name that is no one's preferred name: the
        # ranker weighs them (on the job-ad fitting half this kept 0.4 points of top-1).
        return None
    shares = choice_shares(model.weights, found.rows)
    if terms.learner or terms.school:  # "marketing trainee" is not the marketing manager
        shares = _demoted(data, terms, found.occs, shares)
    order = np.argsort(-shares, kind="stable")
    sense = _first_sense(data, key, found.occs)
    if sense is not None and len(owners) != 1 and int(order[0]) != sense:
        # The dictionary's sense of a generic word leads the question: it and the prior's
        # first choice trade shares, so the list stays ordered; nothing is answered.
        shares[[sense, order[0]]] = shares[[order[0], sense]]
        order = np.argsort(-shares, kind="stable")
        return _evidence(found, order, [float(shares[i]) for i in order], answer=False)
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
        named = np.flatnonzero(exact)
        answer = confidences[0] >= model.answer_ratio * runner_up or (
            len(named) == 1 and int(named[0]) == int(order[0])
        )
    return _evidence(found, order, confidences, answer=answer)


def _evidence(
    found: Holders, order: npt.NDArray[np.intp], confidences: list[float], *, answer: bool
) -> NameEvidence:
    """The first `MAX_HOLDERS` of `found` in `order`, with their confidences."""
    order = order[:MAX_HOLDERS]
    return NameEvidence(
        tuple(int(found.occs[i]) for i in order),
        tuple(int(found.label_ids[i]) for i in order),
        tuple(round(c, 4) for c in confidences[: len(order)]),
        answer,
    )


def _first_sense(data: IndexData, key: tuple[str, ...], occs: npt.NDArray) -> int | None:
    """Where, among `occs`, the dictionary sense of a one-word key is (`FIRST_SENSE`)."""
    wanted = FIRST_SENSE.get(key[0]) if len(key) == 1 else None
    if wanted is None:
        return None
    at = [i for i, occ in enumerate(occs.tolist()) if data.occ_labels[occ] == wanted]
    return at[0] if at else None
