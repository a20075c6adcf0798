"""Small hand-written ESCO-like records for unit tests of the scoring model."""

from __future__ import annotations

from scoring.types import Occupation, Skill


def skill(
    name: str,
    *groups: str,
    label: str | None = None,
    description: str = "",
    skill_type: str = "skill/competence",
    reuse_level: str = "cross-sector",
    collections: frozenset[str] = frozenset(),
) -> Skill:
    """A skill whose URI is ``s:<name>``; level-0 group is added from the first code."""
    codes = tuple(groups)
    if codes:
        codes = (codes[0][0], *codes)
    return Skill(
        uri=f"s:{name}",
        label=label if label is not None else name,
        description=description,
        skill_type=skill_type,
        reuse_level=reuse_level,
        groups=codes,
        collections=collections,
    )


def occupation(
    name: str,
    essential: tuple[Skill, ...] = (),
    optional: tuple[Skill, ...] = (),
    isco: str = "9999",
) -> Occupation:
    """An occupation whose URI is ``o:<name>``."""
    return Occupation(
        uri=f"o:{name}",
        label=name,
        code=f"{isco}.1",
        isco_group=isco,
        description="",
        essential=tuple(s.uri for s in essential),
        optional=tuple(s.uri for s in optional),
    )


# A tiny world: a records clerk, a care worker and a records supervisor sharing skills.
PROCESS_DATA = skill("process data", "S2.4", "S2.4.2", collections=frozenset({"digital"}))
RECORD = skill("record patient information", "S2.2", "S2.2.4")
ARCHIVE = skill("archive records", "S2.3", "S2.3.0")
CALCULATE = skill("calculate fees", "S2.6", "S2.6.1")
NEGOTIATE = skill("negotiate with suppliers", "S1.1", "S1.1.1")
SUPERVISE = skill("supervise staff", "S4.8", "S4.8.1")
CARE = skill("care for the elderly", "S3.6", "S3.6.1")
TEAMS = skill("work in multidisciplinary health teams", "S1.8", "S1.8.1", "T4.3")
ANATOMY = skill("human anatomy", "K09", "K091", "K0912", skill_type="knowledge")
RISK = skill("risk management", "K04", "K041", "K0413", skill_type="knowledge")
SORT = skill("sort parcels", "S6.1", "S6.1.1")

ALL_SKILLS = (
    PROCESS_DATA,
    RECORD,
    ARCHIVE,
    CALCULATE,
    NEGOTIATE,
    SUPERVISE,
    CARE,
    TEAMS,
    ANATOMY,
    RISK,
    SORT,
)
SKILLS = {s.uri: s for s in ALL_SKILLS}

CLERK = occupation("records clerk", (PROCESS_DATA, RECORD, ARCHIVE, CALCULATE), (TEAMS,))
CARER = occupation("care worker", (CARE, TEAMS, ANATOMY, SUPERVISE), (RECORD,))
SUPERVISOR = occupation(
    "records supervisor", (PROCESS_DATA, RECORD, ARCHIVE, SUPERVISE, TEAMS), (RISK, ANATOMY)
)
ASSISTANT = occupation(
    "records assistant", (PROCESS_DATA, RECORD, TEAMS, NEGOTIATE, SUPERVISE), (CARE,)
)
OCCUPATIONS = (CLERK, CARER, SUPERVISOR, ASSISTANT)
