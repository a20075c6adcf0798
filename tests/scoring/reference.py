"""The scoring model applied one occupation at a time: the specification the release path meets.

``scoring.score_release`` computes every occupation at once over relation arrays
(``scoring.arrays``). This is the per-occupation loop it replaced, built from the rules as
``scoring.factors``, ``scoring.explain``, ``scoring.similar`` and ``scoring.moves`` state them
for one occupation. ``tests/scoring/test_arrays.py`` holds the two equal, record for record.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from scoring import explain, model, narrative
from scoring.bands import band_for
from scoring.factors import Factors, SkillWeights, Weighted, compute_factors, prepare, task_skills
from scoring.moves import MoveContext
from scoring.results import FactorPercentiles, OccupationScore, SkillRef
from scoring.similar import Neighbourhood, essential_sets, skill_level
from scoring.skill_attributes import attributes_for, is_physical
from scoring.types import Occupation, Skill


def _percentile(sorted_values: Sequence[float], value: float) -> float:
    below = bisect_left(sorted_values, value)
    equal = bisect_right(sorted_values, value) - below
    return round(100 * (below + equal / 2) / len(sorted_values), 2)


def _manual_share(items: Sequence[Weighted], skills: Mapping[str, Skill]) -> float:
    tasks = [w for w in items if w.essential and skills[w.uri].skill_type != "knowledge"]
    total = 0.0
    for w in tasks:
        total += w.weight
    if not total:
        return 0.0
    physical = 0.0
    for w in tasks:
        if is_physical(skills[w.uri]):
            physical += w.weight
    return physical / total


def reference_scores(
    occupations: Sequence[Occupation], skills: Mapping[str, Skill]
) -> dict[str, OccupationScore]:
    """Every occupation scored by the per-occupation rules, keyed by occupation URI."""
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
        skill_ref=lambda uri: SkillRef(
            uri,
            skills[uri].label,
            round(specificity.get(uri, 1.0), 4),
            essential=True,
            knowledge=skills[uri].skill_type == "knowledge",
        ),
    )
    columns = {
        "skill_vulnerability": sorted(f.skill_vulnerability for f in factors.values()),
        "task_automation": sorted(f.task_automation for f in factors.values()),
        "ai_complementarity": sorted(f.ai_complementarity for f in factors.values()),
        "overall": sorted(f.overall_exact for f in factors.values()),
    }
    results: dict[str, OccupationScore] = {}
    for occupation in occupations:
        f = factors[occupation.uri]
        items = weighted[occupation.uri]
        tasks = task_skills(items, skills) if items else []
        band = band_for(f.overall_exact)
        mine = close.of(occupation.uri, model.NEIGHBOURS)
        similar = moves.moves(occupation.uri, mine)
        exposed = explain.exposed_skills(items, views)
        resilient = explain.resilient_skills(items, views)
        kept = {r.uri for r in resilient}
        grow = tuple(
            r
            for r in explain.grow_skills(occupation, mine, candidates, views, levels)
            if r.uri not in kept
        )
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
            factor_drivers=explain.factor_drivers(items, tasks, views),
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
                    uri=occupation.uri,
                )
            ),
            similar_safer=similar,
            model_version=model.MODEL_VERSION,
            manual_share=_manual_share(items, skills),
        )
    return results
