"""Lay out the index of one release as flat arrays, once; `index.IndexData` reads them.

Every label variant is normalised here, and every table the matcher consults per query is
derived here: the postings of each word, its IDF, the words sharing a stem, what each
occupation is called and described with, the whole-string and prefix search tables. The
result is a dict of numpy arrays and nothing else, so it can be written to disk as it is and
memory mapped by every process that answers (`stored`).
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from matching.normalise import (
    STOPWORDS,
    fold,
    label_pieces,
    label_variants,
    label_words,
    singular,
    stem,
)
from matching.prior import occupation_features, packaged_prior
from matching.tables import Arrays, pack_flat, pack_rows, pack_strings
from matching.types import LabelKind, LabelRecord, OccupationRecord

KIND_CODES: dict[LabelKind, int] = {"preferred": 0, "alt": 1, "hidden": 2}
_LANGUAGE_ORDER = {"en": 0, "de": 1, "fr": 2, "es": 3}
_DESCRIPTION_TERMS = 60
"""Description words kept per occupation: enough to tell a cook from a chef de partie."""
CHAR_BUCKETS = 32
"""a-z, the space, and five shared buckets for every other character."""
_HISTOGRAM_BATCH = 4096


def prefix_key(text: str) -> str:
    """Comparable form of a label or typed prefix: folded, punctuation as single spaces.

    The pieces are those a label's words are read from (`label_pieces`), so the build takes a
    label's key from the pieces it has already split.
    """
    return " ".join(label_pieces(text))


def char_histograms(texts: Sequence[str]) -> npt.NDArray[np.uint8]:
    """How many characters of each text fall in each bucket: one row per text.

    Two strings share at most, bucket by bucket, the smaller of their counts as common
    characters, so the rows bound rapidfuzz's ratio from above for a whole batch at once.
    Buckets that lump characters together only loosen the bound, never break it. Counted a
    few thousand texts at a time: all ~75,000 labels at once would take ~75 MB of temporaries.
    """
    if len(texts) > _HISTOGRAM_BATCH:
        return np.concatenate(
            [
                char_histograms(texts[start : start + _HISTOGRAM_BATCH])
                for start in range(0, len(texts), _HISTOGRAM_BATCH)
            ]
        )
    lens = [len(text) for text in texts]
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    buckets = np.where(
        (codes >= ord("a")) & (codes <= ord("z")),
        codes - ord("a"),
        np.where(codes == ord(" "), 26, 27 + codes % 5),
    )
    rows = np.repeat(np.arange(len(texts), dtype=np.intp), lens)
    counts = np.bincount(
        rows * CHAR_BUCKETS + buckets, minlength=len(texts) * CHAR_BUCKETS
    ).reshape(len(texts), CHAR_BUCKETS)
    return np.minimum(counts, 255).astype(np.uint8)  # a query may repeat a letter 255+ times


def _description_term(raw: str) -> str:
    """The stemmed content word one word of a description gives, or "" for none."""
    word = raw.strip(".,;:()[]\"'")
    if len(word) < 3 or not word.isalpha() or word in STOPWORDS:
        return ""
    return sys.intern(stem(singular(word)))


def _description_terms(description: str, term_of: dict[str, str]) -> frozenset[str]:
    """The first distinct content words of a description, stemmed.

    `term_of` remembers each word's term (`_description_term`) across the descriptions of a
    build: most words recur, and looking one up is cheaper than reading it again.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for raw in fold(description).replace("-", " ").split():
        term = term_of.get(raw)
        if term is None:
            term = term_of[raw] = _description_term(raw)
        if not term:
            continue
        if term not in seen:
            seen.add(term)
            terms.append(term)
        if len(terms) >= _DESCRIPTION_TERMS:
            break
    return frozenset(terms)


