"""A name typed exactly, or with a slip: answered as that name (`exact_label`, `near_name`)."""

import pytest

from matching import LabelRecord, MatchIndex, MatchStatus, OccupationRecord
from matching.names import LABEL_CONFIDENCE, NEAR_CONFIDENCE, exact_label, near_name
from matching.near import closest_labels
from matching.normalise import query_terms
from matching.prior import packaged_prior


def test_alt_name_of_one_occupation_answers(small_index, uri):
    found = exact_label(small_index._data, query_terms("Pipe Fitter"))
    assert found is not None
    assert found.answer
    assert small_index._data.occ_uris[found.occs[0]] == uri("plumb")
    assert found.confidences == (LABEL_CONFIDENCE,)


def test_alt_name_of_one_occupation_answers_at_the_matcher(small_index, uri):
    result = small_index.match("store manager")
    assert result.status is MatchStatus.MATCH
    assert result.best.uri == uri("shopm")


def test_name_in_another_language_answers(small_index, uri):
    result = small_index.match("contable")
    assert result.status is MatchStatus.MATCH
    assert result.best.uri == uri("acc")


def test_words_no_label_holds_whole_are_not_an_exact_name(small_index):
    assert exact_label(small_index._data, query_terms("store fitter")) is None


def test_an_abbreviation_follows_its_table_not_an_exact_name(small_index):
    assert exact_label(small_index._data, query_terms("CTO")) is None


@pytest.mark.parametrize(
    ("title", "key"), [("plumbr", "plumb"), ("sofware developer", "dev"), ("pipe fiter", "plumb")]
)
def test_name_with_a_slip_answers_as_the_name(small_index, uri, title, key):
    found = near_name(small_index._data, query_terms(title), packaged_prior())
    assert found is not None
    assert found.answer
    assert small_index._data.occ_uris[found.occs[0]] == uri(key)
    assert found.confidences[0] <= NEAR_CONFIDENCE


def test_too_short_a_title_is_not_corrected_whole(small_index):
    assert near_name(small_index._data, query_terms("cto"), packaged_prior()) is None


@pytest.mark.parametrize("title", ["plumber", "pipe fitter", "plumbr", "trophy wife", "a job?"])
def test_names_and_non_jobs_are_settled_by_the_rules(small_index, title):
    assert small_index.settled_by_rules(title)


def test_a_title_for_the_ranker_is_not_settled_by_the_rules(small_index):
    assert not small_index.settled_by_rules("senior software developer for payments")


def _keepers() -> MatchIndex:
    occupations, labels = [], []
    for i, (key, name) in enumerate([("book", "bookkeeper"), ("zoo", "zookeeper")]):
        uri = f"http://data.europa.eu/esco/occupation/{key}"
        occupations.append(OccupationRecord(uri, name, f"{i}.1", "1234", f"A {name}."))
        labels.append(LabelRecord(uri, name, "preferred", "en"))
        labels.append(LabelRecord(uri, f"{name} assistant", "alt", "en"))
    return MatchIndex.build(occupations, labels)


def test_of_equally_close_names_the_one_starting_as_typed_wins():
    data = _keepers()._data
    edits, label_ids = closest_labels(data, "bookeeper", "bookeeper")
    assert (edits, [data.lab_text[i] for i in label_ids]) == (1, ["bookkeeper"])


def test_in_a_longer_title_equally_close_names_stay_a_tie():
    data = _keepers()._data
    _, label_ids = closest_labels(data, "bookeeper assistant", "bookeeper assistant")
    assert len({data.lab_occ[i] for i in label_ids}) == 2


def test_a_one_word_slip_of_a_common_word_is_not_read_as_a_rare_label():
    occupations, labels = [], []
    rows = [("ling", "linguist", ["anglist"])] + [
        (f"an{i}", f"{kind} analyst", []) for i, kind in enumerate(["data", "business", "risk"])
    ]
    for i, (key, name, alts) in enumerate(rows):
        uri = f"http://data.europa.eu/esco/occupation/{key}"
        occupations.append(OccupationRecord(uri, name, f"{i}.1", "1234", f"A {name}."))
        labels.append(LabelRecord(uri, name, "preferred", "en"))
        labels.extend(LabelRecord(uri, alt, "alt", "en") for alt in alts)
    index = MatchIndex.build(occupations, labels)
    found = near_name(index._data, query_terms("analist"), packaged_prior())
    assert found is None  # "analyst" is the slip's likelier word, not "anglist"
    assert near_name(index._data, query_terms("anglst"), packaged_prior()) is not None


def _index_of(*names: str) -> MatchIndex:
    occupations = [
        OccupationRecord(f"http://data.europa.eu/esco/occupation/o{i}", name, f"{i}.1", "2149", "")
        for i, name in enumerate(names)
    ]
    labels = [LabelRecord(o.uri, o.label, "preferred", "en") for o in occupations]
    return MatchIndex.build(occupations, labels)


def test_a_three_letter_word_among_others_is_read_as_an_acronym_not_a_slip():
    index = _index_of("MEMS engineer", "MEP", "sales engineer")
    assert near_name(index._data, query_terms("MEP engineer"), packaged_prior()) is None


def test_a_slip_in_a_longer_word_beside_a_short_one_is_still_corrected():
    index = _index_of("taxi driver", "bus driver", "hearse driver")
    found = near_name(index._data, query_terms("raxi driver"), packaged_prior())
    assert found is not None
    assert index._data.occ_labels[found.occs[0]] == "taxi driver"


def test_a_slip_in_a_generic_word_is_not_read_as_a_name_that_adds_an_acronym():
    rows = [
        ("metal additive manufacturing operator", ["AM technician"]),
        ("consumer electronics repair technician", ["technician"]),
        ("vehicle technician", []),
        ("pharmacy technician", []),
        ("ICT technician", []),
    ]
    occupations, labels = [], []
    for i, (name, alts) in enumerate(rows):
        uri = f"http://data.europa.eu/esco/occupation/t{i}"
        occupations.append(OccupationRecord(uri, name, f"{i}.1", "3114", ""))
        labels.append(LabelRecord(uri, name, "preferred", "en"))
        labels.extend(LabelRecord(uri, alt, "alt", "en") for alt in alts)
    index = MatchIndex.build(occupations, labels)
    found = near_name(index._data, query_terms("techincian"), packaged_prior())
    assert found is not None
    assert not found.answer  # "technician" is a family: asked, not answered as AM technician
