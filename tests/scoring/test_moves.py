"""Moves that are moves: clearly lower, really shared, not a step down."""

from __future__ import annotations

from scoring.moves import MIN_GAP, MoveContext
from scoring.results import SkillRef
from scoring.similar import Neighbour, skill_level

OWN = "o:records manager"
SHARED = frozenset({"s:coding", "s:archives", "s:statistics", "s:staff"})
LABELS = {
    "s:coding": "clinical coding",
    "s:archives": "manage archives",
    "s:statistics": "statistics",
    "s:staff": "supervise staff",
}


def context(**overrides: object) -> MoveContext:
    values: dict[str, object] = {
        "overall": {OWN: 58, "o:a": 40, "o:b": 40},
        "levels": {OWN: 3, "o:a": 3, "o:b": 3},
        "essential": {OWN: SHARED, "o:a": SHARED, "o:b": SHARED},
        "specificity": {"s:coding": 0.9, "s:archives": 0.6, "s:statistics": 0.5, "s:staff": 0.2},
        "occupation_labels": {OWN: "records manager", "o:a": "coder", "o:b": "archivist"},
        "skill_ref": lambda uri: SkillRef(uri, LABELS[uri], 0.5, knowledge=uri == "s:coding"),
    }
    values.update(overrides)
    return MoveContext(**values)  # type: ignore[arg-type]


def near(uri: str, shared: int = 4) -> Neighbour:
    return Neighbour(uri, shared, 0.5)


def test_a_lower_scoring_neighbour_at_the_same_level_is_a_move() -> None:
    (move,) = context().moves(OWN, [near("o:a")])
    assert (move.label, move.overall, move.shared_skills) == ("coder", 40, 4)


def test_the_bridge_skill_is_the_most_specific_shared_one() -> None:
    (move,) = context().moves(OWN, [near("o:a")])
    assert move.shared_example == "clinical coding"
    assert move.bridge is not None
    assert move.bridge.uri == "s:coding"


def test_a_neighbour_less_than_the_gap_lower_is_not_a_move() -> None:
    ctx = context(overall={OWN: 58, "o:a": 58 - MIN_GAP + 1})
    assert ctx.moves(OWN, [near("o:a")]) == ()


def test_a_neighbour_exactly_the_gap_lower_is_a_move() -> None:
    ctx = context(overall={OWN: 58, "o:a": 58 - MIN_GAP})
    assert len(ctx.moves(OWN, [near("o:a")])) == 1


def test_a_step_down_in_skill_level_is_not_a_move() -> None:
    ctx = context(levels={OWN: 4, "o:a": 2})
    assert ctx.moves(OWN, [near("o:a")]) == ()


def test_a_step_up_in_skill_level_is_a_move() -> None:
    ctx = context(levels={OWN: 2, "o:a": 4})
    assert len(ctx.moves(OWN, [near("o:a")])) == 1


def test_sharing_only_generic_skills_is_not_a_move() -> None:
    generic = frozenset({"s:staff"})
    mine = SHARED | {f"s:own{i}" for i in range(4)}
    ctx = context(essential={OWN: mine, "o:a": generic})
    assert ctx.moves(OWN, [near("o:a", 1)]) == ()


def test_moves_keep_the_neighbour_order() -> None:
    moves = context().moves(OWN, [near("o:b"), near("o:a")])
    assert [m.label for m in moves] == ["archivist", "coder"]


def test_skill_levels_follow_isco_major_groups() -> None:
    assert [skill_level(g) for g in ("1120", "2221", "3252", "4132", "9112")] == [4, 4, 3, 2, 1]


def test_armed_forces_levels_follow_their_sub_major_group() -> None:
    assert [skill_level(g) for g in ("0110", "0210", "0310")] == [4, 2, 1]
