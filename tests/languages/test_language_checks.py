"""Each text rule of the other answer languages catches the mistake it is for."""

from __future__ import annotations

import pytest

from tests.languages.language_checks import (
    answer_errors,
    english_leaks,
    fallback_count,
    grammar_errors,
    placeholder_errors,
    spacing_errors,
    text_errors,
    untranslated_errors,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def test_an_english_sentence_is_a_leak() -> None:
    assert english_leaks("Much of the work follows fixed rules, which makes it exposed.")


def test_a_marked_english_label_is_not_a_leak() -> None:
    text = f"Le plus exposé{NBSP}: «{NBSP}process the data and the records{NBSP}» (EN)."
    assert english_leaks(text) == []


def test_french_and_german_words_that_look_english_are_not_a_leak() -> None:
    assert english_leaks("Die Arbeit ist in dem Fall so, was an sich gut ist.") == []


def test_an_unfilled_placeholder_is_caught() -> None:
    assert placeholder_errors("Le plus exposé : {skills}.")


def test_a_printf_placeholder_is_caught() -> None:
    assert placeholder_errors("Riesgo %(band)s.")


def test_an_untranslated_catalogue_message_is_caught() -> None:
    assert untranslated_errors("Stays human: une phrase.", "fr")


def test_the_translated_message_is_not_caught() -> None:
    assert untranslated_errors("Aucune tâche ne se distingue comme exposée.", "fr") == []


@pytest.mark.parametrize(
    "bad",
    ["la responsabilité de le client", "à les patients", "De les outils"],
)
def test_french_article_contractions_are_required(bad: str) -> None:
    assert grammar_errors(bad, "fr")


@pytest.mark.parametrize("bad", ["la responsabilité de analyser", "plus que il", "ne est"])
def test_french_elision_is_required(bad: str) -> None:
    assert grammar_errors(bad, "fr")


def test_french_elided_text_passes() -> None:
    assert grammar_errors("la responsabilité d’analyser, du client, qu’il, de hacher", "fr") == []


def test_french_colon_needs_a_no_break_space() -> None:
    assert spacing_errors("Le plus exposé: gérer des archives.", "fr")
    assert spacing_errors("Le plus exposé : gérer des archives.", "fr")
    assert spacing_errors(f"Le plus exposé{NBSP}: gérer{NNBSP}? Oui.", "fr") == []


@pytest.mark.parametrize("bad", ["la gestión de el cliente", "a el equipo"])
def test_spanish_contractions_are_required(bad: str) -> None:
    assert grammar_errors(bad, "es")


@pytest.mark.parametrize("bad", ["leer y investigar", "agua y hidrógeno"])
def test_spanish_y_before_an_i_sound_is_e(bad: str) -> None:
    assert grammar_errors(bad, "es")


def test_spanish_y_before_a_diphthong_stays() -> None:
    assert grammar_errors("agua y hielo, del cliente, al equipo, leer e investigar", "es") == []


@pytest.mark.parametrize("bad", ["in dem Beruf", "zu der Arbeit", "von dem Team"])
def test_german_contractions_are_required(bad: str) -> None:
    assert grammar_errors(bad, "de")


def test_a_space_before_a_mark_is_caught_outside_french() -> None:
    assert spacing_errors("Riesgo alto , pero no.", "es")


def test_doubled_spaces_and_marks_are_caught() -> None:
    assert spacing_errors("Riesgo  alto.", "es")
    assert spacing_errors("Riesgo alto,.", "es")


def test_text_errors_is_clean_on_a_good_sentence() -> None:
    assert text_errors("Die Routine in diesem Beruf ist überwiegend Handarbeit.", "de") == []


def test_an_answer_with_an_english_fallback_description_is_not_a_leak() -> None:
    report = {
        "verdict": "Riesgo bajo (14/100).",
        "question": "Fontanero/fontanera: ¿en qué consiste este trabajo?",
        "summary": "Plumbers maintain and install water, gas and sewage systems. (EN)",
        "near_term": "Solo una parte del trabajo sigue reglas fijas.",
        "stays_human": "Lo que necesita a una persona: «replace faucets» (EN).",
        "long_term": "Es probable que el trabajo en sí cambie poco.",
        "takeaways": [],
        "moves": [],
    }
    assert answer_errors({"report": report}, "es") == []
    assert fallback_count({"report": report}) == 2
