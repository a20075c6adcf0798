import pytest

from matching import LabelRecord, MatchIndex, MatchStatus, OccupationRecord
from matching.names import PREFERRED_CONFIDENCE, holders, name_evidence
from matching.normalise import query_terms
from matching.prior import CHOICE_FEATURES, OCCUPATION_FEATURES, PriorModel

EVEN = PriorModel((0.0,) * len(CHOICE_FEATURES), {}, 2.0)
"""A prior that knows nothing: every occupation a name reaches is as likely as the next."""


def evidence(index, title, model=EVEN):
    return name_evidence(index._data, query_terms(title), model)


def test_preferred_name_of_one_occupation_answers(small_index, uri):
    found = evidence(small_index, "sales manager")
    assert found is not None
    assert found.answer
    assert small_index._data.occ_uris[found.occs[0]] == uri("salesm")
    assert found.confidences[0] == PREFERRED_CONFIDENCE


def test_preferred_name_answers_at_the_matcher(small_index, uri):
    result = small_index.match("Project Manager")
    assert result.status is MatchStatus.MATCH
    assert result.best.uri == uri("projm")


def test_generic_word_asks_when_no_occupation_stands_out(small_index):
    found = evidence(small_index, "manager")
    assert found is not None
    assert not found.answer
    assert len(found.occs) >= 3


def test_generic_word_answers_when_the_prior_favours_one(small_index, uri):
    data = small_index._data
    everyday = data.occ_prior.copy()
    column = OCCUPATION_FEATURES.index("everyday")
    everyday[data.uri_index[uri("shopm")], column] = 5.0  # people mean shop managers
    weights = tuple(float(name == "everyday") for name in CHOICE_FEATURES)
    data_rows, data.occ_prior = data.occ_prior, everyday
    try:
        found = evidence(small_index, "manager", PriorModel(weights, {}, 3.0))
    finally:
        data.occ_prior = data_rows
    assert found is not None
    assert found.answer
    assert data.occ_uris[found.occs[0]] == uri("shopm")


def test_words_of_a_longer_name_go_to_the_ranker(small_index):
    assert evidence(small_index, "resources") is None


def test_unknown_word_is_no_name(small_index):
    assert evidence(small_index, "zzzz qqqq") is None


def test_seniority_words_do_not_hide_the_name(small_index, uri):
    found = evidence(small_index, "Senior Accountant")
    assert found is not None
    assert small_index._data.occ_uris[found.occs[0]] == uri("acc")


def test_misspelt_name_counts_as_its_correction(small_index, uri):
    found = evidence(small_index, "acountant")
    assert found is not None
    assert found.answer
    assert small_index._data.occ_uris[found.occs[0]] == uri("acc")


@pytest.mark.parametrize("title", ["manager", "Manager", "managers"])
def test_generic_title_offers_a_question(small_index, title):
    result = small_index.match(title)
    assert result.status is MatchStatus.AMBIGUOUS
    assert len(result.candidates) >= 3


def test_an_occupation_named_by_the_word_only_in_alt_names_is_offered_last(small_index, uri):
    # "office assistant" is only an alternative name of secretary; three preferred names hold
    # "assistant". A prior that weighs `alt_only` against an occupation puts secretary last.
    weights = tuple(-5.0 * float(name == "alt_only") for name in CHOICE_FEATURES)
    found = evidence(small_index, "assistant", PriorModel(weights, {}, 1e9))
    assert found is not None
    data = small_index._data
    assert data.occ_uris[found.occs[-1]] == uri("secr")
    assert uri("secr") not in {data.occ_uris[o] for o in found.occs[:-1]}


def test_everyday_counts_reached_through_alt_names_only_have_a_column_of_their_own(small_index):
    # Secretary holds "assistant" only in its alternative name "office assistant": however
    # often people mean secretary, that count goes to `everyday_alt`, not `everyday` alone.
    data = small_index._data
    everyday = data.occ_prior.copy()
    everyday[:, OCCUPATION_FEATURES.index("everyday")] = 2.0
    found = holders(data, ("assistant",), everyday)
    assert found is not None
    rows = {data.occ_labels[occ]: row for occ, row in zip(found.occs, found.rows, strict=True)}
    column = CHOICE_FEATURES.index("everyday_alt")
    assert rows["secretary"][column] == 2.0
    assert rows["sales assistant"][column] == 0.0


def test_a_preferred_name_is_answered_even_when_a_job_ad_would_drop_its_words():
    # "contract" is noise in job ads ("Plumber (contract)"); typed as a whole name it is not.
    occupations = [
        OccupationRecord(f"occ:{i}", label, f"{i}.1", "1219", "")
        for i, label in enumerate(["contract manager", "shop manager", "project manager"])
    ]
    labels = [LabelRecord(o.uri, o.label, "preferred", "en") for o in occupations]
    index = MatchIndex.build(occupations, labels, EVEN)
    result = index.match("Contract Manager")
    assert result.status is MatchStatus.MATCH
    assert result.best.label == "contract manager"


def test_extras_after_a_generic_word_narrow_the_name(small_index, uri):
    found = evidence(small_index, "Manager - Shop")
    assert found is not None
    assert [small_index._data.occ_uris[o] for o in found.occs] == [uri("shopm")]


def test_extras_no_name_holds_leave_the_generic_word(small_index):
    found = evidence(small_index, "Manager - London")
    assert found is not None
    assert len(found.occs) >= 3
