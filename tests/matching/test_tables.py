"""The flat tables the index is made of: strings, rows and prefix search over mapped bytes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import tables
from matching.tables import Rows, StringTable, Vocabulary, pack_flat, pack_rows, pack_strings

WORDS = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(strings=st.lists(WORDS, max_size=40))
def test_strings_come_back_as_they_went_in(strings: list[str]) -> None:
    arrays: dict = {}
    pack_strings(arrays, "s", strings)
    table = StringTable(arrays, "s")
    assert len(table) == len(strings)
    assert [table[i] for i in range(len(strings))] == strings
    assert table.to_list() == strings  # also when a string holds a NUL itself
    assert [table.raw(i) for i in range(len(strings))] == [s.encode() for s in strings]


@settings(max_examples=300, deadline=None)
@given(strings=st.lists(WORDS, max_size=60), prefix=WORDS)
def test_prefix_range_finds_exactly_the_strings_starting_with_the_prefix(
    strings: list[str], prefix: str
) -> None:
    ordered = sorted(strings)
    arrays: dict = {}
    pack_strings(arrays, "s", ordered)
    start, end = StringTable(arrays, "s").prefix_range(prefix)
    assert ordered[start:end] == [s for s in ordered if s.startswith(prefix)]
    assert all(s < prefix for s in ordered[:start])


def test_prefix_range_sorts_by_code_point_like_python() -> None:
    ordered = sorted(["zz", "été", "ete", "Ärzte", "arzt", "\U0001f600", "\uffff"])
    arrays: dict = {}
    pack_strings(arrays, "s", ordered)
    table = StringTable(arrays, "s")
    assert table.prefix_range("é") == (ordered.index("été"), ordered.index("été") + 1)
    assert table.prefix_range("\uffff") == (ordered.index("\uffff"), ordered.index("\uffff") + 1)
    assert table.prefix_range("") == (0, len(ordered))


@given(rows=st.lists(st.lists(st.integers(0, 2**31 - 1), max_size=5), max_size=30))
def test_rows_come_back_as_they_went_in(rows: list[list[int]]) -> None:
    arrays: dict = {}
    pack_rows(arrays, "r", rows)
    table = Rows(arrays, "r")
    assert len(table) == len(rows)
    assert [table[i].tolist() for i in range(len(rows))] == rows
    if rows:
        start, end = table.span(0, len(rows))
        assert table.values[start:end].tolist() == [v for row in rows for v in row]


def test_occupation_stems_answer_one_at_a_time_as_all_at_once(small_index) -> None:
    import numpy as np

    data = small_index._data
    stems = sorted({s for occ in range(len(data.occ_uris)) for s in data.occ_stems[occ]})
    occs = np.arange(len(data.occ_uris))
    for table in (data.occ_stems, data.occ_desc):
        for occ in occs.tolist():
            held = set(table[occ])
            assert [table.has(occ, s) for s in stems] == [s in held for s in stems]
        asked = [*stems[:5], "no-such-stem", stems[0]]
        counts = table.holds(occs, asked).tolist()
        assert counts == [sum(s in set(table[o]) for s in asked) for o in occs.tolist()]


@given(rows=st.lists(st.lists(st.integers(0, 2**31 - 1), max_size=5), max_size=30))
def test_rows_packed_flat_are_the_rows_packed_one_by_one(rows: list[list[int]]) -> None:
    by_row: dict = {}
    pack_rows(by_row, "r", rows)
    lengths = [len(row) for row in rows]
    flat = [v for row in rows for v in row]
    for values in (iter(flat), np.array(flat, dtype=np.int64)):
        arrays: dict = {}
        pack_flat(arrays, "r", lengths, values)
        assert arrays["r_at"].tolist() == by_row["r_at"].tolist()
        assert arrays["r"].tolist() == by_row["r"].tolist()
        assert arrays["r"].dtype == by_row["r"].dtype


def test_flat_values_that_do_not_fill_the_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="3 values for rows of 4"):
        pack_flat({}, "r", [2, 2], np.arange(3))


@settings(max_examples=300, deadline=None)
@given(strings=st.lists(WORDS, max_size=60), probes=st.lists(st.text(max_size=6), max_size=10))
def test_find_is_the_position_of_a_string_in_a_sorted_table(
    strings: list[str], probes: list[str]
) -> None:
    ordered = sorted(set(strings))
    arrays: dict = {}
    pack_strings(arrays, "s", ordered)
    table = StringTable(arrays, "s")
    for text in [*ordered, *probes, "\ud800", "a\udfff"]:  # lone surrogates too
        assert table.find(text) == (ordered.index(text) if text in ordered else None)


def test_a_vocabulary_answers_the_same_searching_and_loaded(monkeypatch) -> None:
    words = sorted(["nurse", "nurses", "été", "arzt", "Ärzte", "chef", "\U0001f600"])
    arrays: dict = {}
    pack_strings(arrays, "w", words)
    vocabulary = Vocabulary(arrays, "w")
    asked = [*words, "nurs", "", "zzz", "\ud800", 3]
    searched = [vocabulary.get(w) for w in asked]  # type: ignore[arg-type]
    assert searched == [words.index(w) if w in words else None for w in asked]
    assert vocabulary._ids is None  # a handful of lookups builds nothing
    assert [vocabulary.words[i] for i in range(len(words))] == words
    assert vocabulary["chef"] == words.index("chef")
    with pytest.raises(KeyError):
        vocabulary["cook"]
    assert "chef" in vocabulary
    assert "cook" not in vocabulary
    assert vocabulary.ids is vocabulary
    assert list(vocabulary) == words
    assert vocabulary.load() == {w: i for i, w in enumerate(words)}
    assert [vocabulary.get(w) for w in asked] == searched  # type: ignore[arg-type]
    assert vocabulary.words == words


def test_a_vocabulary_loads_after_enough_searches(monkeypatch) -> None:
    monkeypatch.setattr(tables, "LOAD_AFTER", 3)
    arrays: dict = {}
    pack_strings(arrays, "w", ["a", "b", "c"])
    vocabulary = Vocabulary(arrays, "w")
    assert [vocabulary.get(w) for w in "abc"] == [0, 1, 2]
    assert vocabulary._ids is None
    assert vocabulary.get("c") == 2
    assert vocabulary._ids == {"a": 0, "b": 1, "c": 2}
    assert isinstance(vocabulary.words, list)


def test_an_index_that_never_loads_its_vocabularies_answers_as_one_that_has(monkeypatch) -> None:
    from matching import MatchIndex
    from tests.matching.conftest import small_inputs

    titles = ["nurse", "senior software engineer", "acountant", "Krankenpfleger", "chef de partie"]
    loaded = MatchIndex.build(*small_inputs())
    loaded.warm_up()
    monkeypatch.setattr(tables, "LOAD_AFTER", 10**9)
    searching = MatchIndex.build(*small_inputs())
    assert [searching.match(t) for t in titles] == [loaded.match(t) for t in titles]
    assert [searching.suggest(t[:4]) for t in titles] == [loaded.suggest(t[:4]) for t in titles]
    assert searching._data.words._ids is None
    assert searching._data.stems._ids is None


def test_warm_up_loads_the_vocabularies(small_index) -> None:
    small_index.warm_up()
    data = small_index._data
    assert isinstance(data.words.words, list)
    assert data.words._ids is not None
    assert data.stems._ids is not None
