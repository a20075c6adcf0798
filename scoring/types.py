"""The inputs of the scoring model: plain, frozen records the store hands over.

Kept free of any database or discord type so the model stays pure and testable on
hand-made data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Skill:
    """One ESCO skill or knowledge item, with its place in the skills pillar."""

    uri: str
    label: str
    description: str
    skill_type: str  # "skill/competence" | "knowledge" | "" (a handful are empty in ESCO)
    # "transversal" | "cross-sector" | "sector-specific" | "occupation-specific" | ""
    reuse_level: str
    # Skills-pillar codes of every ancestor group, level 0 to 3, e.g.
    # ("S", "S2", "S2.2", "S2.2.1"); knowledge groups are "K" + ISCED-F digits ("K", "K06", "K061",
    # "K0613"); transversal "T…", language "L…". A skill may sit under several branches.
    groups: tuple[str, ...]
    # ESCO thematic collections holding the skill: "digital", "transversal", "green", "language",
    # "digcomp", "research".
    collections: frozenset[str]


@dataclass(frozen=True, slots=True)
class Occupation:
    """One ESCO occupation with the URIs of its essential and optional skills."""

    uri: str
    label: str
    code: str  # ESCO code, e.g. "3252.2"
    isco_group: str  # ISCO-08 unit group, e.g. "3252"
    description: str
    essential: tuple[str, ...]
    optional: tuple[str, ...]
