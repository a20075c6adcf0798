"""Explanations: which real skills make an occupation exposed or resilient, and where to grow.

Everything here ranks the occupation's own ESCO skills (and those of its neighbours) by the
same attributes the factors use, so an explanation never contradicts the numbers beside it.
Takeaways are fixed templates filled with those skills: no free text, no language model.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.bands import Band
from scoring.factors import Factors, Weighted
from scoring.results import SimilarOccupation, SkillRef
from scoring.similar import Neighbour
from scoring.skill_attributes import SkillAttributes
from scoring.types import Occupation, Skill

#: How many skills each list shows (the bot's embed has room for about this many).
LIST_SIZE = 5
#: Resilient skills mix competences (hands-on and people skills) with the knowledge that
#: grounds judgement: this many of each.
RESILIENT_COMPETENCES = 4
RESILIENT_KNOWLEDGE = 2
#: Neighbours whose essential skills are candidate "grow" skills.
GROW_NEIGHBOURS = 10
#: A grow skill must be one AI clearly augments: routine data skills never qualify.
GROW_MIN_COMPLEMENTARITY = 0.55
#: Each unit of neighbourhood support (capped at 2) raises a grow skill's rank by this share.
GROW_SUPPORT_BONUS = 0.15
#: Grow skills outside the job's current skills-pillar areas keep this much of their rank.
GROW_BASE_RELEVANCE = 1.0
#: Above this task automation a job reads as "mostly routine" in the takeaways.
ROUTINE_TAKEAWAY_FROM = 60.0
#: Above this complementarity a job reads as "mostly augmented" in the takeaways.
AUGMENTED_TAKEAWAY_FROM = 55.0


@dataclass(frozen=True, slots=True)
class SkillView:
    """One skill with every ranking value the explanations need, computed once per release."""

    skill: Skill
    attributes: SkillAttributes
    exposure: float
    resilience: float
    augmented: float
    areas: frozenset[str]


def exposure_of(a: SkillAttributes) -> float:
    """How replaceable one skill is: AI can do it, and it is rule-based enough to hand over."""
    return 0.6 * a.susceptibility + 0.4 * a.routine


def resilience_of(a: SkillAttributes) -> float:
    """How protective one skill is: AI cannot do it, and AI would only assist with it."""
    return 0.5 * (1.0 - a.susceptibility) + 0.5 * a.complementarity


def augmented_value(a: SkillAttributes) -> float:
    """How much a skill is one where AI makes its holder stronger rather than redundant.

    Pizzinelli et al. (2023): the jobs that gain are exposed to AI *and* complemented by it.
    The same holds per skill: complementarity times susceptibility (AI is present in the
    work) times non-routine-ness (the person, not the rulebook, decides).
    """
    return a.complementarity * a.susceptibility * (1.0 - 0.5 * a.routine)


def areas_of(skill: Skill) -> frozenset[str]:
    """Level-2 skills-pillar areas of a skill ("S3.3", "K041"): where in the pillar it sits."""
    return frozenset(
        code
        for code in skill.groups
        if (code[0] == "K" and len(code) == 4) or (code[0] != "K" and code.count(".") == 1)
    )


def build_views(
    skills: Mapping[str, Skill], attributes: Mapping[str, SkillAttributes]
) -> dict[str, SkillView]:
    """Views of every skill that has attributes."""
    return {
        uri: SkillView(
            skills[uri],
            a,
            exposure_of(a),
            resilience_of(a),
            augmented_value(a),
            areas_of(skills[uri]),
        )
        for uri, a in attributes.items()
    }


def _ref(view: SkillView, value: float, *, essential: bool) -> SkillRef:
    return SkillRef(view.skill.uri, view.skill.label, round(value, 4), essential)


def exposed_skills(
    items: Sequence[Weighted], views: Mapping[str, SkillView]
) -> tuple[SkillRef, ...]:
    """The skills/competences AI is likeliest to take over (knowledge is not a task).

    Ties go to essential skills, then to the label, so results are stable across runs.
    """
    tasks = [w for w in items if views[w.uri].skill.skill_type != "knowledge"] or list(items)
    top = heapq.nsmallest(
        LIST_SIZE,
        tasks,
        key=lambda w: (-views[w.uri].exposure, not w.essential, views[w.uri].skill.label),
    )
    return tuple(_ref(views[w.uri], views[w.uri].exposure, essential=w.essential) for w in top)


def resilient_skills(
    items: Sequence[Weighted], views: Mapping[str, SkillView]
) -> tuple[SkillRef, ...]:
    """The skills that keep the job human: least automatable, most augmented by AI.

    Up to RESILIENT_COMPETENCES skills/competences (what the worker does) and
    RESILIENT_KNOWLEDGE knowledge items (what grounds their judgement), each in resilience
    order; a kind that runs short leaves its slots to the other.
    """
    ranked = sorted(
        items,
        key=lambda w: (-views[w.uri].resilience, not w.essential, views[w.uri].skill.label),
    )
    knowledge = [w for w in ranked if views[w.uri].skill.skill_type == "knowledge"]
    competences = [w for w in ranked if views[w.uri].skill.skill_type != "knowledge"]
    size = RESILIENT_COMPETENCES + RESILIENT_KNOWLEDGE
    take_knowledge = min(len(knowledge), max(RESILIENT_KNOWLEDGE, size - len(competences)))
    chosen = set(competences[: size - take_knowledge]) | set(knowledge[:take_knowledge])
    return tuple(
        _ref(views[w.uri], views[w.uri].resilience, essential=w.essential)
        for w in ranked
        if w in chosen
    )


def grow_candidates(
    occupations: Sequence[Occupation], views: Mapping[str, SkillView]
) -> dict[str, tuple[str, ...]]:
    """Per occupation, its essential skills AI clearly complements.

    The neighbour side of :func:`grow_skills`, filtered once per release instead of once per
    neighbour visit.
    """
    return {
        o.uri: tuple(
            uri
            for uri in o.essential
            if uri in views and views[uri].attributes.complementarity >= GROW_MIN_COMPLEMENTARITY
        )
        for o in occupations
    }


def grow_skills(
    occupation: Occupation,
    close: Sequence[Neighbour],
    candidates: Mapping[str, tuple[str, ...]],
    views: Mapping[str, SkillView],
) -> tuple[SkillRef, ...]:
    """Skills to grow into: AI-augmented (see :func:`augmented_value`), already near the job.

    Candidates are the occupation's optional skills and the essential skills of its closest
    neighbours (``candidates`` from :func:`grow_candidates`), if AI clearly complements them.
    Support counts how strongly the neighbourhood points at a skill (an own optional skill
    counts 1, each neighbour its similarity), so the list follows where related jobs actually
    go. Relevance favours skills in pillar areas the job's essential skills already reach:
    growth next to the current work.
    """
    own = set(occupation.essential)
    support: dict[str, float] = {}
    for uri in occupation.optional:
        view = views.get(uri)
        if (
            view is not None
            and uri not in own
            and view.attributes.complementarity >= GROW_MIN_COMPLEMENTARITY
        ):
            support[uri] = support.get(uri, 0.0) + 1.0
    for neighbour in close[:GROW_NEIGHBOURS]:
        for uri in candidates.get(neighbour.uri, ()):
            if uri not in own:
                support[uri] = support.get(uri, 0.0) + neighbour.similarity
    if not support:
        return ()
    areas: set[str] = set()
    for uri in own:
        view = views.get(uri)
        if view is not None:
            areas |= view.areas
    scored = []
    for uri, weight in support.items():
        view = views[uri]
        relevance = len(view.areas & areas) / len(view.areas) if view.areas else 0.0
        rank = (
            view.augmented
            * (1.0 + GROW_SUPPORT_BONUS * min(weight, 2.0))
            * (GROW_BASE_RELEVANCE + relevance)
        )
        scored.append((-rank, view.skill.label, uri))
    optional = set(occupation.optional)
    return tuple(
        _ref(views[uri], views[uri].augmented, essential=uri not in optional)
        for _, _, uri in heapq.nsmallest(LIST_SIZE, scored)
    )


def factor_drivers(
    items: Sequence[Weighted], tasks: Sequence[Weighted], views: Mapping[str, SkillView]
) -> dict[str, tuple[SkillRef, ...]]:
    """For each factor, the skills that push it up most (weight x value)."""

    def top(pool: Sequence[Weighted], field: str) -> tuple[SkillRef, ...]:
        ranked = []
        for w in pool:
            view = views[w.uri]
            value = getattr(view.attributes, field)
            ranked.append((-w.weight * value, view.skill.label, value, w.essential, w.uri))
        return tuple(
            _ref(views[uri], value, essential=essential)
            for _, _, value, essential, uri in heapq.nsmallest(LIST_SIZE, ranked)
        )

    return {
        "skill_vulnerability": top(items, "susceptibility"),
        "task_automation": top(tasks, "routine"),
        "ai_complementarity": top(items, "complementarity"),
    }


def _join(labels: Sequence[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _labels(refs: Sequence[SkillRef], n: int = 3) -> str:
    return _join([r.label for r in refs[:n]])


def takeaways(  # noqa: PLR0917 - one argument per list the sentences draw on
    occupation: Occupation,
    factors: Factors,
    overall: int,
    band: Band,
    exposed: Sequence[SkillRef],
    resilient: Sequence[SkillRef],
    grow: Sequence[SkillRef],
    similar: Sequence[SimilarOccupation],
) -> tuple[str, ...]:
    """Three or four plain-English sentences built from the lists above."""
    routine = factors.task_automation >= ROUTINE_TAKEAWAY_FROM
    augmented = factors.ai_complementarity >= AUGMENTED_TAKEAWAY_FROM
    t = round(factors.task_automation)
    c = round(factors.ai_complementarity)
    if routine and augmented:
        why = (
            f"Much of the essential work is routine (task automation {t}/100), but AI mostly "
            f"assists rather than replaces the rest (AI complementarity {c}/100): the job is "
            "more likely to change than to disappear."
        )
    elif routine:
        why = (
            f"Most of the essential work is routine and rule-based (task automation {t}/100) "
            f"and little of it is work AI merely assists with (AI complementarity {c}/100)."
        )
    elif augmented:
        why = (
            f"Most of the work needs judgement, people or hands-on context (AI "
            f"complementarity {c}/100), so AI is likelier to assist than to replace you."
        )
    else:
        why = (
            f"Only part of the work is routine (task automation {t}/100) and AI assists with "
            f"a limited share of it (AI complementarity {c}/100)."
        )
    out = [f"As a {occupation.label}, you score {overall}/100: {band.headline}. {why}"]
    if exposed:
        out.append(f"AI and software will take over the routine parts first: {_labels(exposed)}.")
    if resilient:
        out.append(
            "What keeps the job in human hands: "
            f"{_labels(resilient, 4)}. AI cannot take responsibility for these."
        )
    if grow:
        out.append(
            f"The role is moving towards {_labels(grow)}: growing these skills puts you in "
            "charge of the automated work instead of competing with it."
        )
    elif similar:
        move = similar[0]
        out.append(
            f"Your skills carry over to {move.label} ({move.shared_skills} shared essential "
            f"skills), which scores lower at {move.overall}/100."
        )
    return tuple(out)
