"""The release path (relation arrays) gives exactly what the per-occupation rules give.

``score_release`` computes every number for all occupations at once; ``reference_scores``
applies the rules one occupation at a time, as the model did before. Records are compared
whole, floats bit for bit, on the tiny world, on random releases and on the full ESCO data.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import model, score_release
from scoring.types import Occupation, Skill
from tests.scoring.factories import OCCUPATIONS, SKILLS, occupation
from tests.scoring.reference import reference_scores

#: Pillar codes (with their ancestors added) that reach several rules, areas and branches.
CODES = (
    "S1.1.1", "S1.8.1", "S2.2.4", "S2.4.2", "S2.6.1", "S3.2", "S3.6.1", "S4.8.1", "S6.1.1",
    "T4.3", "K0413", "K0912", "K061", "L1",
)  # fmt: skip
#: Few labels, so that several skills share one and ties go to the URI.
LABELS = (
    "process data", "record patient information", "supervise staff", "care for the elderly",
    "sort parcels", "human anatomy", "risk management", "apply health legislation",
    "install pipes", "negotiate with suppliers", "work in teams",
)  # fmt: skip
CUES = ("records", "patients", "machines", "routine", "responsibility", "the", "of", "team")
ISCO = ("1120", "2221", "3252", "4132", "7126", "9112", "0110", "0310", "x")


def ancestors(code: str) -> tuple[str, ...]:
    """A pillar code with its parents: "S2.2.4" -> S, S2, S2.2, S2.2.4; "K0413" -> K … K0413."""
    if code[0] == "K":
        return tuple(code[:n] for n in range(1, len(code) + 1) if n != 2)
    parts = code.split(".")
    head = [code[0]] if len(parts[0]) > 1 else []
    return (*head, *(".".join(parts[: n + 1]) for n in range(len(parts))))


@st.composite
def releases(draw: st.DrawFn) -> tuple[list[Occupation], dict[str, Skill]]:
    """A small release with the quirks real data may have.

    Shared and duplicate labels, skills listed twice or as both essential and optional, URIs
    the skills lack, occupations without skills, knowledge-only occupations.
    """
    skills: dict[str, Skill] = {}
    for k in range(draw(st.integers(1, 24))):
        codes = draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
        uri = f"s:{k:02d}"
        skills[uri] = Skill(
            uri=uri,
            label=draw(st.sampled_from(LABELS)),
            description=" ".join(draw(st.lists(st.sampled_from(CUES), max_size=4))),
            skill_type=draw(st.sampled_from(["skill/competence", "knowledge", ""])),
            reuse_level=draw(
                st.sampled_from(["transversal", "cross-sector", "occupation-specific", ""])
            ),
            groups=tuple(dict.fromkeys(a for code in codes for a in ancestors(code))),
            collections=frozenset(
                draw(st.lists(st.sampled_from(["digital", "transversal", "research"])))
            ),
        )
    uris = st.sampled_from([*skills, "s:unknown"])
    occupations = [
        Occupation(
            uri=f"o:{i:02d}",
            label=draw(st.sampled_from(["clerk", "nurse", "plumber", "an engineer"])),
            code=f"x.{i}",
            isco_group=draw(st.sampled_from(ISCO)),
            description=draw(st.sampled_from(["", "Clerks file records. They also answer."])),
            essential=tuple(draw(st.lists(uris, max_size=9))),
            optional=tuple(draw(st.lists(uris, max_size=6))),
        )
        for i in draw(st.lists(st.integers(0, 40), max_size=14, unique=True))
    ]
    return occupations, skills


RANDOM = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_tiny_world_scores_as_the_rules_say() -> None:
    assert score_release(OCCUPATIONS, SKILLS) == reference_scores(OCCUPATIONS, SKILLS)


def test_no_occupation_and_an_occupation_without_skills() -> None:
    lonely = occupation("lonely")
    assert score_release((), SKILLS) == reference_scores((), SKILLS) == {}
    assert score_release((lonely,), SKILLS) == reference_scores((lonely,), SKILLS)


@RANDOM
@given(release=releases())
def test_random_releases_score_as_the_rules_say(
    release: tuple[list[Occupation], dict[str, Skill]],
) -> None:
    occupations, skills = release
    assert score_release(occupations, skills) == reference_scores(occupations, skills)


@RANDOM
@given(release=releases())
def test_a_short_neighbour_list_is_cut_the_same_way(
    release: tuple[list[Occupation], dict[str, Skill]],
) -> None:
    occupations, skills = release
    original = model.NEIGHBOURS
    model.NEIGHBOURS = 2  # ties at the cut go to the URI in both
    try:
        assert score_release(occupations, skills) == reference_scores(occupations, skills)
    finally:
        model.NEIGHBOURS = original


def test_progress_counts_every_occupation() -> None:
    heard: list[tuple[int, int]] = []
    score_release(OCCUPATIONS, SKILLS, progress=lambda done, total: heard.append((done, total)))
    assert heard[0] == (0, len(OCCUPATIONS))
    assert heard[-1] == (len(OCCUPATIONS), len(OCCUPATIONS))


@pytest.mark.full_data
def test_the_full_release_scores_as_the_rules_say(full_store) -> None:
    occupations, skills = full_store.scoring_inputs()
    assert score_release(occupations, skills) == reference_scores(occupations, skills)
