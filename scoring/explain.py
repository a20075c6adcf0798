"""Explanations: which real skills make an occupation exposed or resilient, and where to grow.

Everything here ranks the occupation's own ESCO skills (and those of its neighbours) by the
same attributes the factors use, so an explanation never contradicts the numbers beside it.
The words around these lists are ``scoring.narrative``'s job.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.factors import Weighted
from scoring.results import SkillRef
from scoring.similar import Neighbour
from scoring.skill_attributes import SkillAttributes
from scoring.types import Occupation, Skill

#: How many skills each list shows (the bot's embed has room for about this many).
LIST_SIZE = 5
#: Resilient skills mix competences (hands-on and people skills) with the knowledge that
#: grounds judgement: this many of each.
RESILIENT_COMPETENCES = 4
RESILIENT_KNOWLEDGE = 2
#: A skill every occupation lists still keeps this share of its rank: specificity breaks ties
#: between similar values without hiding a skill that is central to the job.
SPECIFICITY_FLOOR = 0.75
#: The headline lists draw on essential skills first. An optional skill held by few
#: occupations is a niche of the job (mounted police riding horses) and is never headlined;
#: a widely held one ("process data") competes at OPTIONAL_RANK_SHARE of its rank.
NICHE_SPECIFICITY = 0.7
OPTIONAL_RANK_SHARE = 0.9
#: Neighbours whose essential skills are candidate "grow" skills.
GROW_NEIGHBOURS = 10
#: A grow skill must be one AI clearly augments: routine data skills never qualify.
GROW_MIN_COMPLEMENTARITY = 0.55
#: Each unit of neighbourhood support (capped at 2) raises a grow skill's rank by this share.
GROW_SUPPORT_BONUS = 0.3
#: Least support a grow skill needs: one fairly close neighbour, or an own optional skill.
GROW_MIN_SUPPORT = 0.3
#: A grow skill from the neighbourhood needs this many neighbours behind it (an own optional
#: skill needs none). One sibling's speciality ("instruct customers on ammunition's usage" for
#: a music shop seller) is not where the job is going.
GROW_MIN_BACKERS = 2
#: A grow skill must be clearly more resilient than exposed: answering customer inquiries is
#: complemented by AI, and it is also what chatbots automate.
GROW_MIN_MARGIN = 0.1
#: An own optional skill held by fewer occupations than this specificity allows (a handful)
#: belongs to a niche of the job (railway law for police officers), not to its direction.
GROW_OPTIONAL_MAX_SPECIFICITY = 0.7
#: Grow skills outside the job's current skills-pillar areas keep this much of their rank.
GROW_BASE_RELEVANCE = 1.0


@dataclass(frozen=True, slots=True)
class SkillView:
    """One skill with every ranking value the explanations need, computed once per release."""

    skill: Skill
    attributes: SkillAttributes
    exposure: float
    resilience: float
    augmented: float
    areas: frozenset[str]
    specificity: float


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


def specificities(occupations: Sequence[Occupation]) -> dict[str, float]:
    """How particular each skill is to few occupations: 1 for one holder, 0 for all of them.

    "Use word processing software" and "follow work schedule" are listed by hundreds of
    occupations; they are true of a job but say nothing about it. The scale is logarithmic, so
    a skill shared by a profession's few dozen occupations ("work in multidisciplinary health
    teams") still counts as fairly specific.
    """
    holders = Counter(uri for o in occupations for uri in {*o.essential, *o.optional})
    return {uri: specificity(n, len(occupations)) for uri, n in holders.items()}


def specificity(holders: int, occupations: int) -> float:
    """Specificity of a skill held by ``holders`` of ``occupations`` (see :func:`specificities`)."""
    return 1.0 - math.log1p(holders) / math.log1p(max(occupations, 1))


def build_views(
    skills: Mapping[str, Skill],
    attributes: Mapping[str, SkillAttributes],
    specificity: Mapping[str, float],
) -> dict[str, SkillView]:
    """Views of every skill that has attributes.

    Skills in the same places of the pillar share one set of areas (ESCO 1.1.1: 13 900 skills,
    1 700 distinct sets), so a release keeps fewer objects alive while it is scored.
    """
    shared: dict[frozenset[str], frozenset[str]] = {}
    views: dict[str, SkillView] = {}
    for uri, a in attributes.items():
        areas = areas_of(skills[uri])
        views[uri] = SkillView(
            skills[uri],
            a,
            exposure_of(a),
            resilience_of(a),
            augmented_value(a),
            shared.setdefault(areas, areas),
            specificity.get(uri, 1.0),
        )
    return views


def _specific(view: SkillView, value: float, *, essential: bool = True) -> float:
    """A ranking value tempered by how generic the skill is (see :func:`specificities`)."""
    share = 1.0 if essential else OPTIONAL_RANK_SHARE
    return share * value * (SPECIFICITY_FLOOR + (1.0 - SPECIFICITY_FLOOR) * view.specificity)


def _leans_exposed(view: SkillView) -> bool:
    """Which list a skill belongs to: no skill is both exposed and what keeps the job human."""
    return view.exposure >= view.resilience


def _headline_pool(items: Sequence[Weighted], views: Mapping[str, SkillView]) -> list[Weighted]:
    """Essential skills and the optional ones that are not a niche of the job."""
    return [w for w in items if w.essential or views[w.uri].specificity <= NICHE_SPECIFICITY]


def _ref(view: SkillView, value: float, *, essential: bool) -> SkillRef:
    return SkillRef(
        view.skill.uri,
        view.skill.label,
        round(value, 4),
        essential,
        view.skill.skill_type == "knowledge",
    )


def exposed_skills(
    items: Sequence[Weighted], views: Mapping[str, SkillView]
) -> tuple[SkillRef, ...]:
    """The essential tasks likeliest to be automated first (knowledge is not a task).

    Ranked by exposure tempered by specificity, so the job's own routine work comes before
    generic office chores; ties go to the label, so results are stable across runs.
    """
    pool = [w for w in _headline_pool(items, views) if _leans_exposed(views[w.uri])]
    tasks = [w for w in pool if views[w.uri].skill.skill_type != "knowledge"]
    top = heapq.nsmallest(
        LIST_SIZE,
        tasks,
        key=lambda w: (
            -_specific(views[w.uri], views[w.uri].exposure, essential=w.essential),
            not w.essential,
            views[w.uri].skill.label,
        ),
    )
    return tuple(_ref(views[w.uri], views[w.uri].exposure, essential=w.essential) for w in top)


def resilient_skills(
    items: Sequence[Weighted], views: Mapping[str, SkillView]
) -> tuple[SkillRef, ...]:
    """The skills that keep the job human: least automatable, most augmented by AI.

    Up to RESILIENT_COMPETENCES skills/competences (what the worker does) and
    RESILIENT_KNOWLEDGE knowledge items (what grounds their judgement), each in resilience
    order (tempered by specificity); a kind that runs short leaves its slots to the other.
    A niche optional skill is never headlined (see :func:`_headline_pool`), and knowledge
    that only restates a listed skill ("first response" beside "apply first response") is
    left out.
    """
    ranked = sorted(
        (w for w in _headline_pool(items, views) if not _leans_exposed(views[w.uri])),
        key=lambda w: (
            -_specific(views[w.uri], views[w.uri].resilience, essential=w.essential),
            not w.essential,
            views[w.uri].skill.label,
        ),
    )
    competences = [w for w in ranked if views[w.uri].skill.skill_type != "knowledge"]
    doing = " ".join(views[w.uri].skill.label.casefold() for w in competences[:LIST_SIZE])
    knowledge = [
        w
        for w in ranked
        if views[w.uri].skill.skill_type == "knowledge"
        and views[w.uri].skill.label.casefold().strip() not in doing
    ]
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
    levels: Mapping[str, int],
) -> tuple[SkillRef, ...]:
    """Skills to grow into: AI-augmented (see :func:`augmented_value`), already near the job.

    Candidates are the occupation's widely held optional skills and the essential skills of
    its closest neighbours at the same or a higher ISCO skill level (``candidates`` from
    :func:`grow_candidates`), if AI clearly complements them and they are less exposed than
    resilient. Support counts how strongly the neighbourhood points at a skill (an own
    optional skill counts 1, each neighbour its similarity); a skill needs GROW_MIN_SUPPORT,
    so one distant neighbour's speciality is not a direction. Relevance favours skills in
    pillar areas the job's essential skills already reach: growth next to the current work.
    """
    own = set(occupation.essential)
    level = levels.get(occupation.uri, 0)
    support: dict[str, float] = {}
    for uri in occupation.optional:
        view = views.get(uri)
        if (
            view is not None
            and uri not in own
            and view.specificity <= GROW_OPTIONAL_MAX_SPECIFICITY
            and view.attributes.complementarity >= GROW_MIN_COMPLEMENTARITY
        ):
            support[uri] = support.get(uri, 0.0) + 1.0
    backers = Counter(dict.fromkeys(support, GROW_MIN_BACKERS))  # the job vouches for its own
    for neighbour in close[:GROW_NEIGHBOURS]:
        if levels.get(neighbour.uri, 0) < level:
            continue
        for uri in candidates.get(neighbour.uri, ()):
            if uri not in own:
                support[uri] = support.get(uri, 0.0) + neighbour.similarity
                backers[uri] += 1
    areas: set[str] = set()
    for uri in own:
        view = views.get(uri)
        if view is not None:
            areas |= view.areas
    scored = []
    for uri, weight in support.items():
        view = views[uri]
        if (
            weight < GROW_MIN_SUPPORT
            or backers[uri] < GROW_MIN_BACKERS
            or view.resilience - view.exposure < GROW_MIN_MARGIN
        ):
            continue
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
