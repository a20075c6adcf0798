"""A release as arrays: the model's rules applied to every occupation at once.

The rules are written for one occupation in ``factors``, ``explain``, ``similar`` and ``moves``,
where they read best and are tested one by one. Scoring a release applies the same rules to all
occupations together: every (occupation, skill) relation is one row of flat numpy arrays,
grouped by occupation in the order :class:`scoring.factors.SkillWeights` gives an occupation's
skills, and each rule is a handful of array operations over all rows instead of a Python loop
per occupation.

The numbers come out bit for bit as the per-occupation rules compute them, and
tests/scoring/test_arrays.py holds the two equal. That rests on a few habits kept throughout:
sums are ``np.bincount``, which adds in array order, as the Python loops do; products keep the
operand order of the formulas; rounding to decimals stays Python's ``round``; ``math.exp`` and
``math.log1p`` are never swapped for numpy's; and rankings are stable sorts on the same keys,
labels compared by their rank among all labels, remaining ties by position.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from scoring import explain
from scoring.factors import (
    ESSENTIAL_WEIGHT,
    KNOWLEDGE_WEIGHT,
    OPTIONAL_WEIGHT,
    complementarity_share,
    routine_share,
)
from scoring.moves import MIN_GAP, MIN_SHARED_WEIGHT, MOVES_SHOWN
from scoring.similar import MIN_SHARED
from scoring.skill_attributes import SkillAttributes, is_physical
from scoring.types import Occupation, Skill

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

#: Occupation pairs counted per block when neighbours are found: bounds the memory it takes.
PAIR_BLOCK = 250_000


def _ragged(starts: Ints, lengths: Ints) -> Ints:
    """Indices ``starts[k] + 0 .. lengths[k] - 1`` for every k, one run after another."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)


def first_per_group(groups: Ints, limit: int) -> Bools:
    """For rows sorted by group, whether each is among the first ``limit`` of its group."""
    if not len(groups):
        return np.zeros(0, dtype=bool)
    new = np.ones(len(groups), dtype=bool)
    new[1:] = groups[1:] != groups[:-1]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(groups)))
    return np.arange(len(groups)) - np.repeat(starts, sizes) < limit


def ranked(groups: Ints, *keys: npt.NDArray[np.generic], limit: int | None = None) -> Ints:
    """Row indices sorted by group, then by ``keys`` (most significant first), then by row.

    With ``limit``, only the first ``limit`` rows of each group. The sort is stable, so rows
    equal on every key keep their order: the per-occupation rules' tie-break by position.
    """
    if limit is not None and len(keys) > 1 and len(groups):
        # A row can only be kept if its first key is within its group's first ``limit``
        # values: sorting by that key alone finds them, and only those are sorted by every key.
        first = np.lexsort((keys[0], groups))
        kept = first[first_per_group(groups[first], limit)]
        kept_groups = groups[kept]
        last = np.append(kept_groups[1:] != kept_groups[:-1], True)
        bound = np.zeros(int(groups.max()) + 1, dtype=keys[0].dtype)
        bound[kept_groups[last]] = keys[0][kept[last]]
        rows = np.flatnonzero(keys[0] <= bound[groups])
        order = rows[np.lexsort((*(key[rows] for key in reversed(keys)), groups[rows]))]
        return order[first_per_group(groups[order], limit)]
    order = np.lexsort((*reversed(keys), groups))
    if limit is None:
        return order
    return order[first_per_group(groups[order], limit)]


