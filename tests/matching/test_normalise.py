import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.normalise import (
    fold,
    label_pieces,
    label_variants,
    query_terms,
    singular,
    split_gendered,
)


def test_fold_strips_case_and_accents():
    assert fold("Ingénieur ÉLECTRIQUE") == "ingenieur electrique"


def test_fold_casefolds_sharp_s():
    assert fold("Straße") == "strasse"


def test_zero_width_and_control_chars_become_spaces():
    assert query_terms("nur\u200bse\x07").tokens == ("nur", "se")


def test_nfkc_folds_fullwidth_letters():
    assert query_terms("\uff4e\uff55\uff52\uff53\uff45").tokens == ("nurse",)


def test_punctuation_splits_words():
    assert query_terms("sales,marketing;assistant!").tokens == ("sale", "marketing", "assistant")


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("nurses", "nurse"),
        ("secretaries", "secretary"),
        ("coaches", "coach"),
        ("business", "business"),
        ("firemen", "fireman"),
    ],
)
def test_singular(plural, single):
    assert singular(plural) == single


def test_gendered_pair_with_shared_stem_splits():
    assert split_gendered("krankenpfleger/krankenpflegerin") == [
        "krankenpfleger",
        "krankenpflegerin",
    ]


def test_gendered_multiword_pair_splits():
    assert split_gendered("directeur technique/directrice technique") == [
        "directeur technique",
        "directrice technique",
    ]


def test_gendered_pair_before_a_shared_word():
    assert split_gendered("leiter/leiterin marketing") == ["leiter marketing", "leiterin marketing"]


def test_unrelated_slash_is_a_space():
    assert split_gendered("ict/network engineer") == ["ict network engineer"]


def test_label_variants_fold_accents_of_each_form():
    assert label_variants("Arzt/Ärztin") == ["arzt", "arztin"]


def test_german_gender_marker_is_noise():
    assert query_terms("Kellner (m/w/d)").tokens == ("kellner",)


def test_gender_star_and_binnen_i_are_dropped():
    assert query_terms("Pfleger*in").tokens == ("pfleger",)
    assert query_terms("PflegerIn").tokens == ("pfleger",)


def test_noise_words_are_dropped():
    assert query_terms("URGENT hiring: part-time cashier").tokens == ("cashier",)


def test_seniority_words_are_soft():
    terms = query_terms("Senior Accountant")
    assert terms.tokens == ("senior", "accountant")
    assert terms.soft == frozenset({"senior"})


def test_abbreviation_is_expanded():
    assert query_terms("HR mgr").tokens == ("human", "resource", "manager")


def test_bracketed_words_are_minor():
    assert query_terms("Engineer (Penang)").minor == frozenset({"penang"})


def test_head_noun_before_of():
    assert query_terms("director of sales").head == "director"


def test_long_input_is_cut():
    assert len(query_terms("nurse " * 1000).text) <= 200


def test_head_of_a_department_is_read_as_its_manager():
    assert query_terms("Head of Marketing").tokens == query_terms("marketing manager").tokens


@pytest.mark.parametrize(
    ("title", "spelled"),
    [
        ("Senior Solicitor", "senior lawyer"),
        ("Solicitor - Family Law", "lawyer - family law"),
        ("Lead Server (weekends)", "lead waiter (weekends)"),
    ],
)
def test_a_whole_title_word_is_read_through_rank_words_and_extras(title, spelled):
    assert query_terms(title).spelled == spelled


def test_a_whole_title_word_inside_a_longer_name_stays():
    assert query_terms("senior solicitor general").spelled == "senior solicitor general"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 _-+#/é.ßIN\t"), max_size=30))
def test_label_pieces_split_as_the_word_pattern_does(text: str) -> None:
    # The fast path for plain ASCII labels must give the pieces the pattern gives.
    assert label_pieces(text) == re.sub(r"[^\w+#]+|_", " ", text).split()


@pytest.mark.parametrize("title", ["Marketing Trainee", "Intern (Marketing)", "Junior Accountant"])
def test_a_trainee_or_intern_title_is_a_learners(title):
    assert query_terms(title).learner


@pytest.mark.parametrize("title", ["Trainee Manager", "data entry clerk", "accountant"])
def test_a_title_naming_the_manager_or_no_learner_is_not_a_learners(title):
    assert not query_terms(title).learner


def test_a_plural_folded_below_five_letters_keeps_the_word_typed():
    assert query_terms("Nures").as_typed == (("nure", "nures"),)


def test_a_plural_folded_to_five_letters_or_more_keeps_nothing():
    assert query_terms("nurses").as_typed == ()


@pytest.mark.parametrize("title", ["history teacher", "Lehrerin", "teachers"])
def test_a_teachers_title_is_a_school_teachers(title):
    assert query_terms(title).school


@pytest.mark.parametrize("title", ["college teacher", "university lecturer", "nurse"])
def test_a_title_of_higher_education_or_no_teacher_is_not_a_school_teachers(title):
    assert not query_terms(title).school


@pytest.mark.parametrize(
    "title",
    ["Care Assistant - £12/hr", "Care Assistant £12 per hour", "Care Assistant 11.50 an hour"],
)
def test_pay_is_noise_not_human_resources(title):
    assert query_terms(title).tokens == ("care", "assistant")
