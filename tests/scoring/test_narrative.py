"""The report card's rules, one at a time, at their thresholds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.bands import Band
from scoring.narrative import (
    AUGMENTED_FROM,
    MANUAL_FROM,
    NOTHING_EXPOSED,
    ROUTINE_FROM,
    SUMMARY_CHARS,
    TAKEAWAY_CHARS,
    UNAIDED_BELOW,
    ReportFacts,
    build_report,
    long_term,
    move_line,
    near_term,
    responsible_skill,
    stays_human,
    summary,
    takeaways,
    verdict,
    why,
)
from scoring.results import SimilarOccupation, SkillRef

PROCESS = SkillRef("s:process", "process data", 0.9)
ARCHIVE = SkillRef("s:archive", "manage digital archives", 0.8)
SUPERVISE = SkillRef("s:supervise", "supervise staff", 0.7)
TEAMS = SkillRef("s:teams", "work in multidisciplinary health teams", 0.7)
WORD = SkillRef("s:word", "use word processing software", 0.6)
ANATOMY = SkillRef("s:anatomy", "human anatomy", 0.7, knowledge=True)
RISK = SkillRef("s:risk", "risk management", 0.3, essential=False, knowledge=True)
ANALYSE = SkillRef("s:analyse", "analyse large-scale data", 0.3)
MOVE = SimilarOccupation("o:coder", "clinical coder", 40, 8, "performing clinical coding")

BASE = ReportFacts(
    label="medical records manager",
    description="Medical records managers run records units. They supervise staff. They do more.",
    overall=58,
    band=Band.HIGH,
    task_automation=68.0,
    ai_complementarity=61.0,
    skill_vulnerability=58.0,
    manual_share=0.0,
    exposed=(PROCESS, ARCHIVE),
    resilient=(SUPERVISE, TEAMS, ANATOMY),
    grow=(RISK, ANALYSE),
    moves=(MOVE,),
)


def test_verdict_names_the_band_and_the_score() -> None:
    assert verdict(BASE) == "High risk, but not a replacement-level threat (58/100)."


def test_question_takes_the_article_by_sound() -> None:
    report = build_report(replace(BASE, label="accountant"))
    assert report.question == "What does an accountant do?"


def test_summary_keeps_two_whole_sentences() -> None:
    assert summary(BASE.description) == (
        "Medical records managers run records units. They supervise staff."
    )


def test_summary_cuts_a_long_first_sentence_at_a_word() -> None:
    text = summary("word " * 200)
    assert len(text) <= SUMMARY_CHARS
    assert text.endswith("word…")


def test_summary_fixes_esco_article_slips() -> None:
    assert summary("They advise a educational institution.") == (
        "They advise an educational institution."
    )


def test_summary_of_a_missing_description_says_so() -> None:
    assert "no description" in summary("  ")


def test_near_term_turns_skills_into_activities() -> None:
    text = near_term(BASE)
    assert "likely to be automated first are processing data and managing digital archives." in (
        text
    )
    assert "will" not in text


def test_near_term_at_the_routine_threshold_says_fixed_rules() -> None:
    assert "follows fixed rules (task automation 60/100), which makes it exposed" in near_term(
        replace(BASE, task_automation=ROUTINE_FROM)
    )


def test_near_term_just_below_the_routine_threshold_says_only_part() -> None:
    assert near_term(replace(BASE, task_automation=ROUTINE_FROM - 0.6)).startswith(
        "Only part of the work follows fixed rules"
    )


def test_manual_routine_is_called_hands_on() -> None:
    facts = replace(BASE, manual_share=MANUAL_FROM, band=Band.LOW, overall=14)
    assert "hands-on work that software cannot do by itself" in near_term(facts)


def test_low_band_routine_is_never_exposed_information_work() -> None:
    facts = replace(BASE, band=Band.LOW, overall=20)
    text = near_term(facts) + why(facts)
    assert "exposed to automation" not in text
    assert "information work" not in text


def test_stays_human_lists_skills_then_knowledge() -> None:
    text = stays_human(BASE)
    assert text.startswith(
        "The work that needs a person is supervising staff and working in multidisciplinary "
        "health teams. It draws on human anatomy."
    )


def test_responsibility_is_claimed_for_supervision() -> None:
    assert "AI cannot take responsibility for supervising staff." in stays_human(BASE)


def test_responsibility_is_not_claimed_for_office_routine() -> None:
    facts = replace(BASE, resilient=(WORD,))
    assert "responsibility" not in stays_human(facts)
    assert responsible_skill((WORD,)) is None


def test_complementarity_sentence_appears_from_its_threshold() -> None:
    assert "more likely to assist" in stays_human(replace(BASE, ai_complementarity=AUGMENTED_FROM))
    assert "more likely to assist" not in stays_human(
        replace(BASE, ai_complementarity=AUGMENTED_FROM - 0.1)
    )


def test_low_complementarity_is_said_below_its_threshold() -> None:
    text = stays_human(replace(BASE, ai_complementarity=UNAIDED_BELOW - 0.1))
    assert "AI complements little of this work" in text


def test_long_term_names_the_grow_skills_as_activities() -> None:
    assert "move towards risk management and analysing large-scale data" in long_term(BASE)


def test_very_high_band_long_term_is_a_direction_not_a_reassurance() -> None:
    text = long_term(replace(BASE, band=Band.VERY_HIGH, overall=80))
    assert text.startswith("The safest direction is towards")


def test_long_term_falls_back_to_the_nearest_move() -> None:
    assert long_term(replace(BASE, grow=())) == "The nearest lower-risk move is Clinical coder."


def test_long_term_without_grow_or_moves_says_so() -> None:
    assert "no clear direction" in long_term(replace(BASE, grow=(), moves=()))


def test_routine_and_augmented_job_is_more_likely_to_change() -> None:
    assert "more likely to change than to disappear" in why(BASE)


def test_very_high_band_never_says_change_rather_than_disappear() -> None:
    facts = replace(BASE, band=Band.VERY_HIGH, overall=80)
    report = build_report(facts)
    text = " ".join((report.verdict, *report.takeaways, *[b for _, b in report.sections()]))
    assert "more likely to change than to disappear" not in text
    assert "replacement-level threat" in report.verdict


def test_takeaways_are_three_or_four_short_lines() -> None:
    lines = takeaways(BASE)
    assert 3 <= len(lines) <= 4
    assert all(len(line) <= TAKEAWAY_CHARS for line in lines)


def test_takeaways_shorten_lists_that_do_not_fit() -> None:
    long_skill = SkillRef("s:long", "process " + "very long words " * 8, 0.9)
    lines = takeaways(replace(BASE, exposed=(long_skill, long_skill)))
    exposed = next(line for line in lines if line.startswith("Most exposed"))
    assert len(exposed) <= TAKEAWAY_CHARS
    assert " and " not in exposed


@pytest.mark.parametrize("overall", [0, 100])
def test_takeaways_clip_even_one_giant_skill(overall: int) -> None:
    giant = SkillRef("s:giant", "x" * 300, 0.9)
    lines = takeaways(replace(BASE, overall=overall, exposed=(giant,)))
    assert all(len(line) <= TAKEAWAY_CHARS for line in lines)


def test_move_line_shows_score_gap_and_bridge_skill() -> None:
    assert move_line(MOVE, 58) == (
        "Clinical coder: 40/100, 18 points lower; both involve performing clinical coding."
    )


def test_a_job_with_no_exposed_task_says_so_and_keeps_three_takeaways() -> None:
    facts = replace(BASE, exposed=())
    assert NOTHING_EXPOSED in near_term(facts)
    assert NOTHING_EXPOSED in takeaways(facts)
    assert len(takeaways(facts)) >= 3
