import pytest

from matching.colloquial import COLLOQUIAL, WHOLE_TITLE, spell_out
from matching.normalise import query_terms


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("sparky", "electrician"),
        ("uber driver", "taxi driver"),
        ("registered nurse", "nurse responsible for general care"),
        ("senior cop", "senior police officer"),
    ],
)
def test_everyday_words_become_esco_words(typed, spelled):
    assert spell_out(typed) == spelled


def test_whole_title_words_change_only_alone():
    assert spell_out("coder") == "programmer"
    assert spell_out("clinical coder") == "clinical coder"


def test_words_inside_other_words_are_left_alone():
    assert spell_out("copywriter") == "copywriter"


def test_query_terms_read_the_spelled_out_words():
    assert query_terms("Sparky (m/w/d)").tokens == ("electrician",)


def test_tables_are_lower_case_and_distinct():
    for table in (COLLOQUIAL, WHOLE_TITLE):
        assert all(key == key.lower().strip() and key != value for key, value in table.items())
    assert not set(COLLOQUIAL) & set(WHOLE_TITLE)
