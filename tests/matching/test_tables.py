"""The flat tables the index is made of: strings, rows and prefix search over mapped bytes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.tables import Rows, StringTable, pack_flat, pack_rows, pack_strings

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
