"""The search structures over every label of every occupation, read from flat arrays.

`build.build_arrays` lays the arrays out once per ESCO release; `IndexData` wraps them, freshly
built or memory mapped from the cache (`stored`), in the lookups the ranker makes per query: a
word's postings and IDF, a label's words and text, the stems an occupation is called by.
Everything per query is then a dictionary lookup or a short scan, so a match costs about a
millisecond instead of the tens of milliseconds a fuzzy scan over ~90,000 label strings would.

Only what is small or probed on every query becomes Python objects on load (the word and stem
dicts, the occupations' names): a few MB and a few milliseconds. The rest stays in the arrays,
shared between the processes that map the same file.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.build import build_arrays
from matching.tables import Arrays, Rows, StringTable, Vocabulary, scalars
from matching.types import LabelRecord, OccupationRecord


class WordRows(Mapping[str, npt.NDArray[np.int32]]):
    """Word -> its row of a `Rows` table (postings: the ascending ids of labels holding it)."""

    __slots__ = ("_at", "_ids", "_values")

    def __init__(self, vocabulary: Vocabulary, rows: Rows) -> None:
        self._ids = vocabulary.ids
        self._values = rows.values
        self._at = scalars(rows.values_at)

    def __getitem__(self, word: str) -> npt.NDArray[np.int32]:
        i = self._ids[word]
        return self._values[self._at[i] : self._at[i + 1]]

    def get(self, word: str, default: Any = None) -> Any:
        i = self._ids.get(word)
        return default if i is None else self._values[self._at[i] : self._at[i + 1]]

    def __contains__(self, word: object) -> bool:
        return word in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class WordValues(Mapping[str, float]):
    """Word -> one float per word (its IDF)."""

    __slots__ = ("_ids", "_values")

    def __init__(self, vocabulary: Vocabulary, values: npt.NDArray[np.float64]) -> None:
        self._ids = vocabulary.ids
        self._values = scalars(values)

    def __getitem__(self, word: str) -> float:
        return self._values[self._ids[word]]

    def get(self, word: str, default: Any = None) -> Any:
        i = self._ids.get(word)
        return default if i is None else self._values[i]

    def __contains__(self, word: object) -> bool:
        return word in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class StemGroups(Mapping[str, tuple[str, ...]]):
    """Stem -> the indexed words sharing it, in first-seen order (only stems of 2+ words)."""

    __slots__ = ("_rows", "_stems", "_words")

    def __init__(self, stems: Vocabulary, rows: Rows, words: Sequence[str]) -> None:
        self._stems, self._rows, self._words = stems.ids, rows, words

    def __getitem__(self, key: str) -> tuple[str, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        i = self._stems.get(key)
        if i is None:
            return default
        row = self._rows[i]
        if not len(row):
            return default
        words = self._words
        return tuple(words[w] for w in row.tolist())

    def __iter__(self) -> Iterator[str]:
        return (s for s, i in self._stems.items() if len(self._rows[i]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class StemHolders(Mapping[str, npt.NDArray[np.int32]]):
    """Stem -> the ascending ids of the occupations some label of which holds it."""

    __slots__ = ("_rows", "_stems")

    def __init__(self, stems: Vocabulary, rows: Rows) -> None:
        self._stems, self._rows = stems.ids, rows

    def __getitem__(self, key: str) -> npt.NDArray[np.int32]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        i = self._stems.get(key)
        if i is None:
            return default
        row = self._rows[i]
        return row if len(row) else default

    def __iter__(self) -> Iterator[str]:
        return (s for s, i in self._stems.items() if len(self._rows[i]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class OccupationStems(Sequence[tuple[str, ...]]):
    """Occupation id -> its stems (sorted), stored as sorted keys occ * len(stems) + stem id."""

    __slots__ = ("_at", "_keys", "_rows", "_scalar_keys", "_stems")

    def __init__(self, stems: Vocabulary, rows: Rows) -> None:
        self._stems, self._rows, self._keys = stems, rows, rows.values
        self._scalar_keys = scalars(rows.values)
        self._at = scalars(rows.values_at)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, occ: Any) -> Any:  # an int; slices are not needed
        words, width = self._stems.words, len(self._stems)
        return tuple(words[k - occ * width] for k in self._rows[occ].tolist())

    def has(self, occ: int, stem: str) -> bool:
        """Whether one occupation holds one stem: a binary search of its row, no numpy call."""
        i = self._stems.ids.get(stem)
        if i is None:
            return False
        key, end = occ * len(self._stems) + i, self._at[occ + 1]
        found = bisect_left(self._scalar_keys, key, self._at[occ], end)
        return found < end and self._scalar_keys[found] == key

    def holds(self, occs: npt.NDArray[np.integer], stems: Sequence[str]) -> npt.NDArray[np.intp]:
        """Per occupation of `occs`, how many of `stems` (repeats counted) it holds."""
        ids = [i for i in map(self._stems.ids.get, stems) if i is not None]
        keys = self._keys
        if not ids or not len(occs) or not len(keys):
            return np.zeros(len(occs), dtype=np.intp)
        wanted = np.add.outer(occs.astype(np.int64) * len(self._stems), ids)
        at = keys.searchsorted(wanted)
        at[at == len(keys)] = 0  # past the end: compared with the first key, never equal
        return (keys.take(at) == wanted).sum(axis=1)


LABEL_CACHE = 8192
"""Labels whose words are kept decoded: the candidates of the titles people type again."""


class LabelTokens(Sequence[tuple[str, ...]]):
    """Label id -> its content words, in label order."""

    __slots__ = ("_at", "_decoded", "_values", "_words")

    def __init__(self, rows: Rows, words: Sequence[str]) -> None:
        self._values = scalars(rows.values)
        self._at = scalars(rows.values_at)
        self._words = words
        self._decoded: dict[int, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._at) - 1

    def __getitem__(self, label_id: Any) -> Any:  # an int; slices are not needed
        found = self._decoded.get(label_id)
        if found is not None:
            return found
        words = self._words
        found = tuple([words[w] for w in self._values[self._at[label_id] : self._at[label_id + 1]]])
        if len(self._decoded) >= LABEL_CACHE:
            self._decoded.clear()  # cheaper than LRU bookkeeping, as `reach.REACH_CACHE`
        self._decoded[label_id] = found
        return found


class IndexData:
    """Parallel arrays over label variants, plus word-level lookup tables.

    Attribute names are those the ranker and the fitting scripts read; `arrays` holds what is
    written to the cache.
    """

    def __init__(self, arrays: Arrays) -> None:
        for array in arrays.values():
            array.flags.writeable = False  # as mapped ones are: a fresh build behaves the same
        self.arrays = arrays
        words = Vocabulary(arrays, "word")
        stems = Vocabulary(arrays, "stem")
        self.words = words
        postings = Rows(arrays, "postings")
        self.postings_rows = postings
        # word -> label ids containing it, ascending. The ranker adds up and scores every
        # label a query reaches ("technician" alone is in ~2,000) in numpy, not one by one.
        self.postings = WordRows(words, postings)
        self.idf = WordValues(words, arrays["word_idf"])
        self.stem_groups = StemGroups(stems, Rows(arrays, "stem_group"), words.words)
        self.name_occs = StemHolders(stems, Rows(arrays, "name_occs"))
        self.occ_stems = OccupationStems(stems, Rows(arrays, "occ_name"))
        self.occ_desc = OccupationStems(stems, Rows(arrays, "occ_desc"))

        self.occ_uris = StringTable(arrays, "occ_uri").to_list()
        self.occ_labels = StringTable(arrays, "occ_label").to_list()
        self.uri_index = {uri: i for i, uri in enumerate(self.occ_uris)}
        # 0..1, how many names an occupation goes by (commonness); 0 for an occupation right
        # under its ISCO group, 1 for a specialisation; the ISCO major group (0 unknown).
        self.occ_breadth: list[float] = arrays["occ_breadth"].tolist()
        self.occ_depth: list[float] = arrays["occ_depth"].tolist()
        self.occ_major = arrays["occ_major"].tobytes()
        self.occ_prior = arrays["occ_prior"]  # occupation id -> `prior.OCCUPATION_FEATURES` row

        # Label id -> owner, kind (`build.KIND_CODES`), 1 when not English, text and words:
        # as memoryviews for the loops that read one at a time, as arrays for numpy.
        self.lab_occ = scalars(arrays["lab_occ"])
        self.lab_kind = scalars(arrays["lab_kind"])
        self.lab_foreign = scalars(arrays["lab_foreign"])
        self.lab_text = StringTable(arrays, "lab_text")
        self.lab_chars = arrays["lab_chars"]  # len(lab_text[i])
        self.lab_token_ids = Rows(arrays, "lab_tokens")  # word ids, for numpy (`heads`)
        self.lab_tokens = LabelTokens(self.lab_token_ids, words.words)
        self.lab_occ_arr = arrays["lab_occ"]
        self.lab_kind_arr = arrays["lab_kind"]
        self.lab_foreign_arr = arrays["lab_foreign"].view(np.bool_)
        self.lab_weight = arrays["lab_weight"]  # summed IDF of the label's words
        self.lab_len_arr = arrays["lab_len"]  # how many content words it has

        # Words that alone are an English name of an occupation; cleaned English preferred
        # names one occupation alone has -> label id. Small, probed per query: Python objects.
        self.job_words = frozenset(words.words[i] for i in arrays["job_words"].tolist())
        self.preferred_keys: dict[str, int] = dict(
            zip(
                StringTable(arrays, "preferred").to_list(),
                arrays["preferred_ids"].tolist(),
                strict=True,
            )
        )

        # Whole-string fuzzy lookup (fallback.close_labels): labels' words joined, sorted by
        # length, with their label ids, lengths and `build.char_histograms`.
        self.fallback_texts = StringTable(arrays, "fallback")
        self.fallback_ids = scalars(arrays["fallback_ids"])
        self.fallback_lens = arrays["fallback_lens"]
        self.fallback_chars = arrays["fallback_chars"]
        # Autocomplete: every label's folded text, sorted, and its label id (`suggest`).
        self.suggest_keys = StringTable(arrays, "suggest")
        self.suggest_ids = arrays["suggest_ids"]
        # word -> where it leads (reach.Reach), filled as queries come; reach bounds its size.
        self.reach_cache: dict[str, Any] = {}

    @cached_property
    def vocab_by_len(self) -> dict[tuple[str, int], list[str]]:
        """(first letter, length) -> the indexed words of that shape, for the typo search.

        Made when a query first holds a word the index lacks: a title spelled right never
        needs it, and a one-shot answer would spend milliseconds on it for nothing.
        """
        words = self.words.words
        buckets = Rows(self.arrays, "bucket")
        shapes = zip(
            StringTable(self.arrays, "bucket_letter").to_list(),
            self.arrays["bucket_len"].tolist(),
            strict=True,
        )
        return {shape: [words[w] for w in buckets[b].tolist()] for b, shape in enumerate(shapes)}


def build_index(
    occupations: Sequence[OccupationRecord],
    labels: Iterable[LabelRecord],
    everyday: Mapping[str, int] | None = None,
) -> IndexData:
    """Lay out the arrays (`build.build_arrays`) and wrap them.

    `everyday` counts how often people mean each occupation; by default the shipped prior's.
    """
    return IndexData(build_arrays(occupations, labels, everyday))