class Relations:
    """Every occupation's known skills, one row per (occupation, skill), grouped by occupation.

    Rows follow :class:`scoring.factors.SkillWeights`: an occupation's essential skills in the
    order it lists them, then its optional skills that are not also essential. URIs the skills
    lack are left out; a URI listed twice is one row, and ``listed`` keeps how often it was
    listed (the grow rule counts every listing, as the per-occupation loop does).

    Skills are numbered in URI order, so comparing numbers compares URIs.
    """

    def __init__(self, occupations: Sequence[Occupation], skills: Mapping[str, Skill]) -> None:
        self.occupations = occupations
        uris = sorted({u for o in occupations for u in (*o.essential, *o.optional) if u in skills})
        self.skill_uris: list[str] = uris
        self.skills: list[Skill] = [skills[uri] for uri in uris]
        index = {uri: k for k, uri in enumerate(uris)}
        flat: list[int] = []
        sizes: list[int] = []
        repeated: dict[int, int] = {}
        for o in occupations:
            essential = [index[u] for u in o.essential if u in index]
            optional = [index[u] for u in o.optional if u in index]
            own = dict.fromkeys(essential)
            rest = [k for k in dict.fromkeys(optional) if k not in own]
            start = len(flat)
            for listing, kept, first in (
                (essential, own, start),
                (optional, rest, start + len(own)),
            ):
                if len(set(listing)) != len(listing):
                    counts = Counter(listing)
                    for row, k in enumerate(kept, first):
                        if counts[k] > 1:
                            repeated[row] = counts[k]
            flat += own
            flat += rest
            sizes += (len(own), len(rest))
        runs = np.array(sizes, dtype=np.int64)
        self.n = len(occupations)
        self.m = len(uris)
        self.skill: Ints = np.array(flat, dtype=np.int64)
        self.occ: Ints = np.repeat(np.repeat(np.arange(self.n, dtype=np.int64), 2), runs)
        self.essential: Bools = np.repeat(np.tile(np.array([True, False]), self.n), runs)
        self.listed: Ints = np.ones(len(flat), dtype=np.int64)
        for row, count in repeated.items():
            self.listed[row] = count
        self.rows: Ints = np.bincount(self.occ, minlength=self.n)

    def keys(self, rows: Bools) -> Ints:
        """Sorted ``occupation * m + skill`` of the selected rows: a set to test pairs against."""
        return np.sort(self.occ[rows] * self.m + self.skill[rows])


def contains(sorted_keys: Ints, keys: Ints) -> Bools:
    """Whether each of ``keys`` is in ``sorted_keys``."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


@dataclass(frozen=True, slots=True)
class SkillValues:
    """Per-skill columns, numbered as :class:`Relations` numbers skills."""

    knowledge: Bools
    physical: Bools
    susceptibility: Floats
    routine: Floats
    complementarity: Floats
    routine_share: Floats
    complementarity_share: Floats
    exposure: Floats
    resilience: Floats
    augmented: Floats
    specificity: Floats
    label_rank: Ints
    #: Level-2 pillar areas of each skill: ``area_ids[area_starts[k]:area_starts[k + 1]]``.
    area_starts: Ints
    area_ids: Ints
    areas: int

    @classmethod
    def of(
        cls,
        relations: Relations,
        attributes: Sequence[SkillAttributes],
        specificity: Sequence[float],
    ) -> SkillValues:
        """The columns of every known skill, from its attributes and specificity."""
        skills = relations.skills
        label_rank = {label: rank for rank, label in enumerate(sorted({s.label for s in skills}))}
        areas = [sorted(explain.areas_of(s)) for s in skills]
        area_index: dict[str, int] = {}
        area_ids = [
            area_index.setdefault(code, len(area_index)) for codes in areas for code in codes
        ]

        def column(rule: Callable[[SkillAttributes], float]) -> Floats:
            return np.array([rule(a) for a in attributes], dtype=np.float64)

        return cls(
            knowledge=np.array([s.skill_type == "knowledge" for s in skills], dtype=bool),
            physical=np.array([is_physical(s) for s in skills], dtype=bool),
            susceptibility=column(attrgetter("susceptibility")),
            routine=column(attrgetter("routine")),
            complementarity=column(attrgetter("complementarity")),
            routine_share=column(routine_share),
            complementarity_share=column(complementarity_share),
            exposure=column(explain.exposure_of),
            resilience=column(explain.resilience_of),
            augmented=column(explain.augmented_value),
            specificity=np.array(specificity, dtype=np.float64),
            label_rank=np.array([label_rank[s.label] for s in skills], dtype=np.int64),
            area_starts=np.cumsum([0, *map(len, areas)], dtype=np.int64),
            area_ids=np.array(area_ids, dtype=np.int64),
            areas=len(area_index),
        )


def specificities(relations: Relations) -> list[float]:
    """:func:`scoring.explain.specificities` of every known skill, from the row counts."""
    holders = np.bincount(relations.skill, minlength=relations.m).tolist()
    count = len(relations.occupations)
    by_count = {n: explain.specificity(n, count) for n in set(holders)}
    return [by_count[n] for n in holders]


def weights(relations: Relations, values: SkillValues) -> Floats:
    """Each row's weight in the factors (:func:`scoring.factors.SkillWeights`)."""
    base = np.where(relations.essential, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT)
    return base * np.where(values.knowledge[relations.skill], KNOWLEDGE_WEIGHT, 1.0)