def _preferred_keys(
    keys: Sequence[str], kinds: bytearray, foreign: bytearray, owners: Sequence[int]
) -> dict[str, int]:
    """Each English preferred name that one occupation alone has, as cleaned, -> its label id.

    Typed as it is, such a name is the answer, whatever words of it a job ad would call noise
    ("early years teacher", "contract manager").
    """
    holders: dict[str, set[int]] = defaultdict(set)
    first: dict[str, int] = {}
    for label_id, (key, kind, other) in enumerate(zip(keys, kinds, foreign, strict=True)):
        if kind == 0 and not other:
            holders[key].add(owners[label_id])
            first.setdefault(key, label_id)
    return {key: first[key] for key, occs in holders.items() if len(occs) == 1}


def _job_words(lab_tokens: Sequence[tuple[str, ...]], lab_foreign: bytearray) -> list[str]:
    """Words that are, alone, an English name of an occupation: "teacher", "plumber", "nurse".

    Heads of longer labels would add words such as "executive" or "specialist" that in job ads
    mostly qualify the job named next to them ("sales executive").
    """
    return sorted(
        {
            tokens[0]
            for tokens, foreign in zip(lab_tokens, lab_foreign, strict=True)
            if len(tokens) == 1 and not foreign
        }
    )


def _major(isco_group: str) -> int:
    """ISCO major group 1-9 (0: armed forces or unknown), from a unit group code like "2512"."""
    head = (isco_group or "").strip()[:1]
    return int(head) if head.isdigit() else 0


class _PieceWords(dict[str, tuple[str, ...]]):
    """The words of each distinct piece of a label (`label_words`), read when first asked for.

    ~26,000 distinct pieces make up the ~316,000 of all label variants. The words are
    interned, so the keys of `_Labels`'s `seen` and its postings share their strings. Made
    per build and dropped with it: nothing stays behind in a serving process.
    """

    def __missing__(self, piece: str) -> tuple[str, ...]:
        words = self[piece] = tuple(map(sys.intern, label_words(piece)))
        return words


class _Labels:
    """Every distinct label variant, in label id order, and the words it holds."""

    def __init__(
        self, occupations: Sequence[OccupationRecord], labels: Iterable[LabelRecord]
    ) -> None:
        self.uri_index = {o.uri: i for i, o in enumerate(occupations)}
        ordered = sorted(
            (lab for lab in labels if lab.occupation_uri in self.uri_index and lab.label.strip()),
            key=lambda lab: (KIND_CODES.get(lab.kind, 2), _LANGUAGE_ORDER.get(lab.language, 9)),
        )
        seen: set[tuple[int, tuple[str, ...]]] = set()
        self.occ: list[int] = []
        self.kind = bytearray()
        self.text: list[str] = []
        self.tokens: list[tuple[str, ...]] = []
        self.foreign = bytearray()
        self.key: list[str] = []
        self.prefix: list[str] = []  # prefix_key(key), from the pieces split here anyway
        # Insertion order matters below: it is the order in which words were first seen.
        self.postings: dict[str, list[int]] = defaultdict(list)
        postings = self.postings
        words_of = _PieceWords().__getitem__
        for lab in ordered:
            occ = self.uri_index[lab.occupation_uri]
            kind = KIND_CODES.get(lab.kind, 2)
            foreign = lab.language != "en"
            text = lab.label.strip()
            for variant in label_variants(lab.label):
                pieces = label_pieces(variant)
                # label_tokens(variant), each distinct piece read once
                tokens = tuple(chain.from_iterable(map(words_of, pieces)))
                key = (occ, tokens)
                if not tokens or key in seen:
                    continue
                seen.add(key)
                toks = tuple(dict.fromkeys(tokens))
                label_id = len(self.text)
                self.occ.append(occ)
                self.kind.append(kind)
                self.text.append(text)
                self.key.append(variant)
                self.prefix.append(" ".join(pieces))
                self.tokens.append(toks)
                self.foreign.append(foreign)
                for tok in toks:
                    postings[tok].append(label_id)

    def occupations_with(self, word: str) -> int:
        """How many occupations have a label holding `word`, for its IDF.

        Counted when asked: a set of occupations per word, kept for the whole build, would be
        ~10 MB of its peak.
        """
        occ = self.occ
        return len({occ[label_id] for label_id in self.postings[word]})


