import pytest

from matching import LabelRecord, MatchIndex, OccupationRecord


def test_partial_word_suggests(small_index, uri):
    assert uri("nurse") in [s.uri for s in small_index.suggest("nur")]


def test_partial_second_word(small_index, uri):
    assert uri("dev") in [s.uri for s in small_index.suggest("software dev")]


def test_partial_german_word(small_index, uri):
    assert uri("nurse") in [s.uri for s in small_index.suggest("Krankenpfl")]


def test_suggestions_are_distinct_occupations(small_index):
    uris = [s.uri for s in small_index.suggest("man")]
    assert len(uris) == len(set(uris))


def test_empty_prefix_gives_nothing(small_index):
    assert small_index.suggest("   ") == []


@pytest.mark.parametrize("prefix", ["😀", "@everyone", "x" * 5000, "\x00"])
def test_hostile_prefix_returns_a_list(small_index, prefix):
    assert isinstance(small_index.suggest(prefix), list)


def test_limit_is_capped_at_25():
    occupations = [OccupationRecord(f"u:{i}", f"manager {i}", "1", "1", "") for i in range(40)]
    labels = [LabelRecord(o.uri, o.label, "preferred", "en") for o in occupations]
    index = MatchIndex.build(occupations, labels)
    assert len(index.suggest("manager", limit=100)) == 25
    assert len(index.suggest("manager", limit=3)) == 3


def test_names_are_at_most_100_characters():
    long = "senior principal " + "very " * 40 + "long occupation title"
    occ = OccupationRecord("u:long", long, "1", "1", "")
    index = MatchIndex.build([occ], [LabelRecord("u:long", long, "preferred", "en")])
    [suggestion] = index.suggest("senior princ")
    assert len(suggestion.name) <= 100
    assert suggestion.uri == "u:long"


def test_typo_prefix_falls_back_to_matching(small_index, uri):
    assert uri("acc") in [s.uri for s in small_index.suggest("acountant")]
