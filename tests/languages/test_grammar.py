"""Grammar at the seams: elision, contraction, list joining, typography and "m/f" names."""

from __future__ import annotations

import pytest

from languages import grammar

NBSP, NNBSP = "\u00a0", "\u202f"


def test_french_elides_where_a_value_begins() -> None:
    assert grammar.fill("fr", "la responsabilité de {x}", {"x": "analyser"}) == (
        "la responsabilité d’analyser"
    )


def test_french_contracts_an_article_where_a_value_begins() -> None:
    assert grammar.fill("fr", "parler à {x}", {"x": "le client"}) == "parler au client"


def test_french_leaves_the_template_s_own_words_alone() -> None:
    assert grammar.fill("fr", "plutôt que de le faire : {x}", {"x": "y"}) == (
        "plutôt que de le faire : y"
    )


def test_french_keeps_de_before_an_aspirated_h() -> None:
    assert grammar.fill("fr", "de {x}", {"x": "hacher"}) == "de hacher"


def test_french_elides_before_a_mute_h() -> None:
    assert grammar.fill("fr", "de {x}", {"x": "héberger"}) == "d’héberger"


def test_spanish_contracts_de_el() -> None:
    assert grammar.fill("es", "la gestión de {x}", {"x": "el cliente"}) == "la gestión del cliente"


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        (["leer", "escribir", "investigar"], "leer, escribir e investigar"),
        (["agua", "hidrógeno"], "agua e hidrógeno"),
        (["agua", "hielo"], "agua y hielo"),
    ],
)
def test_spanish_and_before_an_i_sound(items: list[str], joined: str) -> None:
    assert grammar.join("es", items) == joined


@pytest.mark.parametrize(
    ("language", "joined"), [("fr", "a, b et c"), ("de", "a, b und c"), ("en", "a, b and c")]
)
def test_lists_join_with_the_language_s_and(language: str, joined: str) -> None:
    assert grammar.join(language, ["a", "b", "c"]) == joined


def test_french_spacing_before_high_punctuation() -> None:
    assert grammar.french_spacing("Exposé : a; b ?") == f"Exposé{NBSP}: a{NNBSP}; b{NNBSP}?"


def test_french_spacing_leaves_times_and_links() -> None:
    assert grammar.french_spacing("à 10:30 sur https://esco.ec") == "à 10:30 sur https://esco.ec"


def test_sentence_keeps_no_break_spaces_and_adds_one_stop() -> None:
    assert grammar.sentence(f"exposé{NBSP}: gérer") == f"Exposé{NBSP}: gérer."


def test_sentence_keeps_a_question() -> None:
    assert grammar.sentence("¿en qué consiste?") == "¿En qué consiste?"


@pytest.mark.parametrize(
    ("label", "name"),
    [
        (
            "infirmier responsable de soins généraux/infirmière responsable de soins généraux",
            "infirmier/infirmière responsable de soins généraux",
        ),
        (
            "Technischer Leiter für Bühne/Technische Leiterin für Bühne",
            "Technischer Leiter/Technische Leiterin für Bühne",
        ),
        (
            "Ingenieur Anwendungstechnik/Ingenieurin Anwendungstechnik",
            "Ingenieur/Ingenieurin Anwendungstechnik",
        ),
        ("Lehrer/Lehrerin", "Lehrer/Lehrerin"),
        ("codeur médical/codeuse médicale", "codeur médical/codeuse médicale"),
        ("juriste/juriste", "juriste"),
        ("orthoptiste", "orthoptiste"),
        ("a/b/c", "a/b/c"),
    ],
)
def test_a_paired_name_is_written_once(label: str, name: str) -> None:
    assert grammar.paired_name(label) == name