def build_arrays(
    occupations: Sequence[OccupationRecord],
    labels: Iterable[LabelRecord],
    everyday: Mapping[str, int] | None = None,
) -> Arrays:
    """Normalise every label variant once and lay out the lookup tables as arrays.

    `everyday` counts how often people mean each occupation (the commonness prior's evidence);
    by default the shipped prior's.
    """
    found = _Labels(occupations, labels)
    n_occ = max(len(occupations), 1)
    idf = {tok: math.log(1.0 + n_occ / found.occupations_with(tok)) for tok in found.postings}
    # Words sorted by code point, which is also the order of their UTF-8 bytes: autocomplete
    # finds the words of a prefix by binary search, and their postings lie side by side.
    words = sorted(found.postings)
    word_id = {word: i for i, word in enumerate(words)}
    arrays: Arrays = {}
    pack_strings(arrays, "word", words)
    arrays["word_idf"] = np.array([idf[w] for w in words], dtype=np.float64)
    pack_rows(arrays, "postings", [found.postings[w] for w in words])
    _occupation_arrays(arrays, occupations, found, word_id, everyday)
    _label_arrays(arrays, found, idf, word_id)
    return arrays


def _occupation_arrays(
    arrays: Arrays,
    occupations: Sequence[OccupationRecord],
    found: _Labels,
    word_id: Mapping[str, int],
    everyday: Mapping[str, int] | None,
) -> None:
    """Per occupation: names, commonness, and the stems it is called and described with."""
    n = len(occupations)
    names = [0] * n
    occ_stems: list[set[str]] = [set() for _ in occupations]
    # Each word's stem once (25,000 words), not once per label it is in (280,000 times).
    word_stem = {word: sys.intern(stem(word)) for word in found.postings}
    for occ, toks in zip(found.occ, found.tokens, strict=True):
        names[occ] += 1
        occ_stems[occ].update(map(word_stem.__getitem__, toks))
    top_names = math.log1p(max(names, default=0)) or 1.0  # no labels at all: breadth 0
    breadth = [math.log1p(count) / top_names for count in names]
    depth = [1.0 if (o.code or "").count(".") > 1 else 0.0 for o in occupations]
    term_of: dict[str, str] = {}
    described = [_description_terms(o.description or "", term_of) for o in occupations]

    # One table of stems for names, descriptions and same-stem word groups. An occupation's
    # stems are stored as keys occ * len(stems) + stem id, sorted: one searchsorted call then
    # tells, for every candidate of a query at once, which query stems it holds.
    groups: dict[str, list[str]] = defaultdict(list)
    for word in found.postings:  # first-seen order: the order typo fixes are offered in
        groups[word_stem[word]].append(word)
    stems = sorted(set(groups).union(*occ_stems, *described))
    stem_id = {s: i for i, s in enumerate(stems)}
    width = len(stems)
    pack_strings(arrays, "stem", stems)
    pack_rows(
        arrays,
        "stem_group",
        [[word_id[w] for w in groups[s]] if len(groups.get(s, ())) > 1 else [] for s in stems],
    )
    holders: list[list[int]] = [[] for _ in stems]
    for occ, held in enumerate(occ_stems):  # occupations in order: each row comes out sorted
        for s in held:
            holders[stem_id[s]].append(occ)
    pack_rows(arrays, "name_occs", holders)
    owners = np.arange(n, dtype=np.int64) * width
    for name, per_occ in (("occ_name", occ_stems), ("occ_desc", described)):
        lengths = [len(terms) for terms in per_occ]
        keys = np.fromiter(
            map(stem_id.__getitem__, chain.from_iterable(per_occ)),
            dtype=np.int64,
            count=sum(lengths),
        )
        keys += np.repeat(owners, lengths)
        # One sort of all keys sorts each occupation's: its keys lie in [occ, occ + 1) * width.
        keys.sort()
        pack_flat(arrays, name, lengths, keys, dtype=np.int64)

    uris = [o.uri for o in occupations]
    pack_strings(arrays, "occ_uri", uris)
    pack_strings(arrays, "occ_label", [o.label for o in occupations])
    arrays["occ_breadth"] = np.array(breadth, dtype=np.float64)
    arrays["occ_depth"] = np.array(depth, dtype=np.float64)
    arrays["occ_major"] = np.array([_major(o.isco_group) for o in occupations], dtype=np.uint8)
    arrays["occ_prior"] = occupation_features(
        uris,
        [o.code for o in occupations],
        depth,
        breadth,
        packaged_prior().everyday if everyday is None else everyday,
    )