def task_rows(relations: Relations, values: SkillValues) -> Bools:
    """The rows :func:`scoring.factors.task_skills` picks, fallbacks included."""
    occ, essential = relations.occ, relations.essential
    doing = essential & ~values.knowledge[relations.skill]
    has_doing = np.bincount(occ, doing, minlength=relations.n)[occ] > 0
    has_essential = np.bincount(occ, essential, minlength=relations.n)[occ] > 0
    return doing | (~has_doing & essential) | (~has_doing & ~has_essential)


@dataclass(frozen=True, slots=True)
class FactorSums:
    """The weighted sums :func:`scoring.factors.compute_factors` divides, per occupation."""

    total: Floats
    vulnerable: Floats
    augmented: Floats
    task_total: Floats
    routine: Floats


def factor_sums(
    relations: Relations, values: SkillValues, weight: Floats, tasks: Bools
) -> FactorSums:
    """Every occupation's sums at once, each added in row order like the per-occupation loop."""
    occ, skill, n = relations.occ, relations.skill, relations.n
    return FactorSums(
        total=np.bincount(occ, weight, minlength=n),
        vulnerable=np.bincount(occ, weight * values.susceptibility[skill], minlength=n),
        augmented=np.bincount(occ, weight * values.complementarity_share[skill], minlength=n),
        task_total=np.bincount(occ[tasks], weight[tasks], minlength=n),
        routine=np.bincount(occ[tasks], (weight * values.routine_share[skill])[tasks], minlength=n),
    )


