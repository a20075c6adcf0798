"""Score a whole ESCO release: the one entry point the store and the bot call.

Percentiles and "where your skills could take you" compare occupations with each other, so the
model scores a release at once rather than one occupation at a time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from scoring import explain, narrative
from scoring.bands import band_for
from scoring.factors import (
    Factors,
    SkillWeights,
    Weighted,
    compute_factors,
    prepare,
    task_skills,
)
from scoring.moves import MoveContext
from scoring.phrases import skill_phrase
from scoring.results import FactorPercentiles, OccupationScore, SkillRef
from scoring.similar import Neighbourhood, essential_sets, skill_level
from scoring.skill_attributes import attributes_for, is_physical
from scoring.types import Occupation, Skill

#: Bump whenever a rule, weight or formula changes: stored scores carry it.
MODEL_VERSION = "1.1.0"

#: Neighbours looked at per occupation: enough that the move rules still leave a few.
NEIGHBOURS = 60


def _percentile(sorted_values: Sequence[float], value: float) -> float:
    """Share of occupations below ``value`` (ties count half), 0-100 with two decimals."""
    below = bisect_left(sorted_values, value)
    equal = bisect_right(sorted_values, value) - below
    return round(100 * (below + equal / 2) / len(sorted_values), 2)


def _manual_share(items: Sequence[Weighted], skills: Mapping[str, Skill]) -> float:
    """Share of the essential tasks (by weight) that are hands-on: the routine's kind."""
    tasks = [w for w in items if w.essential and skills[w.uri].skill_type != "knowledge"]
    total = sum(w.weight for w in tasks)
    if not total:
        return 0.0
    return sum(w.weight for w in tasks if is_physical(skills[w.uri])) / total


#: A release's skill records by what tells them apart within it: the label and the kind of
#: skill follow from the URI.
_RefPool = dict[tuple[str, float, bool], SkillRef]


def _shared(refs: tuple[SkillRef, ...], pool: _RefPool) -> tuple[SkillRef, ...]:
    """``refs`` with each record replaced by the release's first equal one.

    Many occupations name the same skill with the same value (on ESCO 1.1.1, 86 000 mentions
    are 20 000 distinct records). The records are frozen, so sharing them is invisible to
    readers, and the garbage collector has a quarter as many of them to walk.
    """
    return tuple([pool.setdefault((ref.uri, ref.value, ref.essential), ref) for ref in refs])


def score_release(
    occupations: Sequence[Occupation], skills: Mapping[str, Skill]
) -> dict[str, OccupationScore]:
    """Score every occupation of a release, keyed by occupation URI.

    Skills an occupation references but ``skills`` lacks are ignored. An occupation with no
    known skill scores 0 on every factor (ESCO has none today; the store reports such gaps).

    Pure: it switches nothing process-wide, not even the garbage collector for a moment, since
    it runs on the bot's refresh thread beside the event loop. It stays fast by keeping few
    objects alive, so the collector's full passes stay few and short: weighted skills, skill
    areas and skill records are shared across the release, and each occupation's neighbours
    are found when it is scored and dropped after it.
    """
    used = {u for o in occupations for u in (*o.essential, *o.optional) if u in skills}
    attributes = {uri: attributes_for(skills[uri]) for uri in used}
    inputs = prepare(attributes)
    specificity = explain.specificities(occupations)
    views = explain.build_views(skills, attributes, specificity)
    weights = SkillWeights(skills)
    weighted = {o.uri: weights.of(o) for o in occupations}
    factors: dict[str, Factors] = {
        o.uri: compute_factors(weighted[o.uri], skills, inputs) for o in occupations
    }
    overall = {uri: round(f.overall_exact) for uri, f in factors.items()}
    essential = essential_sets(occupations, skills)
    close = Neighbourhood(essential)
    candidates = explain.grow_candidates(occupations, views)
    levels = {o.uri: skill_level(o.isco_group) for o in occupations}
    moves = MoveContext(
        overall=overall,
        levels=levels,
        essential=essential,
        specificity=specificity,
        occupation_labels={o.uri: o.label for o in occupations},
        skill_phrase=lambda uri: skill_phrase(
            skills[uri].label, knowledge=skills[uri].skill_type == "knowledge"
        ),
    )

    columns = {
        "skill_vulnerability": sorted(f.skill_vulnerability for f in factors.values()),
        "task_automation": sorted(f.task_automation for f in factors.values()),
        "ai_complementarity": sorted(f.ai_complementarity for f in factors.values()),
        "overall": sorted(f.overall_exact for f in factors.values()),
    }

    refs: _RefPool = {}
    results: dict[str, OccupationScore] = {}
    for occupation in occupations:
        f = factors[occupation.uri]
        items = weighted[occupation.uri]
        tasks = task_skills(items, skills) if items else []
        band = band_for(f.overall_exact)
        mine = close.of(occupation.uri, NEIGHBOURS)
        similar = moves.moves(occupation.uri, mine)
        exposed = _shared(explain.exposed_skills(items, views), refs)
        resilient = _shared(explain.resilient_skills(items, views), refs)
        kept = {r.uri for r in resilient}
        grow = _shared(
            tuple(
                r
                for r in explain.grow_skills(occupation, mine, candidates, views, levels)
                if r.uri not in kept
            ),
            refs,
        )
        drivers = {
            name: _shared(named, refs)
            for name, named in explain.factor_drivers(items, tasks, views).items()
        }
        results[occupation.uri] = OccupationScore(
            uri=occupation.uri,
            label=occupation.label,
            code=occupation.code,
            isco_group=occupation.isco_group,
            overall=overall[occupation.uri],
            overall_exact=f.overall_exact,
            band=band,
            skill_vulnerability=f.skill_vulnerability,
            task_automation=f.task_automation,
            ai_complementarity=f.ai_complementarity,
            percentiles=FactorPercentiles(
                _percentile(columns["skill_vulnerability"], f.skill_vulnerability),
                _percentile(columns["task_automation"], f.task_automation),
                _percentile(columns["ai_complementarity"], f.ai_complementarity),
                _percentile(columns["overall"], f.overall_exact),
            ),
            exposed_skills=exposed,
            resilient_skills=resilient,
            grow_skills=grow,
            factor_drivers=drivers,
            report=narrative.build_report(
                narrative.ReportFacts(
                    label=occupation.label,
                    description=occupation.description,
                    overall=overall[occupation.uri],
                    band=band,
                    task_automation=f.task_automation,
                    ai_complementarity=f.ai_complementarity,
                    skill_vulnerability=f.skill_vulnerability,
                    manual_share=_manual_share(items, skills),
                    exposed=exposed,
                    resilient=resilient,
                    grow=grow,
                    moves=similar,
                )
            ),
            similar_safer=similar,
            model_version=MODEL_VERSION,
        )
    return results
