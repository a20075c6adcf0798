"""Score occupations for a normalised query.

Two stages. Retrieval adds up, over the postings of the query's words (and of their typo fixes
and same-stem relatives, see `reach`), an IDF-weighted token overlap for every label they
reach, so a rare word like "radiographer" decides more than a common one like "assistant".
Re-ranking then adds, for the best occupations only, signals too costly to compute for all:
agreement with the occupation's description and a character-level rapidfuzz similarity of the
whole title. A title of which no word is known goes to the whole-string search (`fallback`).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from matching import artifacts
from matching.fallback import close_labels
from matching.features import BOOSTER_FEATURES, LINEAR_FEATURES, CandidateFeatures
from matching.index import IndexData
from matching.normalise import SENIOR_HEADS, QueryTerms, stem
from matching.reach import (
    RARE_TOKEN,
    STEM_QUALITY,
    Reach,
    in_context,
    masculine_forms,
    reach,
    reach_token,
)
from matching.scratch import SCRATCH
from matching.trees import TreeEnsemble

# Signal weights, chosen on a random half of the development set (see docs/matching.md).
W_QUERY = 0.50  # share of the query's IDF mass found in the label
W_LABEL = 0.30  # share of the label's IDF mass found in the query
W_BOTH = 0.2  # both covers at once: the label says what the query says, no more, no less
W_EXACT = 0.10  # the label, normalised, is the query
MIN_OVERLAP = 0.3  # labels below this overlap score, exact-hit bonus included, are dropped
KIND_FACTOR = (1.0, 0.97, 0.92)  # preferred, alt, hidden: hidden labels are odd spellings
_KIND_FACTORS = np.array(KIND_FACTOR)
_NO_LABEL = np.iinfo(np.int32).max
FOREIGN_FACTOR = 0.97  # a non-English label yields to an equally good English one
SECOND_LABEL = 0.1  # share of an occupation's second-best label added to its best
SOFT_WEIGHT = 0.15  # weight of seniority words relative to their IDF
MINOR_WEIGHT = 0.5  # weight of words in brackets or after "cum", " - ", "@"
COMPOUND_PART = 3  # the shortest half of a word split in two ("lifeguard": life + guard)
RERANK_DEPTH = 30  # occupations re-ranked with the costly signals
BOOST_DEPTH = 10  # the first of those that the learned re-ranker (`booster`) scores
BOOST_WEIGHT = 1.0  # weight of its log-odds added to the linear score
BOOSTER_FILE = "rerank_model.json"
LINEAR_FILE = "linear_model.json"
DEMOTION = 30.0
"""Score taken from an occupation the title's own words rule out (`ruled_out`).

