"""A title must hold a word that can head a job's name (`matching.heads`)."""

import pytest

from matching import MatchStatus
from matching.heads import heads_a_name, names_a_job
from matching.normalise import query_terms


@pytest.mark.parametrize("word", ["plumber", "manager", "assistant", "krankenpfleger", "camarero"])
def test_words_that_end_or_begin_a_name_head_one(small_index, word):
    assert heads_a_name(small_index._data, word)


@pytest.mark.parametrize("word", ["classroom", "dental", "resources", "unknownword"])
def test_words_only_inside_names_head_none(small_index, word):
    assert not heads_a_name(small_index._data, word)


def test_a_topic_alone_is_no_match(small_index):
    assert small_index.match("classroom").status is MatchStatus.NO_MATCH


def test_the_topic_with_its_job_word_is_a_job(small_index):
    assert small_index.match("classroom assistant").status is not MatchStatus.NO_MATCH


def test_a_word_the_index_does_not_know_gets_the_benefit_of_the_doubt(small_index):
    assert names_a_job(small_index._data, query_terms("classroom zzyzx"))


def test_a_workplace_word_for_people_makes_a_job(small_index):
    assert names_a_job(small_index._data, query_terms("office staff"))


@pytest.mark.parametrize("title", ["trophy wife", "sales mother", "office fairy"])
def test_a_title_headed_by_a_life_role_is_no_match(small_index, title):
    assert small_index.match(title).status is MatchStatus.NO_MATCH


@pytest.mark.parametrize(
    "title", ["stay at home dad", "femme au foyer", "ama de casa", "out of work"]
)
def test_phrases_for_no_job_are_no_match(small_index, title):
    assert small_index.match(title).status is MatchStatus.NO_MATCH