def _label_arrays(
    arrays: Arrays, found: _Labels, idf: Mapping[str, float], word_id: Mapping[str, int]
) -> None:
    """Per label: owner, kind, words, weights, and the whole-string and prefix search tables.

    Each of `found`'s lists is emptied once read for the last time: the tables made last are
    the largest, and the import's index worker shares its host with the import.
    """
    tokens = found.tokens
    arrays["lab_occ"] = np.array(found.occ, dtype=np.int32)
    arrays["lab_kind"] = np.array(found.kind, dtype=np.uint8)
    arrays["lab_foreign"] = np.array(found.foreign, dtype=np.uint8)
    # Rounded through float32, as the weights the confidence model was fitted on were.
    arrays["lab_weight"] = np.array(
        [sum(map(idf.__getitem__, toks)) for toks in tokens], dtype=np.float32
    ).astype(np.float64)
    lengths = [len(toks) for toks in tokens]
    arrays["lab_len"] = np.minimum(np.array(lengths, dtype=np.int64), 255).astype(np.uint8)
    arrays["lab_chars"] = np.array([len(text) for text in found.text], dtype=np.int32)
    pack_strings(arrays, "lab_text", found.text)
    found.text = []
    pack_flat(arrays, "lab_tokens", lengths, map(word_id.__getitem__, chain.from_iterable(tokens)))

    arrays["job_words"] = np.array(
        [word_id[w] for w in _job_words(tokens, found.foreign)], dtype=np.int32
    )
    buckets: dict[tuple[str, int], list[int]] = defaultdict(list)
    for word in found.postings:  # first-seen order, as the typo search scans them
        buckets[word[0], len(word)].append(word_id[word])
    pack_strings(arrays, "bucket_letter", [letter for letter, _ in buckets])
    arrays["bucket_len"] = np.array([length for _, length in buckets], dtype=np.int32)
    pack_rows(arrays, "bucket", list(buckets.values()))
    found.postings.clear()
    del buckets

    preferred = _preferred_keys(found.key, found.kind, found.foreign, found.occ)
    found.key = []
    pack_strings(arrays, "preferred", list(preferred))
    arrays["preferred_ids"] = np.array(list(preferred.values()), dtype=np.int32)

    # Whole-string fuzzy lookup (fallback.close_labels): every label's tokens joined, sorted by
    # (length, label id), so a query scans only the run of lengths that can reach the cutoff.
    # The sorts are stable over label ids in order, so sorting by the first key alone breaks
    # ties by label id, without a tuple per label.
    joined = [" ".join(toks) for toks in tokens]
    found.tokens = []
    del tokens
    lengths = [len(text) for text in joined]
    order = sorted(range(len(joined)), key=lengths.__getitem__)
    texts = [joined[i] for i in order]
    del joined, lengths
    pack_strings(arrays, "fallback", texts)
    arrays["fallback_ids"] = np.array(order, dtype=np.int32)
    arrays["fallback_lens"] = np.array([len(text) for text in texts], dtype=np.int32)
    arrays["fallback_chars"] = char_histograms(texts).reshape(len(texts), CHAR_BUCKETS)
    del texts, order

    # Autocomplete: every label's folded text, sorted (ties by label id), with its label id.
    keys = found.prefix
    order = sorted(range(len(keys)), key=keys.__getitem__)
    pack_strings(arrays, "suggest", [keys[i] for i in order])
    arrays["suggest_ids"] = np.array(order, dtype=np.int32)
