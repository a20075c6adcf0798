"""Occupation factors: weighted means of skill attributes, scaled to 0-100.

An occupation is what ESCO says it needs. Essential skills define the job, so they weigh more
than optional ones; knowledge items describe what a worker knows rather than what they do, so
they weigh less than skills/competences when we ask how exposed the *work* is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from scoring.skill_attributes import SkillAttributes
from scoring.types import Occupation, Skill

#: Essential skills define the occupation; optional ones vary between jobs.
ESSENTIAL_WEIGHT = 1.0
#: Optional skills still show where the work goes, at a third of the weight.
OPTIONAL_WEIGHT = 0.35
#: Knowledge items describe what is known, not the tasks done: they count less.
KNOWLEDGE_WEIGHT = 0.6

#: Task automation and complementarity are *shares* of the work: a skill counts as routine (or
#: as augmented) through a soft threshold, so a job that is half filing and half supervising
#: reads as about half routine rather than as uniformly "medium".
ROUTINE_THRESHOLD = 0.43
COMPLEMENTARITY_THRESHOLD = 0.47
#: Width of the soft threshold: about +-0.1 around it separates "no" from "yes".
THRESHOLD_SOFTNESS = 0.08
COMPLEMENTARITY_SOFTNESS = 0.10

#: Routine work is easier to hand over whole: task automation scales exposure by up to
#: +-ROUTINE_AMPLIFICATION/2 around a half-routine job (Autor, Levy and Murnane 2003).
ROUTINE_AMPLIFICATION = 0.10
#: Complementarity above this share of the work starts to turn exposure into augmentation ...
COMPLEMENTARITY_FLOOR = 0.55
#: ... and a fully complemented job keeps only 1 - COMPLEMENTARITY_RELIEF of its exposure
#: (Pizzinelli et al. 2023: high exposure with high complementarity means augmentation).
COMPLEMENTARITY_RELIEF = 0.15
#: Raw risk (0-1) mapped linearly onto the 0-100 display scale. The anchors fix the scale once
#: (a job whose every skill sits at the susceptibility of routine clerical work reads about 95);
#: they are not fitted per occupation or group.
RISK_SCALE_LOW = 0.15
RISK_SCALE_HIGH = 0.88


class Weighted(NamedTuple):
    """One skill of an occupation with the weight it carries in the factors.

    A named tuple: a release creates over a hundred thousand of them.
    """

    uri: str
    essential: bool
    weight: float


@dataclass(frozen=True, slots=True)
class Factors:
    """The three factors (0-100) and the overall score of one occupation."""

    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    overall_exact: float


class SkillWeights:
    """Occupations' weighted skills, sharing one Weighted record per skill and kind.

    A skill weighs the same in every occupation that lists it as essential (or as optional), so
    the occupations of a release share those records rather than each making its own (ESCO
    1.1.1: 120 000 listings, 20 000 distinct records). Fewer objects stay alive while a release
    is scored, which keeps the garbage collector's full passes short.
    """

    def __init__(self, skills: Mapping[str, Skill]) -> None:
        self._skills = skills
        self._essential: dict[str, Weighted] = {}
        self._optional: dict[str, Weighted] = {}

    def of(self, occupation: Occupation) -> list[Weighted]:
        """The occupation's known skills with their weights; unknown URIs are skipped."""
        out: list[Weighted] = []
        seen: set[str] = set()
        for uris, essential, made in (
            (occupation.essential, True, self._essential),
            (occupation.optional, False, self._optional),
        ):
            for uri in uris:
                if uri in seen:
                    continue
                record = made.get(uri)
                if record is None:
                    skill = self._skills.get(uri)
                    if skill is None:
                        continue
                    record = made[uri] = Weighted(uri, essential, _weight(skill, essential))
                seen.add(uri)
                out.append(record)
        return out


def _weight(skill: Skill, essential: bool) -> float:
    base = ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT
    return base * (KNOWLEDGE_WEIGHT if skill.skill_type == "knowledge" else 1.0)


def weighted_skills(occupation: Occupation, skills: Mapping[str, Skill]) -> list[Weighted]:
    """The occupation's known skills with their weights; unknown URIs are skipped.

    A whole release is weighted at once over its relation arrays (``scoring.arrays``).
    """
    return SkillWeights(skills).of(occupation)


