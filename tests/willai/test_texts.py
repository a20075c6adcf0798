"""Words every surface shows the same way: numbers the language's way."""

from __future__ import annotations

import pytest

from languages.voices import interface_voice
from willai.texts import decimal, percent


@pytest.mark.parametrize(("language", "shown"), [("en", "36.26"), ("fr", "36,26"), ("es", "36,26")])
def test_a_decimal_takes_the_language_s_mark(language: str, shown: str) -> None:
    assert decimal(36.2613, 2, interface_voice(language)) == shown


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "85%"), ("fr", "85\u00a0%"), ("de", "85\u00a0%")]
)
def test_a_percentage_is_spaced_the_language_s_way(language: str, shown: str) -> None:
    assert percent(84.6, interface_voice(language)) == shown