def manual_shares(relations: Relations, values: SkillValues, weight: Floats) -> list[float]:
    """Share of each occupation's essential tasks (by weight) that is hands-on work."""
    occ, skill, n = relations.occ, relations.skill, relations.n
    tasks = relations.essential & ~values.knowledge[skill]
    hands_on = tasks & values.physical[skill]
    total = np.bincount(occ[tasks], weight[tasks], minlength=n)
    physical = np.bincount(occ[hands_on], weight[hands_on], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = physical / total
    return np.where(total != 0, share, 0.0).tolist()


def percentiles(values: list[float]) -> list[float]:
    """Each value's percentile among all values: the share below it, ties counting half.

    On the 0-100 scale, rounded to two decimals.
    """
    column = np.array(values, dtype=np.float64)
    ordered = np.sort(column)
    below = np.searchsorted(ordered, column, side="left")
    equal = np.searchsorted(ordered, column, side="right") - below
    share = 100 * (below + equal / 2) / len(ordered)
    return [round(value, 2) for value in share.tolist()]


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Each occupation's closest occupations (:meth:`scoring.similar.Neighbourhood.of`).

    Flat, grouped by occupation, most similar first: occupation ``row[k]``'s k-th neighbour
    is ``col[k]``, sharing ``shared[k]`` essential skills whose specificities add up to
    ``shared_weight[k]``.
    """

    row: Ints
    col: Ints
    shared: Ints
    similarity: Floats
    shared_weight: Floats
    starts: Ints


def neighbours(relations: Relations, specificity: Floats, uri_rank: Ints, limit: int) -> Neighbours:
    """The closest ``limit`` occupations of every occupation, by cosine of essential sets.

    Shared counts come from pairs of occupations holding the same essential skill, counted in
    blocks of occupations so the pair arrays stay small.
    """
    n, m = relations.n, relations.m
    essential = relations.essential
    owner, skill = relations.occ[essential], relations.skill[essential]
    holders = np.bincount(skill, minlength=m)
    by_skill = np.argsort(skill, kind="stable")
    held_by = owner[by_skill]
    held_from = np.concatenate(([0], np.cumsum(holders)))[:-1].astype(np.int64)
    sizes = np.bincount(owner, minlength=n)
    inv_root = 1.0 / np.sqrt(np.maximum(sizes, 1).astype(np.float64))
    shared_with = holders[skill] >= MIN_SHARED
    owner, skill = owner[shared_with], skill[shared_with]
    pairs_of = holders[skill]
    block = max(1, PAIR_BLOCK // max(n, 1))
    firsts = list(range(0, n, block))
    bounds = np.searchsorted(owner, [*firsts, n]).tolist()
    parts: list[tuple[Ints, ...]] = []
    for first, start, end in zip(firsts, bounds[:-1], bounds[1:], strict=True):
        if start == end:
            continue
        lengths = pairs_of[start:end]
        key = np.repeat(owner[start:end] - first, lengths) * n
        key += held_by[_ragged(held_from[skill[start:end]], lengths)]
        span = min(block, n - first) * n
        counts = np.bincount(key, minlength=span)
        weight = np.bincount(key, np.repeat(specificity[skill[start:end]], lengths), minlength=span)
        del key
        found = np.flatnonzero(counts >= MIN_SHARED)
        row, col = found // n + first, found % n
        mine = row != col
        found, row, col = found[mine], row[mine], col[mine]
        shared = counts[found]
        similarity = shared * inv_root[row] * inv_root[col]
        # Whole occupations sit in one block, so each block keeps its own closest few.
        keep = ranked(row, -similarity, -shared, uri_rank[col], limit=limit)
        parts.append((row[keep], col[keep], shared[keep], similarity[keep], weight[found[keep]]))
    if parts:
        row, col, shared, similarity, shared_weight = (
            np.concatenate(p) for p in zip(*parts, strict=True)
        )
    else:
        row = col = shared = np.zeros(0, dtype=np.int64)
        similarity = shared_weight = np.zeros(0, dtype=np.float64)
    return Neighbours(
        row=row,
        col=col,
        shared=shared,
        similarity=similarity,
        shared_weight=shared_weight,
        starts=np.searchsorted(row, np.arange(n + 1)).astype(np.int64),
    )


def moves(
    relations: Relations,
    close: Neighbours,
    specificity: Floats,
    overall: Ints,
    levels: Ints,
) -> Ints:
    """Which neighbours are moves (:meth:`scoring.moves.MoveContext.moves`), as indices.

    A move scores at least MIN_GAP lower, sits at the same or a higher skill level, and shares
    at least MIN_SHARED_WEIGHT of the job's essential skills weighted by specificity; the
    first MOVES_SHOWN of each occupation's neighbours, in their order.

    The one sum not added in the per-occupation order: the rule adds specificities over a
    frozenset, whose order follows string hashes and so changes between processes; here they
    are added in a fixed order. Either way only a weight exactly at the threshold could tell.
    """
    essential = relations.essential
    own_weight = np.bincount(
        relations.occ[essential], specificity[relations.skill[essential]], minlength=relations.n
    )
    row, col = close.row, close.col
    own = own_weight[row]
    move = (
        (overall[col] <= overall[row] - MIN_GAP)
        & (levels[col] >= levels[row])
        & (own != 0)
        & ~(close.shared_weight < MIN_SHARED_WEIGHT * own)
    )
    chosen = np.flatnonzero(move)
    return chosen[first_per_group(row[chosen], MOVES_SHOWN)]


@dataclass(frozen=True, slots=True)
class GrowRows:
    """Each occupation's grow skills, best first (:func:`scoring.explain.grow_skills`)."""

    occ: Ints
    skill: Ints
    essential: Bools


def grow(
    relations: Relations,
    values: SkillValues,
    close: Neighbours,
    levels: Ints,
) -> GrowRows:
    """Skills to grow into, for every occupation at once.

    Support is added per (occupation, skill) in the order the per-occupation rule adds it: the
    job's own optional skills first, then each of its GROW_NEIGHBOURS closest neighbours' AI-
    complemented essential skills, nearest neighbour first.
    """
    occ, skill, m = relations.occ, relations.skill, relations.m
    listed = relations.listed
    essential_keys = relations.keys(relations.essential)
    optional_keys = relations.keys(~relations.essential)
    complemented = values.complementarity >= explain.GROW_MIN_COMPLEMENTARITY

    own = (
        ~relations.essential
        & (values.specificity[skill] <= explain.GROW_OPTIONAL_MAX_SPECIFICITY)
        & complemented[skill]
    )
    own_keys = np.repeat(occ[own] * m + skill[own], listed[own])

    candidate = relations.essential & complemented[skill]
    cand_skill = np.repeat(skill[candidate], listed[candidate])
    cand_count = np.bincount(np.repeat(occ[candidate], listed[candidate]), minlength=relations.n)
    cand_from = np.concatenate(([0], np.cumsum(cand_count)))[:-1].astype(np.int64)
    near = close.row, close.col, close.similarity
    rank = np.arange(len(close.row)) - close.starts[close.row]
    use = (rank < explain.GROW_NEIGHBOURS) & (levels[close.col] >= levels[close.row])
    row, col, similarity = (a[use] for a in near)
    lengths = cand_count[col]
    from_row = np.repeat(row, lengths)
    from_key = from_row * m + cand_skill[_ragged(cand_from[col], lengths)]
    outside = ~contains(essential_keys, from_key)
    from_key = from_key[outside]
    from_similarity = np.repeat(similarity, lengths)[outside]

    keys = np.concatenate((own_keys, from_key))
    amounts = np.concatenate((np.ones(len(own_keys)), from_similarity))
    pairs, where = np.unique(keys, return_inverse=True)
    support = np.bincount(where, amounts, minlength=len(pairs))
    # Each neighbour backs a skill once; the job vouches for its own optional skills in full.
    backers = np.bincount(where[len(own_keys) :], minlength=len(pairs))
    own_pairs = np.bincount(where[: len(own_keys)], minlength=len(pairs)) > 0
    backers += np.where(own_pairs, explain.GROW_MIN_BACKERS, 0)
    pair_occ, pair_skill = pairs // m, pairs % m
    keep = ~(
        (support < explain.GROW_MIN_SUPPORT)
        | (backers < explain.GROW_MIN_BACKERS)
        | (values.resilience[pair_skill] - values.exposure[pair_skill] < explain.GROW_MIN_MARGIN)
    )
    pair_occ, pair_skill, support = pair_occ[keep], pair_skill[keep], support[keep]

    # Relevance: the share of the skill's pillar areas that the job's essential skills reach.
    reached = np.zeros((relations.n, max(values.areas, 1)), dtype=bool)
    area_count = np.diff(values.area_starts)
    held = relations.essential
    spans = area_count[skill[held]]
    reached[
        np.repeat(occ[held], spans),
        values.area_ids[_ragged(values.area_starts[skill[held]], spans)],
    ] = True
    spans = area_count[pair_skill]
    hits = reached[
        np.repeat(pair_occ, spans),
        values.area_ids[_ragged(values.area_starts[pair_skill], spans)],
    ]
    shared_areas = np.bincount(
        np.repeat(np.arange(len(pair_occ)), spans)[hits], minlength=len(pair_occ)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        relevance = np.where(area_count[pair_skill] > 0, shared_areas / area_count[pair_skill], 0.0)
    score = (
        values.augmented[pair_skill]
        * (1.0 + explain.GROW_SUPPORT_BONUS * np.minimum(support, 2.0))
        * (explain.GROW_BASE_RELEVANCE + relevance)
    )
    best = ranked(
        pair_occ, -score, values.label_rank[pair_skill], pair_skill, limit=explain.LIST_SIZE
    )
    pair_occ, pair_skill = pair_occ[best], pair_skill[best]
    return GrowRows(
        occ=pair_occ,
        skill=pair_skill,
        essential=~contains(optional_keys, pair_occ * m + pair_skill),
    )


def _headline_pool(relations: Relations, values: SkillValues) -> Bools:
    """Rows :func:`scoring.explain._headline_pool` keeps: essential, or not a niche."""
    return relations.essential | (values.specificity[relations.skill] <= explain.NICHE_SPECIFICITY)


def _specific(relations: Relations, values: SkillValues, rows: Ints, value: Floats) -> Floats:
    """:func:`scoring.explain._specific` of the given rows' ``value``."""
    share = np.where(relations.essential[rows], 1.0, explain.OPTIONAL_RANK_SHARE)
    specificity = values.specificity[relations.skill[rows]]
    return (share * value) * (
        explain.SPECIFICITY_FLOOR + (1.0 - explain.SPECIFICITY_FLOOR) * specificity
    )


def exposed_rows(relations: Relations, values: SkillValues) -> Ints:
    """Rows of every occupation's exposed skills, best first (explain.exposed_skills)."""
    skill = relations.skill
    leans_exposed = values.exposure >= values.resilience
    rows = np.flatnonzero(
        _headline_pool(relations, values) & leans_exposed[skill] & ~values.knowledge[skill]
    )
    rank = _specific(relations, values, rows, values.exposure[skill[rows]])
    order = ranked(
        relations.occ[rows],
        -rank,
        ~relations.essential[rows],
        values.label_rank[skill[rows]],
        limit=explain.LIST_SIZE,
    )
    return rows[order]


def resilient_rows(relations: Relations, values: SkillValues) -> Ints:
    """Rows of every occupation's resilient skills, in rank order (explain.resilient_skills).

    The ranking is one sort over all occupations; choosing up to RESILIENT_COMPETENCES skills
    and RESILIENT_KNOWLEDGE knowledge items (without knowledge that restates a listed skill)
    compares labels, and stays a short loop per occupation.
    """
    skill = relations.skill
    leans_exposed = values.exposure >= values.resilience
    rows = np.flatnonzero(_headline_pool(relations, values) & ~leans_exposed[skill])
    rank = _specific(relations, values, rows, values.resilience[skill[rows]])
    rows = rows[
        ranked(
            relations.occ[rows],
            -rank,
            ~relations.essential[rows],
            values.label_rank[skill[rows]],
        )
    ]
    starts = np.searchsorted(relations.occ[rows], np.arange(relations.n + 1)).tolist()
    knowledge = values.knowledge[skill[rows]].tolist()
    labels = [relations.skills[k].label.casefold() for k in skill[rows].tolist()]
    size = explain.RESILIENT_COMPETENCES + explain.RESILIENT_KNOWLEDGE
    chosen: list[int] = []
    for first, end in itertools.pairwise(starts):
        competences = [k for k in range(first, end) if not knowledge[k]]
        doing = " ".join(labels[k] for k in competences[: explain.LIST_SIZE])
        known = [k for k in range(first, end) if knowledge[k] and labels[k].strip() not in doing]
        take = min(len(known), max(explain.RESILIENT_KNOWLEDGE, size - len(competences)))
        kept = {*competences[: size - take], *known[:take]}
        chosen += [k for k in range(first, end) if k in kept]
    return rows[np.array(chosen, dtype=np.int64)]


def driver_rows(
    relations: Relations, values: SkillValues, weight: Floats, tasks: Bools
) -> dict[str, Ints]:
    """Rows of the skills that push each factor up most (explain.factor_drivers)."""
    skill, everything = relations.skill, np.ones(len(relations.skill), dtype=bool)
    out: dict[str, Ints] = {}
    for name, column, pool in (
        ("skill_vulnerability", values.susceptibility, everything),
        ("task_automation", values.routine, tasks),
        ("ai_complementarity", values.complementarity, everything),
    ):
        rows = np.flatnonzero(pool)
        value = column[skill[rows]]
        order = ranked(
            relations.occ[rows],
            -weight[rows] * value,
            values.label_rank[skill[rows]],
            value,
            relations.essential[rows],
            skill[rows],
            limit=explain.LIST_SIZE,
        )
        out[name] = rows[order]
    return out