def task_skills(items: Sequence[Weighted], skills: Mapping[str, Skill]) -> list[Weighted]:
    """Essential skills/competences: the work itself, which task automation looks at.

    Falls back to every essential item, then to everything, so an occupation that ESCO lists
    only with knowledge still gets a value.
    """
    tasks = [w for w in items if w.essential and skills[w.uri].skill_type != "knowledge"]
    if tasks:
        return tasks
    return [w for w in items if w.essential] or items


def soft_share(value: float, threshold: float, softness: float) -> float:
    """How far one skill counts as "over the threshold" (0-1, logistic)."""
    return 1.0 / (1.0 + math.exp(-(value - threshold) / softness))


def overall_from(vulnerability: float, automation: float, complementarity: float) -> float:
    """Combine the factors (each 0-100) into the overall score (0-100, float).

    With V, T, C as fractions of 1:

        routine_gain = 1 + 0.10 * (T - 0.5)
        relief       = 0.15 * max(0, C - 0.55) / 0.45
        risk         = V * routine_gain * (1 - relief)
        overall      = 100 * (risk - 0.15) / (0.88 - 0.15), clamped to [0, 100]

    Exposure (V) leads because it is what AI can do with the skills; routine-ness decides how
    much of that can be handed over whole; complementarity turns the rest into augmentation.
    """
    v, t, c = vulnerability / 100, automation / 100, complementarity / 100
    routine_gain = 1.0 + ROUTINE_AMPLIFICATION * (t - 0.5)
    relief = (
        COMPLEMENTARITY_RELIEF * max(0.0, c - COMPLEMENTARITY_FLOOR) / (1.0 - COMPLEMENTARITY_FLOOR)
    )
    risk = v * routine_gain * (1.0 - relief)
    scaled = 100 * (risk - RISK_SCALE_LOW) / (RISK_SCALE_HIGH - RISK_SCALE_LOW)
    return min(100.0, max(0.0, scaled))


@dataclass(frozen=True, slots=True)
class SkillInputs:
    """Per-skill values the factors average: susceptibility and the two soft shares."""

    susceptibility: float
    routine_share: float
    complementarity_share: float


def routine_share(a: SkillAttributes) -> float:
    """How far a skill counts as routine work, the share task automation averages."""
    return soft_share(a.routine, ROUTINE_THRESHOLD, THRESHOLD_SOFTNESS)


def complementarity_share(a: SkillAttributes) -> float:
    """How far a skill counts as augmented by AI, the share AI complementarity averages."""
    return soft_share(a.complementarity, COMPLEMENTARITY_THRESHOLD, COMPLEMENTARITY_SOFTNESS)


def prepare(attributes: Mapping[str, SkillAttributes]) -> dict[str, SkillInputs]:
    """Turn attributes into the values the factors average, once per release."""
    return {
        uri: SkillInputs(a.susceptibility, routine_share(a), complementarity_share(a))
        for uri, a in attributes.items()
    }


def compute_factors(
    items: Sequence[Weighted],
    skills: Mapping[str, Skill],
    inputs: Mapping[str, SkillInputs],
) -> Factors:
    """The three factors and the overall score, each rounded to two decimals.

    ``items`` comes from :func:`weighted_skills`, computed once per occupation and shared
    with the explanations.
    """
    if not items:
        return Factors(0.0, 0.0, 0.0, 0.0)
    total = vulnerable = augmented = 0.0
    for w in items:
        values = inputs[w.uri]
        total += w.weight
        vulnerable += w.weight * values.susceptibility
        augmented += w.weight * values.complementarity_share
    task_total = routine = 0.0
    for w in task_skills(items, skills):
        task_total += w.weight
        routine += w.weight * inputs[w.uri].routine_share
    return factors_from_sums(total, vulnerable, augmented, task_total, routine)


def factors_from_sums(
    total: float, vulnerable: float, augmented: float, task_total: float, routine: float
) -> Factors:
    """The factors from an occupation's weighted sums, each rounded to two decimals.

    ``total`` and ``task_total`` are the weights of all skills and of the tasks; the others
    are the same weights times susceptibility, complementarity share and routine share.
    Sums are added one skill after another, in the occupation's order: the release path
    (``scoring.arrays``) adds them in the same order, so both give the same bits.
    """
    vulnerability = round(100 * vulnerable / total, 2)
    automation = round(100 * routine / task_total, 2) if task_total else 0.0
    augmentation = round(100 * augmented / total, 2)
    overall = round(overall_from(vulnerability, automation, augmentation), 2)
    return Factors(vulnerability, automation, augmentation, overall)
