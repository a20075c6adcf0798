"""Score a whole ESCO release: the one entry point the store and the bot call.

Percentiles and "where your skills could take you" compare occupations with each other, so the
model scores a release at once rather than one occupation at a time. The numbers (factors,
percentiles, neighbours, moves and every ranked skill list) are computed for all occupations
together over the release's relation arrays (``scoring.arrays``); what stays per occupation
is putting each answer's records and words together.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from scoring import arrays, narrative
from scoring.arrays import Relations, SkillValues
from scoring.bands import band_for
from scoring.factors import Factors, factors_from_sums
from scoring.phrases import skill_phrase
from scoring.results import FactorPercentiles, OccupationScore, SimilarOccupation, SkillRef
from scoring.similar import skill_level
from scoring.skill_attributes import attributes_for
from scoring.types import Occupation, Skill
from scoring.version import MODEL_VERSION

#: Neighbours looked at per occupation: enough that the move rules still leave a few.
NEIGHBOURS = 60

#: Occupations put together between two progress reports.
PROGRESS_EVERY = 250

#: ``progress(occupations done, occupations in all)``, called now and then while scoring.
ScoringProgress = Callable[[int, int], None]


class _Refs:
    """Skill records for the answers, each made once.

    Many occupations name the same skill with the same value (on ESCO 1.1.1, 86 000 mentions
    are 20 000 distinct records). Equal records are one object, shared by every answer that
    names them: the records are frozen, so sharing is invisible to readers, and the garbage
    collector has a quarter as many of them to walk.
    """

    def __init__(self, relations: Relations, columns: Mapping[str, list[float]]) -> None:
        self._relations = relations
        self._columns = columns
        self._pool: dict[tuple[str, float, bool], SkillRef] = {}

    def listed(
        self, column: str, occ: np.ndarray, skill: np.ndarray, essential: np.ndarray
    ) -> list[tuple[SkillRef, ...]]:
        """Records of the given listings (rows sorted by occupation), gathered per occupation.

        Each record carries the skill's value in ``column``, rounded to 4 decimals.
        """
        values, skills = self._columns[column], self._relations.skills
        codes, where = np.unique(skill * 2 + essential, return_inverse=True)
        made = []
        for code in codes.tolist():
            s, is_essential = skills[code >> 1], bool(code & 1)
            value = round(values[code >> 1], 4)
            made.append(
                self._pool.setdefault(
                    (s.uri, value, is_essential),
                    SkillRef(s.uri, s.label, value, is_essential, s.skill_type == "knowledge"),
                )
            )
        refs = [made[k] for k in where.tolist()]
        starts = np.searchsorted(occ, np.arange(self._relations.n + 1)).tolist()
        return [tuple(refs[first:end]) for first, end in itertools.pairwise(starts)]


def score_release(
    occupations: Sequence[Occupation],
    skills: Mapping[str, Skill],
    *,
    progress: ScoringProgress | None = None,
) -> dict[str, OccupationScore]:
    """Score every occupation of a release, keyed by occupation URI (each URI once).

    Skills an occupation references but ``skills`` lacks are ignored. An occupation with no
    known skill scores 0 on every factor (ESCO has none today; the store reports such gaps).

    Pure: it switches nothing process-wide, not even the garbage collector for a moment, since
    it runs on the bot's refresh thread beside the event loop. ``progress``, if given, hears
    how many occupations are done.
    """
    n = len(occupations)
    if progress:
        progress(0, n)
    relations = Relations(occupations, skills)
    attributes = [attributes_for(s) for s in relations.skills]
    values = SkillValues.of(relations, attributes, arrays.specificities(relations))
    weight = arrays.weights(relations, values)
    tasks = arrays.task_rows(relations, values)
    sums = arrays.factor_sums(relations, values, weight, tasks)
    by_occupation = zip(
        relations.rows.tolist(),
        sums.total.tolist(),
        sums.vulnerable.tolist(),
        sums.augmented.tolist(),
        sums.task_total.tolist(),
        sums.routine.tolist(),
        strict=True,
    )
    factors = [
        factors_from_sums(*numbers) if rows else Factors(0.0, 0.0, 0.0, 0.0)
        for rows, *numbers in by_occupation
    ]
    overall = [round(f.overall_exact) for f in factors]
    standing = [
        arrays.percentiles([getattr(f, name) for f in factors])
        for name in ("skill_vulnerability", "task_automation", "ai_complementarity")
    ]
    standing.append(arrays.percentiles([f.overall_exact for f in factors]))
    manual = arrays.manual_shares(relations, values, weight)
    levels = np.array([skill_level(o.isco_group) for o in occupations], dtype=np.int64)
    uri_rank = np.empty(n, dtype=np.int64)
    uri_rank[sorted(range(n), key=lambda i: occupations[i].uri)] = np.arange(n)
    spec = values.specificity
    close = arrays.neighbours(relations, spec, uri_rank, NEIGHBOURS)
    moves = _moves(relations, close, spec, overall, levels)

    refs = _Refs(
        relations,
        {
            "exposure": values.exposure.tolist(),
            "resilience": values.resilience.tolist(),
            "augmented": values.augmented.tolist(),
            "skill_vulnerability": values.susceptibility.tolist(),
            "task_automation": values.routine.tolist(),
            "ai_complementarity": values.complementarity.tolist(),
        },
    )

    def listed(column: str, rows: np.ndarray) -> list[tuple[SkillRef, ...]]:
        return refs.listed(
            column, relations.occ[rows], relations.skill[rows], relations.essential[rows]
        )

    exposed = listed("exposure", arrays.exposed_rows(relations, values))
    resilient = listed("resilience", arrays.resilient_rows(relations, values))
    drivers = {
        name: listed(name, rows)
        for name, rows in arrays.driver_rows(relations, values, weight, tasks).items()
    }
    grown = arrays.grow(relations, values, close, levels)
    grow = refs.listed("augmented", grown.occ, grown.skill, grown.essential)

    results: dict[str, OccupationScore] = {}
    for i, occupation in enumerate(occupations):
        if progress and i and not i % PROGRESS_EVERY:
            progress(i, n)
        f = factors[i]
        band = band_for(f.overall_exact)
        kept = {r.uri for r in resilient[i]}
        grow_skills = tuple(r for r in grow[i] if r.uri not in kept)
        results[occupation.uri] = OccupationScore(
            uri=occupation.uri,
            label=occupation.label,
            code=occupation.code,
            isco_group=occupation.isco_group,
            overall=overall[i],
            overall_exact=f.overall_exact,
            band=band,
            skill_vulnerability=f.skill_vulnerability,
            task_automation=f.task_automation,
            ai_complementarity=f.ai_complementarity,
            percentiles=FactorPercentiles(*(column[i] for column in standing)),
            exposed_skills=exposed[i],
            resilient_skills=resilient[i],
            grow_skills=grow_skills,
            factor_drivers={name: lists[i] for name, lists in drivers.items()},
            report=narrative.build_report(
                narrative.ReportFacts(
                    label=occupation.label,
                    description=occupation.description,
                    overall=overall[i],
                    band=band,
                    task_automation=f.task_automation,
                    ai_complementarity=f.ai_complementarity,
                    skill_vulnerability=f.skill_vulnerability,
                    manual_share=manual[i],
                    exposed=exposed[i],
                    resilient=resilient[i],
                    grow=grow_skills,
                    moves=moves[i],
                    uri=occupation.uri,
                )
            ),
            similar_safer=moves[i],
            model_version=MODEL_VERSION,
            manual_share=manual[i],
        )
    if progress:
        progress(n, n)
    return results


def _moves(
    relations: Relations,
    close: arrays.Neighbours,
    specificity: np.ndarray,
    overall: list[int],
    levels: np.ndarray,
) -> list[tuple[SimilarOccupation, ...]]:
    """Each occupation's lower-risk moves (:meth:`scoring.moves.MoveContext.moves`).

    The bridge skill is the most specific essential skill both jobs need (ties: the first
    URI), looked up for the few neighbours that are moves.
    """
    chosen = arrays.moves(relations, close, specificity, np.array(overall, dtype=np.int64), levels)
    occupations = relations.occupations
    skills = relations.skills
    spec = specificity.tolist()
    essential = relations.essential
    own_skills: list[list[int]] = [[] for _ in occupations]
    for i, k in zip(
        relations.occ[essential].tolist(), relations.skill[essential].tolist(), strict=True
    ):
        own_skills[i].append(k)
    held: dict[int, set[int]] = {}
    bridges: dict[int, list[int]] = {}
    out: list[list[SimilarOccupation]] = [[] for _ in occupations]
    for i, j, shared in zip(
        close.row[chosen].tolist(),
        close.col[chosen].tolist(),
        close.shared[chosen].tolist(),
        strict=True,
    ):
        if i not in bridges:
            bridges[i] = sorted(own_skills[i], key=lambda k: (-spec[k], k))
        if j not in held:
            held[j] = set(own_skills[j])
        other = held[j]
        example = next(k for k in bridges[i] if k in other)
        bridge = skills[example]
        out[i].append(
            SimilarOccupation(
                occupations[j].uri,
                occupations[j].label,
                overall[j],
                shared,
                skill_phrase(bridge.label, knowledge=bridge.skill_type == "knowledge"),
                SkillRef(
                    bridge.uri,
                    bridge.label,
                    round(spec[example], 4),
                    essential=True,
                    knowledge=bridge.skill_type == "knowledge",
                ),
            )
        )
    return [tuple(moves) for moves in out]
