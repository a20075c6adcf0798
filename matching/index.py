"""The search structures over every label of every occupation, read from flat arrays.

`build.build_arrays` lays the arrays out once per ESCO release; `IndexData` wraps them, freshly
built or memory mapped from the cache (`stored`), in the lookups the ranker makes per query: a
word's postings and IDF, a label's words and text, the stems an occupation is called by.
Everything per query is then a dictionary lookup or a short scan, so a match costs about a
millisecond instead of the tens of milliseconds a fuzzy scan over ~90,000 label strings would.

Almost nothing becomes Python objects on load (~2 ms): a one-shot answer probes a few dozen
words, each a binary search of the mapped word list (`tables.Vocabulary`), and decodes the few
names it shows. A process answering many titles makes the word and stem dicts and the names'
lists once (`IndexData.warm_up`, or the dicts after its first queries): a few MB. The rest
stays in the arrays, shared between the processes that map the same file.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.build import build_arrays
from matching.tables import Arrays, Rows, StringTable, Vocabulary, scalars
from matching.types import LabelRecord, OccupationRecord


class WordRows(Mapping[str, npt.NDArray[np.int32]]):
    """Word -> its row of a `Rows` table (postings: the ascending ids of labels holding it)."""

    __slots__ = ("_at", "_values", "_vocabulary")

    def __init__(self, vocabulary: Vocabulary, rows: Rows) -> None:
        self._vocabulary = vocabulary
        self._values = rows.values
        self._at = scalars(rows.values_at)

    def __getitem__(self, word: str) -> npt.NDArray[np.int32]:
        i = self._vocabulary[word]
        return self._values[self._at[i] : self._at[i + 1]]

    def get(self, word: str, default: Any = None) -> Any:
        i = self._vocabulary.get(word)
        return default if i is None else self._values[self._at[i] : self._at[i + 1]]

    def __contains__(self, word: object) -> bool:
        return word in self._vocabulary

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocabulary)

    def __len__(self) -> int:
        return len(self._vocabulary)


class WordValues(Mapping[str, float]):
    """Word -> one float per word (its IDF)."""

    __slots__ = ("_values", "_vocabulary")

    def __init__(self, vocabulary: Vocabulary, values: npt.NDArray[np.float64]) -> None:
        self._vocabulary = vocabulary
        self._values = scalars(values)

    def __getitem__(self, word: str) -> float:
        return self._values[self._vocabulary[word]]

    def get(self, word: str, default: Any = None) -> Any:
        i = self._vocabulary.get(word)
        return default if i is None else self._values[i]

    def __contains__(self, word: object) -> bool:
        return word in self._vocabulary

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocabulary)

    def __len__(self) -> int:
        return len(self._vocabulary)


class StemGroups(Mapping[str, tuple[str, ...]]):
    """Stem -> the indexed words sharing it, in first-seen order (only stems of 2+ words)."""

    __slots__ = ("_rows", "_stems", "_words")

    def __init__(self, stems: Vocabulary, rows: Rows, words: Vocabulary) -> None:
        self._stems, self._rows, self._words = stems, rows, words

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
        words = self._words.words
        return tuple(words[w] for w in row.tolist())

    def __iter__(self) -> Iterator[str]:
        return (s for s, i in self._stems.load().items() if len(self._rows[i]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class StemHolders(Mapping[str, npt.NDArray[np.int32]]):
    """Stem -> the ascending ids of the occupations some label of which holds it."""

    __slots__ = ("_rows", "_stems")

    def __init__(self, stems: Vocabulary, rows: Rows) -> None:
        self._stems, self._rows = stems, rows

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
        return (s for s, i in self._stems.load().items() if len(self._rows[i]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class OccupationStems(Sequence[tuple[str, ...]]):
    """Occupation id -> its stems (sorted), stored as sorted keys occ * len(stems) + stem id."""

    __slots__ = ("_at", "_keys", "_rows", "_scalar_keys", "_stems", "_width")

    def __init__(self, stems: Vocabulary, rows: Rows) -> None:
        self._stems, self._rows, self._keys = stems, rows, rows.values
        self._width = len(stems)
        self._scalar_keys = scalars(rows.values)
        self._at = scalars(rows.values_at)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, occ: Any) -> Any:  # an int; slices are not needed
        words, width = self._stems.words, self._width
        return tuple(words[k - occ * width] for k in self._rows[occ].tolist())

    def has(self, occ: int, stem: str) -> bool:
        """Whether one occupation holds one stem: a binary search of its row, no numpy call."""
        i = self._stems.get(stem)
        if i is None:
            return False
        key, end = occ * self._width + i, self._at[occ + 1]
        found = bisect_left(self._scalar_keys, key, self._at[occ], end)
        return found < end and self._scalar_keys[found] == key

    def holds(self, occs: npt.NDArray[np.integer], stems: Sequence[str]) -> npt.NDArray[np.intp]:
        """Per occupation of `occs`, how many of `stems` (repeats counted) it holds."""
        ids = [i for i in map(self._stems.get, stems) if i is not None]
        keys = self._keys
        if not ids or not len(occs) or not len(keys):
            return np.zeros(len(occs), dtype=np.intp)
        wanted = np.add.outer(occs.astype(np.int64) * self._width, ids)
        at = keys.searchsorted(wanted)
        at[at == len(keys)] = 0  # past the end: compared with the first key, never equal
        return (keys.take(at) == wanted).sum(axis=1)


class WordSet(Set[str]):
    """Some words of a vocabulary, stored as their ids: membership without decoding them all.

    Probed a few times per query; a frozenset of the words would be ~0.4 ms of every process.
    """

    __slots__ = ("_ids", "_vocabulary")

    def __init__(self, vocabulary: Vocabulary, ids: npt.NDArray[np.integer]) -> None:
        self._vocabulary = vocabulary
        self._ids = frozenset(ids.tolist())

    def __contains__(self, word: object) -> bool:
        i = self._vocabulary.get(word)  # type: ignore[arg-type]
        return i is not None and i in self._ids

    def __iter__(self) -> Iterator[str]:
        words = self._vocabulary.words
        return (words[i] for i in sorted(self._ids))

    def __len__(self) -> int:
        return len(self._ids)


LABEL_CACHE = 8192
"""Labels whose words are kept decoded: the candidates of the titles people type again."""


class LabelTokens(Sequence[tuple[str, ...]]):
    """Label id -> its content words, in label order."""

    __slots__ = ("_at", "_decoded", "_values", "_words")

    def __init__(self, rows: Rows, words: Vocabulary) -> None:
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
        words = self._words.words
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
        self.stems = stems
        postings = Rows(arrays, "postings")
        self.postings_rows = postings
        # word -> label ids containing it, ascending. The ranker adds up and scores every
        # label a query reaches ("technician" alone is in ~2,000) in numpy, not one by one.
        self.postings = WordRows(words, postings)
        self.idf = WordValues(words, arrays["word_idf"])
        self.stem_groups = StemGroups(stems, Rows(arrays, "stem_group"), words)
        self.name_occs = StemHolders(stems, Rows(arrays, "name_occs"))
        self.occ_stems = OccupationStems(stems, Rows(arrays, "occ_name"))
        self.occ_desc = OccupationStems(stems, Rows(arrays, "occ_desc"))

        # Occupation id -> URI and English preferred label: decoded as read, lists once warm.
        self.occ_uris: Sequence[str] = StringTable(arrays, "occ_uri")
        self.occ_labels: Sequence[str] = StringTable(arrays, "occ_label")
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
        self.lab_tokens = LabelTokens(self.lab_token_ids, words)
        self.lab_occ_arr = arrays["lab_occ"]
        self.lab_kind_arr = arrays["lab_kind"]
        self.lab_foreign_arr = arrays["lab_foreign"].view(np.bool_)
        self.lab_weight = arrays["lab_weight"]  # summed IDF of the label's words
        self.lab_len_arr = arrays["lab_len"]  # how many content words it has

        # Words that alone are an English name of an occupation; cleaned English preferred
        # names one occupation alone has -> label id. Small, probed per query: Python objects.
        self.job_words = WordSet(words, arrays["job_words"])
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
    def uri_index(self) -> dict[str, int]:
        """URI -> occupation id: for callers that name an occupation, never for a match."""
        return {uri: i for i, uri in enumerate(self.occ_uris)}

    @cached_property
    def vocab_by_len(self) -> dict[tuple[str, int], list[str]]:
        """(first letter, length) -> the indexed words of that shape, for the typo search.

        Made when a query first holds a word the index lacks: a title spelled right never
        needs it, and a one-shot answer would spend milliseconds on it for nothing.
        """
        words = self.words.word_list()
        buckets = Rows(self.arrays, "bucket")
        shapes = zip(
            StringTable(self.arrays, "bucket_letter").to_list(),
            self.arrays["bucket_len"].tolist(),
            strict=True,
        )
        return {shape: [words[w] for w in buckets[b].tolist()] for b, shape in enumerate(shapes)}

    def warm_up(self) -> None:
        """Make now what is otherwise made as queries come (`matcher.MatchIndex.warm_up`).

        The word and stem dicts, the occupations' names as lists and the typo search's table: a
        process about to fork its shard processes makes them once, and the children share
        their pages.
        """
        self.words.load()
        self.stems.load()
        self.occ_uris = list(self.occ_uris)
        self.occ_labels = list(self.occ_labels)
        _ = self.vocab_by_len


def build_index(
    occupations: Sequence[OccupationRecord],
    labels: Iterable[LabelRecord],
    everyday: Mapping[str, int] | None = None,
) -> IndexData:
    """Lay out the arrays (`build.build_arrays`) and wrap them.

    `everyday` counts how often people mean each occupation; by default the shipped prior's.
    """
    return IndexData(build_arrays(occupations, labels, everyday))
