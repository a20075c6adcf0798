"""Turn one ESCO skill into its three attributes by applying the rule table.

The order is fixed so a reader can predict any value by hand: skills-pillar group baseline,
then the label rule, then description cues, then structural nudges, then clamping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from scoring import rules
from scoring.rules import Profile
from scoring.types import Skill

_NEUTRAL = rules.GROUP_RULES["S"].profile
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class SkillAttributes:
    """The model's view of one skill; every value is in [0, 1]."""

    susceptibility: float
    routine: float
    complementarity: float


@cache
def _rule_for(code: str) -> Profile | None:
    """Most specific rule for a group code, walking up ESCO's dotted and ISCED-F hierarchy."""
    candidate = code
    while candidate:
        rule = rules.GROUP_RULES.get(candidate)
        if rule is not None:
            return rule.profile
        if "." in candidate:
            candidate = candidate.rsplit(".", 1)[0]
        elif candidate[0] == "K" and len(candidate) > 3:
            candidate = candidate[:-1]  # K0613 -> K061 -> K06
        elif len(candidate) > 1:
            candidate = candidate[0]  # S4 -> S, K06 -> K
        else:
            return None
    return None


@cache
def _leaves(groups: tuple[str, ...]) -> list[str]:
    """Drop ancestor codes so each branch is represented once, by its most specific code.

    Cached: a release has far fewer distinct group tuples than skills.
    """
    codes = set(groups)
    out = []
    for code in codes:
        is_ancestor = any(
            other != code
            and other.startswith(code)
            and (len(code) == 1 or other[len(code)] in ".0123456789")
            for other in codes
        )
        if not is_ancestor:
            out.append(code)
    return sorted(out)


def _blend(a: Profile, b: Profile, weight: float) -> Profile:
    keep = 1.0 - weight
    return Profile(
        a.susceptibility * keep + b.susceptibility * weight,
        a.routine * keep + b.routine * weight,
        a.complementarity * keep + b.complementarity * weight,
    )


def _add(a: Profile, b: Profile) -> Profile:
    return Profile(
        a.susceptibility + b.susceptibility,
        a.routine + b.routine,
        a.complementarity + b.complementarity,
    )


def group_baseline(skill: Skill) -> Profile:
    """Average the branch profiles; a "T" branch is a weaker signal than an "S" or "K" one."""
    return _baseline(tuple(skill.groups))


@cache
def _baseline(groups: tuple[str, ...]) -> Profile:
    total = 0.0
    acc = Profile(0.0, 0.0, 0.0)
    for code in _leaves(groups):
        profile = _rule_for(code)
        if profile is None:
            continue
        weight = rules.TRANSVERSAL_BRANCH_WEIGHT if code[0] == "T" else 1.0
        acc = _add(
            acc,
            Profile(
                profile.susceptibility * weight,
                profile.routine * weight,
                profile.complementarity * weight,
            ),
        )
        total += weight
    if total == 0.0:
        return _NEUTRAL
    return Profile(acc.susceptibility / total, acc.routine / total, acc.complementarity / total)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def is_physical(skill: Skill) -> bool:
    """True when every skills-pillar ("S"/"T") branch of the skill is physical work."""
    return _physical(tuple(skill.groups))


@cache
def _physical(groups: tuple[str, ...]) -> bool:
    branches = [code for code in _leaves(groups) if code[0] in "ST" and len(code) > 1]
    return bool(branches) and all(
        code.startswith(rules.PHYSICAL_GROUP_PREFIXES) for code in branches
    )


def attributes_for(skill: Skill) -> SkillAttributes:
    """Apply the rule table to one skill (see module docstring for the order)."""
    profile = group_baseline(skill)
    physical = is_physical(skill)
    for rule in rules.LABEL_RULES:
        if rule.skip_physical and physical:
            continue
        if rule.pattern.search(skill.label):
            profile = _blend(profile, rule.profile, rules.LABEL_RULE_WEIGHT)
            break
    words = set(_WORD.findall(skill.description.lower()))
    for rule in rules.DESCRIPTION_RULES:
        if not rule.words.isdisjoint(words):
            profile = _blend(profile, rule.profile, rules.DESCRIPTION_RULE_WEIGHT)
    if skill.skill_type == "knowledge":
        anchor = Profile(profile.susceptibility, rules.KNOWLEDGE_ROUTINE_ANCHOR, 0.0)
        routine = _blend(profile, anchor, rules.KNOWLEDGE_ROUTINE_PULL).routine
        profile = Profile(profile.susceptibility, routine, profile.complementarity)
    for collection in sorted(skill.collections):
        nudge = rules.COLLECTION_ADJUSTMENTS.get(collection)
        if nudge is not None:
            profile = _add(profile, nudge[0])
    reuse = rules.REUSE_ADJUSTMENTS.get(skill.reuse_level)
    if reuse is not None:
        profile = _add(profile, reuse[0])
    return SkillAttributes(
        _clamp(profile.susceptibility), _clamp(profile.routine), _clamp(profile.complementarity)
    )


def attributes_for_all(skills: Mapping[str, Skill]) -> dict[str, SkillAttributes]:
    """Attributes of every skill, keyed by URI (computed once per release)."""
    return {uri: attributes_for(skill) for uri, skill in skills.items()}
