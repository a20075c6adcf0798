"""Every text check fails on a bad sentence and passes the good one beside it."""

from __future__ import annotations

import pytest

from tests.scoring.answer_checks import (
    answer_errors,
    article_errors,
    band_errors,
    bare_verb_errors,
    certainty_errors,
    punctuation_errors,
)


def answer(band: str, overall: int, **texts: str) -> dict[str, object]:
    report = {
        "verdict": f"Some verdict ({overall}/100).",
        "question": "What does a plumber do?",
        "summary": "Plumbers fit pipes.",
        "near_term": "",
        "stays_human": "",
        "long_term": "",
        "takeaways": [],
        "moves": [],
    }
    report.update(texts)
    return {"score": {"band": band, "overall": overall}, "report": report}


@pytest.mark.parametrize("bad", ["As a accountant, you score.", "An university lecturer."])
def test_wrong_article_is_caught(bad: str) -> None:
    assert article_errors(bad)


@pytest.mark.parametrize("good", ["As an accountant.", "A university lecturer.", "An hour."])
def test_right_article_passes(good: str) -> None:
    assert article_errors(good) == []


def test_bare_verb_after_a_preposition_is_caught() -> None:
    assert bare_verb_errors("The role is moving towards analyse large-scale data.")


def test_gerund_after_a_preposition_passes() -> None:
    assert bare_verb_errors("The role is moving towards analysing large-scale data.") == []


def test_noun_that_is_also_a_verb_passes_after_a_preposition() -> None:
    assert bare_verb_errors("Advising on risk management, by telephone.") == []


@pytest.mark.parametrize(
    "bad",
    [
        "Processing data , archiving records.",
        "Processing data .",
        "It ends twice..",
        "A comma and a stop,.",
        "Two  spaces.",
        "You score 30/100: moderate risk: parts of the job are exposed.",
    ],
)
def test_punctuation_slips_are_caught(bad: str) -> None:
    assert punctuation_errors(bad)


def test_abbreviation_before_a_comma_passes() -> None:
    assert punctuation_errors("Weddings, parties, etc., are planned. One colon: fine.") == []


@pytest.mark.parametrize(
    "bad", ["AI and software will take over the routine parts.", "The job will disappear."]
)
def test_certainty_is_caught(bad: str) -> None:
    assert certainty_errors(bad)


def test_exposure_wording_passes_the_certainty_check() -> None:
    assert certainty_errors("These tasks are likely to be automated first.") == []


def test_very_high_band_that_softens_the_threat_is_caught() -> None:
    doc = answer("very high", 80, near_term="The job is more likely to change than to disappear.")
    assert band_errors(doc)


def test_lower_band_that_claims_a_replacement_level_threat_is_caught() -> None:
    assert band_errors(answer("moderate", 30, long_term="A replacement-level threat."))


def test_high_band_may_say_it_is_not_a_replacement_level_threat() -> None:
    doc = answer("high", 58, verdict="High risk, but not a replacement-level threat (58/100).")
    assert band_errors(doc) == []


def test_low_band_described_as_routine_information_work_is_caught() -> None:
    assert band_errors(answer("low", 14, near_term="Much of it is routine information work."))


def test_verdict_without_the_score_is_caught() -> None:
    assert band_errors(answer("low", 14, verdict="Low risk."))


def test_esco_description_nouns_are_not_read_as_verbs() -> None:
    doc = answer("low", 14, summary="Bricklayers bond bricks with mortar.")
    assert answer_errors(doc) == []


def test_esco_description_is_still_held_to_articles() -> None:
    assert answer_errors(answer("low", 14, summary="They advise a educational institution."))