"Marketing Trainee" shares its one known word with *marketing manager*, whose name is the
field's everyday head; a trainee is the manager's junior, not the manager. On job-ad half A,
of 463 such titles (no manager, director, chief or head in them) the linear-and-learned ranking
put a manager first on many: top-1 168 -> 182 with a penalty of 4 log-odds (0.25: 169, 1: 174,
100: 181). It is a demotion, not a weight: at 4 the refitted models outweighed it again
("Marketing Trainee" offered *marketing manager* first), so no learned score may outweigh it.
"""
MAJOR_GROUPS = 10  # ISCO major groups: 0 armed forces, 1 managers ... 9 elementary occupations


@dataclass(frozen=True, slots=True)
class LinearModel:
    """The re-ranking score: a weighted sum of `LINEAR_FEATURES` plus a prior per ISCO group.

    Fitted as a conditional logit (softmax over each title's candidates) on half A of the dev
    set (`benchmarks/match_quality.py --refit`). The group prior says how often job ads name
    such occupations, relative to one another: a skill-level prior, ten global numbers.
    """

    base: float  # weight of the first stage's overlap score
    weights: tuple[float, ...]  # per `CandidateFeatures` field, in field order
    major_prior: tuple[float, ...]  # per ISCO major group

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> LinearModel:
        """The weights as the file lists them, in `LINEAR_FEATURES` order."""
        weights = tuple(float(w) for w in parameters["weights"])
        major = tuple(float(w) for w in parameters["major_prior"])
        if len(weights) != len(LINEAR_FEATURES) or len(major) != MAJOR_GROUPS:
            raise artifacts.ModelFileError(f"{LINEAR_FILE} holds the wrong number of weights")
        return cls(weights[0], weights[1:], major)


@cache
def linear() -> LinearModel:
    """The shipped linear re-ranker, read once."""
    return LinearModel.from_parameters(artifacts.packaged(LINEAR_FILE, LINEAR_FEATURES).parameters)


@dataclass(frozen=True, slots=True)
class Scored:
    """One occupation's score and the evidence the confidence model reads."""

    occ: int
    score: float
    label_id: int
    query_cover: float
    base: float = 0.0  # the cheap overlap score, before re-ranking
    features: CandidateFeatures | None = None  # what the re-ranker read (None: whole-string)
    learned: float = 0.0  # the booster's log-odds that this is the occupation meant


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranked occupations plus facts about the query itself."""

    scored: list[Scored]
    specificity: float  # highest IDF among the query's known content tokens
    max_idf: float  # IDF of a word only one occupation uses: the scale of `specificity`
    other_job: str | None = None  # a job word of the query the first candidate is not called by

    @property
    def specificity_share(self) -> float:
        """`specificity` on a 0-1 scale, as the learned models read it."""
        return specificity_share(self.specificity, self.max_idf)


def specificity_share(specificity: float, max_idf: float) -> float:
    """The query's rarest word's IDF as a share of the largest IDF the index can give.

    Capped at 8 (the largest IDF on ESCO's 3,007 occupations), so a tiny store does not make
    every word look maximally specific to a model fitted on the full one.
    """
    return min(specificity, 8.0) / max_idf


def _max_idf(data: IndexData) -> float:
    """The IDF of a word unique to one occupation, as `build_index` computes IDF."""
    return math.log(1.0 + max(len(data.occ_uris), 1))


def rank(
    data: IndexData,
    terms: QueryTerms,
    depth: int,
    *,
    whole_string: bool = True,
    trees: TreeEnsemble | None = None,
) -> Ranking:
    """Rank occupations for the query; an empty list when nothing plausible exists.

    `whole_string=False` skips the slow character-level fallback (autocomplete's budget).
    `trees` replaces the shipped booster (fitting scripts pass `NO_BOOSTER` or a fold's model).
    """
    if not terms.tokens:
        return Ranking([], 0.0, _max_idf(data))
    resolved: list[tuple[float, Reach]] = []
    query_mass = 0.0
    specificity = 0.0
    for token, found in _reach_all(data, terms):
        if found is None:
            continue
        weight = found.idf * (SOFT_WEIGHT if token in terms.soft else 1.0)
        if token in terms.minor:
            weight *= MINOR_WEIGHT
        if token not in terms.soft:
            specificity = max(specificity, found.idf * found.variants[0][1])
        query_mass += weight
        resolved.append((weight, found))
    if not resolved:
        return Ranking(_fallback(data, terms, depth) if whole_string else [], 0.0, _max_idf(data))

    reached, query_credit, label_credit = _credits(data, resolved)
    scored = _score_labels(
        data, terms, reached, query_credit, label_credit, query_mass=query_mass, depth=depth
    )
    max_idf = _max_idf(data)
    share = specificity_share(specificity, max_idf)
    scored = _boost(scored, share, trees or booster(), depth)
    if terms.learner or terms.school:
        scored = _demoted(data, terms, scored)
    return Ranking(
        scored,
        specificity,
        max_idf,
        _other_job(data, terms, scored[0].occ) if scored else None,
    )


def _reach_all(data: IndexData, terms: QueryTerms) -> list[tuple[str, Reach | None]]:
    """Each token's `reach`; a word unknown, fixed by a guess or rare is read in context.

    A typo fix that shares a label with the query's other words beats one that does not
    (`reach.in_context`).
    """
    tokens = terms.tokens
    found = [reach_token(data, token, terms) for token in tokens]
    doubtful = [
        i
        for i, (token, hit) in enumerate(zip(tokens, found, strict=True))
        if hit is None or hit.variants[0][0] != token or len(data.postings[token]) <= RARE_TOKEN
    ]
    for i in doubtful:
        others = [hit.ids for j, hit in enumerate(found) if j != i and hit is not None]
        if others:
            fixed = in_context(data, tokens[i], np.unique(np.concatenate(others)))
            if fixed is not None:
                found[i] = fixed
    out: list[tuple[str, Reach | None]] = []
    for token, hit in zip(tokens, found, strict=True):
        parts = _compound_parts(data, token) if hit is None else None
        if parts:
            out.extend((token, part) for part in parts)
        else:
            out.append((token, hit))
    return out


def _compound_parts(data: IndexData, token: str) -> list[Reach | None] | None:
    """An unknown word written as one that ESCO writes as two: "lifeguard" is "life guard".

    Split where both halves are indexed words that share a label; the first such cut wins.
    """
    for cut in range(COMPOUND_PART, len(token) - COMPOUND_PART + 1):
        head, tail = token[:cut], token[cut:]
        if (
            head in data.postings
            and tail in data.postings
            and np.intersect1d(data.postings[head], data.postings[tail]).size
        ):
            return [reach(data, head), reach(data, tail)]
    return None


def _other_job(data: IndexData, terms: QueryTerms, occ: int) -> str | None:
    """A word of the main title that is itself the name of a job no name of `occ` holds.

    "teacher plumber" ranks plumber first, but "teacher" is a job of its own: the title names
    two, and the user should say which. Words in brackets or after "cum" are left out: job ads
    put the job first and its extras after.
    """
    for token in terms.tokens:
        if token in terms.soft or token in terms.minor or token not in data.job_words:
            continue
        if not data.occ_stems.has(occ, stem(token)):
            return token
    return None


def _credits(
    data: IndexData, resolved: list[tuple[float, Reach]]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The labels the query reaches, each with the query weight it covers and its IDF covered.

    Summed token by token, in query order, in per-thread arrays over all labels.
    """
    scratch = SCRATCH
    scratch.ensure(len(data.lab_occ))
    query_buf, label_buf = scratch.query, scratch.label
    parts: list[npt.NDArray[np.int32]] = []
    try:
        for weight, found in resolved:
            query_buf[found.ids] += weight * found.quality
            label_buf[found.ids] += found.label_credit
            parts.append(found.ids)
        reached = parts[0] if len(parts) == 1 else np.concatenate(parts)
        if len(parts) > 1:
            reached = reached[scratch.last_writes(reached)]
        return reached, query_buf[reached], label_buf[reached]
    finally:
        for ids in parts:
            query_buf[ids] = 0.0
            label_buf[ids] = 0.0


@dataclass(frozen=True, slots=True)
class _QueryFacts:
    """What every candidate's features read of the query, worked out once per query."""

    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    sorted_text: str  # the query's words in sorted order, for a token-sort similarity
    head: str | None  # the head noun, when the index knows it
    head_stem: str | None
    stem_shares: tuple[tuple[str, float], ...]  # content word stems and their IDF shares

    @classmethod
    def of(cls, data: IndexData, terms: QueryTerms) -> _QueryFacts:
        head = terms.head if terms.head is not None and terms.head in data.postings else None
        return cls(
            terms.tokens,
            terms.stems,
            " ".join(sorted(terms.text.split())),
            head,
            None if head is None else stem(head),
            _stem_shares(data, terms),
        )


def candidate_features(
    data: IndexData,
    query: _QueryFacts,
    occ: int,
    label_id: int,
    *,
    q_cover: float,
    l_cover: float,
    second: float,
    names_cover: float,
    described: int,
) -> CandidateFeatures:
    """Evidence that one occupation is the one meant, read by the re-rankers.

    `names_cover` is the occupation's entry of `_names_covers`, and `described` how many of
    the query's stems its description holds, both worked out for all candidates at once.
    """
    kind = data.lab_kind[label_id]
    tokens = data.lab_tokens[label_id]
    exact = float(q_cover >= 0.999 and l_cover >= 0.999 and tokens == query.tokens)
    query_stems = query.stems
    desc_share = described / len(query_stems) if query_stems else 0.0
    # fuzz.token_sort_ratio, with the query's half of the sorting done once per query.
    chars = fuzz.ratio(query.sorted_text, " ".join(sorted(tokens))) / 100.0
    head = query.head
    if head is None or head in tokens:
        lacks_head = 0.0
    elif any(stem(t) == query.head_stem for t in tokens):
        lacks_head = 1.0 - STEM_QUALITY
    else:
        lacks_head = 1.0
    return CandidateFeatures(
        query_cover=q_cover,
        label_cover=l_cover,
        both_covers=q_cover * l_cover,
        exact=exact,
        alt_label=float(kind == 1),
        hidden_label=float(kind == 2),
        foreign_label=float(data.lab_foreign[label_id]),
        second_label=second,
        description=desc_share,
        token_sort=chars,
        breadth=data.occ_breadth[occ],
        specialisation=data.occ_depth[occ],
        lacks_head=lacks_head,
        names_cover=names_cover,
    )


def _names_covers(
    data: IndexData, stem_shares: tuple[tuple[str, float], ...], occs: npt.NDArray[np.int32]
) -> list[float]:
    """Per occupation, the share of the query's IDF mass some name of it holds, any label.

    "frontend web developer" splits over two labels of one occupation: no single label covers
    the query, the occupation does.
    """
    cover = np.zeros(len(data.occ_uris))
    for word, share in stem_shares:
        holders = data.name_occs.get(word)
        if holders is not None:
            cover[holders] += share
    return cover[occs].tolist()


def _stem_shares(data: IndexData, terms: QueryTerms) -> tuple[tuple[str, float], ...]:
    """(stem, share of IDF mass) for the query's content words the index knows."""
    content = [t for t in terms.tokens if t not in terms.soft]
    weights = [data.idf.get(t, 0.0) for t in content]
    total = sum(weights)
    if not total:
        return ()
    return tuple((stem(t), w / total) for t, w in zip(content, weights, strict=True) if w)


def _score_labels(
    data: IndexData,
    terms: QueryTerms,
    reached: npt.NDArray[np.int32],
    query_credit: npt.NDArray[np.float64],
    label_credit: npt.NDArray[np.float64],
    *,
    query_mass: float,
    depth: int,
) -> list[Scored]:
    """Best label per occupation on cheap signals, then re-rank the head of the list.

    Ties go to the lower label id: the best label of an occupation is its first of the top
    score, and occupations of equal score keep the order of their first passing label.
    """
    q_cover = query_credit / query_mass
    l_cover = np.minimum(label_credit / data.lab_weight[reached], 1.0)
    score = W_QUERY * q_cover + W_LABEL * l_cover + W_BOTH * q_cover * l_cover
    keep = np.flatnonzero(score + W_EXACT >= MIN_OVERLAP)
    if not len(keep):
        return []
    label_ids, q_cover, l_cover, score = reached[keep], q_cover[keep], l_cover[keep], score[keep]
    for i in np.flatnonzero((l_cover >= 0.999) & (q_cover >= 0.999)).tolist():
        if data.lab_tokens[int(label_ids[i])] == terms.tokens:
            score[i] += W_EXACT
    score = score * _KIND_FACTORS[data.lab_kind_arr[label_ids]]
    score = np.where(data.lab_foreign_arr[label_ids], score * FOREIGN_FACTOR, score)

    # Per occupation, in arrays over all occupations: its best score (the lowest label id among
    # ties), the best of its other labels, and its first passing label (for ties between
    # occupations). Unbuffered ufunc.at over a few thousand labels costs less than sorting them.
    occ = data.lab_occ_arr[label_ids]
    n_occ = len(data.occ_uris)
    best = np.full(n_occ, -np.inf)
    np.maximum.at(best, occ, score)
    best_label = np.full(n_occ, _NO_LABEL, dtype=np.int32)
    tied = score == best[occ]
    np.minimum.at(best_label, occ[tied], label_ids[tied])
    others = label_ids != best_label[occ]
    second = np.zeros(n_occ)
    np.maximum.at(second, occ[others], score[others])
    first_label = np.full(n_occ, _NO_LABEL, dtype=np.int32)
    np.minimum.at(first_label, occ, label_ids)

    found = np.flatnonzero(best_label != _NO_LABEL)
    key = best[found] + SECOND_LABEL * second[found]
    wanted = max(depth, RERANK_DEPTH)
    if len(found) > wanted:  # every occupation tying the last place, then order them all
        near = key >= np.partition(key, len(key) - wanted)[len(key) - wanted]
        found, key = found[near], key[near]
    top_occ = found[np.lexsort((first_label[found], -key))[:wanted]]
    at = SCRATCH.positions(label_ids, best_label[top_occ])

    query = _QueryFacts.of(data, terms)
    model = linear()
    rescored: list[tuple[float, int, int, float, float, CandidateFeatures]] = []
    for occ_id, label_id, best_score, q, lab, sec, names, described in zip(
        top_occ.tolist(),
        best_label[top_occ].tolist(),
        best[top_occ].tolist(),
        q_cover[at].tolist(),
        l_cover[at].tolist(),
        second[top_occ].tolist(),
        _names_covers(data, query.stem_shares, top_occ),
        data.occ_desc.holds(top_occ, query.stems).tolist(),
        strict=True,
    ):
        base = best_score + SECOND_LABEL * sec
        feats = candidate_features(
            data,
            query,
            occ_id,
            label_id,
            q_cover=q,
            l_cover=lab,
            second=sec,
            names_cover=names,
            described=described,
        )
        final = model.base * base + model.major_prior[data.occ_major[occ_id]]
        final += sum(map(operator.mul, model.weights, feats))
        rescored.append((final, occ_id, label_id, q, base, feats))
    rescored.sort(key=lambda r: r[0], reverse=True)
    return [
        Scored(occ_id, final, label_id, q, base, feats)
        for final, occ_id, label_id, q, base, feats in rescored
    ]


@cache
def booster() -> TreeEnsemble:
    """The shipped learned re-ranker, read once."""
    return TreeEnsemble.packaged(BOOSTER_FILE, BOOSTER_FEATURES)


NO_BOOSTER = TreeEnsemble.constant(0.0, BOOSTER_FEATURES)
"""A booster that adds nothing: the linear ranking, which the booster is fitted on."""


def booster_rows(scored: Sequence[Scored], specificity: float) -> list[tuple[float, ...]]:
    """`BOOSTER_FEATURES` of the first `BOOST_DEPTH` candidates, in linear ranking order.

    Candidates without features (whole-string matches) are never boosted: `rank` boosts only
    rankings of known words.
    """
    return [
        (s.base, *(s.features or ()), specificity, place)
        for place, s in enumerate(scored[:BOOST_DEPTH])
    ]


def _boost(
    scored: list[Scored], specificity: float, trees: TreeEnsemble, depth: int
) -> list[Scored]:
    """Add the booster's log-odds to the linear scores of the first candidates, and re-sort.

    The booster learns what a weighted sum cannot: how pieces of evidence interact. Candidates
    below `BOOST_DEPTH` get the lowest log-odds it gave, so they keep their linear order among
    themselves.
    """
    if not scored:
        return scored
    learned = trees.log_odds(booster_rows(scored, specificity)).tolist()
    floor = min(learned)
    learned += [floor] * (len(scored) - len(learned))
    boosted = sorted(
        (
            Scored(
                s.occ,
                s.score + BOOST_WEIGHT * odds,
                s.label_id,
                s.query_cover,
                s.base,
                s.features,
                odds,
            )
            for s, odds in zip(scored, learned, strict=True)
        ),
        key=lambda s: s.score,
        reverse=True,
    )
    return boosted[:depth]


def ruled_out(data: IndexData, terms: QueryTerms, occ: int) -> bool:
    """Whether the title's own words say it is not this occupation, whatever else they share.

    A trainee's or an intern's title is not the job that runs the field (a manager, director,
    chief or head); a school teacher's title is not a lecturer's, though ESCO often also names
    the lecturer "X teacher" ("history teacher": *history lecturer*).
    """
    words = data.occ_labels[occ].split()
    return (terms.learner and not SENIOR_HEADS.isdisjoint(words)) or (
        terms.school and "lecturer" in words
    )


def _demoted(data: IndexData, terms: QueryTerms, scored: list[Scored]) -> list[Scored]:
    """Lower what the title rules out by `DEMOTION`, and sort again."""
    lowered = [
        replace(s, score=s.score - DEMOTION) if ruled_out(data, terms, s.occ) else s for s in scored
    ]
    return sorted(lowered, key=lambda s: s.score, reverse=True)


def _fallback(data: IndexData, terms: QueryTerms, depth: int) -> list[Scored]:
    """When no word is known ("webdeveloper"), the labels closest as whole strings.

    A feminine no label spells is compared in its masculine form as well:
    "Krankenpflegehelferin" is too far from ESCO's "Krankenpfleger" as typed.
    """
    best: dict[int, Scored] = {}
    hits = close_labels(data, terms.text, depth * 4)
    for form in masculine_forms(terms.text):
        hits.extend(close_labels(data, form, depth * 4))
    for ratio, label_id in hits:
        occ = data.lab_occ[label_id]
        score = 0.75 * ratio / 100.0 * KIND_FACTOR[data.lab_kind[label_id]]
        if occ not in best or best[occ].score < score:
            best[occ] = Scored(occ, score, label_id, 0.0, score)
    return sorted(best.values(), key=lambda s: s.score, reverse=True)[:depth]
