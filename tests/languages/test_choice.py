"""The answer language: the first supported one among what the user and the server ask for."""

from __future__ import annotations

import pytest

from languages import choose, supported


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("fr", "fr"),
        ("es-ES", "es"),
        ("es-419", "es"),
        ("de_DE.UTF-8", "de"),
        ("FR", "fr"),
        ("en-GB", "en"),
        ("pt-BR", None),
        ("C", None),
        ("POSIX", None),
        ("", None),
        (None, None),
    ],
)
def test_supported(tag: str | None, language: str | None) -> None:
    assert supported(tag) == language


def test_the_first_supported_preference_wins() -> None:
    assert choose("pt-BR", "fr", "de") == "fr"


def test_english_when_nothing_is_supported() -> None:
    assert choose("pt-BR", None, "") == "en"
