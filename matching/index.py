"""The in-memory search structures over every label of every occupation.

Built once per ESCO release from the store's records. Everything the ranker needs per query is
a dictionary lookup or a short scan here, so a match costs about a millisecond instead of the
tens of milliseconds a fuzzy scan over ~90,000 label strings would take.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.normalise import (
    STOPWORDS,
    fold,
    label_tokens,
    label_variants,
    singular,
    stem,
)
from matching.prior import occupation_features, packaged_prior
from matching.types import LabelKind, LabelRecord, OccupationRecord

KIND_CODES: dict[LabelKind, int] = {"preferred": 0, "alt": 1, "hidden": 2}
_LANGUAGE_ORDER = {"en": 0, "de": 1, "fr": 2, "es": 3}
_DESCRIPTION_TERMS = 60
"""Description words kept per occupation: enough to tell a cook from a chef de partie."""


@dataclass(slots=True)
class IndexData:
    """Parallel arrays over label variants, plus token-level lookup tables.

    Arrays instead of one object per label keep the full four-language index near 50 MB.
    """

    occ_uris: list[str]
    occ_labels: list[str]
    occ_desc: list[frozenset[str]]  # stems of description words
    occ_breadth: list[float]  # 0..1, how many names an occupation goes by (commonness)
    occ_major: bytearray  # ISCO major group (first digit of the unit group), 0 when unknown
    occ_depth: list[float]  # 0 for an occupation right under its ISCO group, 1 for a specialisation
    # Stems of every label token: what the occupation is called. Tuples, not sets: ~20 short
    # strings each, scanned a few times per query, at a sixth of a set's memory.
    occ_stems: list[tuple[str, ...]]
    name_occs: dict[str, npt.NDArray[np.int32]]  # the same, inverted: stem -> occupation ids
    uri_index: dict[str, int]
    lab_occ: list[int]  # label id -> occupation id (a list: indexing an array boxes a new int)
    lab_kind: bytearray  # label id -> KIND_CODES value
    lab_text: list[str]  # label id -> the label as ESCO writes it
    lab_tokens: list[tuple[str, ...]]  # label id -> content tokens
    lab_foreign: bytearray  # label id -> 1 when not English, the language most users type
    # token -> label ids containing it, ascending. numpy arrays, like the label columns below:
    # the ranker adds up and scores every label a query reaches ("technician" alone is in
    # ~2,000) in C, not one by one in Python.
    postings: dict[str, npt.NDArray[np.int32]]
    lab_occ_arr: npt.NDArray[np.int32]
    lab_kind_arr: npt.NDArray[np.uint8]
    lab_foreign_arr: npt.NDArray[np.bool_]
    lab_weight: npt.NDArray[np.float64]  # label id -> summed IDF of its tokens
    lab_len_arr: npt.NDArray[np.uint8]  # label id -> how many content tokens it has
    occ_prior: npt.NDArray[np.float64]  # occupation id -> `prior.OCCUPATION_FEATURES` row
    idf: dict[str, float]
    job_words: frozenset[str]  # words that alone are an English name of an occupation
    stem_groups: dict[str, tuple[str, ...]]  # stem -> indexed tokens sharing it
    vocab_by_len: dict[tuple[str, int], list[str]]  # (first letter, length) -> tokens

    # Whole-string fuzzy lookup (fallback.close_labels): every label's tokens joined, sorted by
    # (length, label id), so a query scans only the run of lengths that can reach the cutoff.
    fallback_texts: list[str]
    fallback_ids: list[int]  # label id of each entry of fallback_texts
    fallback_lens: npt.NDArray[np.int32]  # length of each entry of fallback_texts, ascending
    fallback_chars: npt.NDArray[np.uint8]  # `char_histograms` of fallback_texts, row by row
    lab_key: list[str]  # label id -> the cleaned label variant, for prefix search
    # cleaned English preferred label -> its label id, for names only one occupation has
    preferred_keys: dict[str, int]
    # token -> where it leads (reach.Reach), filled as queries come; reach bounds its size.
    reach_cache: dict[str, Any] = field(default_factory=dict)


def _description_terms(description: str) -> frozenset[str]:
    """The first distinct content words of a description, stemmed."""
    terms: list[str] = []
    seen: set[str] = set()
    for raw in fold(description).replace("-", " ").split():
        word = raw.strip(".,;:()[]\"'")
        if len(word) < 3 or not word.isalpha() or word in STOPWORDS:
            continue
        term = sys.intern(stem(singular(word)))
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


def _job_words(lab_tokens: Sequence[tuple[str, ...]], lab_foreign: bytearray) -> frozenset[str]:
    """Words that are, alone, an English name of an occupation: "teacher", "plumber", "nurse".

    Heads of longer labels would add words such as "executive" or "specialist" that in job ads
    mostly qualify the job named next to them ("sales executive").
    """
    return frozenset(
        tokens[0]
        for tokens, foreign in zip(lab_tokens, lab_foreign, strict=True)
        if len(tokens) == 1 and not foreign
    )


def _major(isco_group: str) -> int:
    """ISCO major group 1-9 (0: armed forces or unknown), from a unit group code like "2512"."""
    head = (isco_group or "").strip()[:1]
    return int(head) if head.isdigit() else 0


CHAR_BUCKETS = 32
"""a-z, the space, and five shared buckets for every other character."""


def char_histograms(texts: Sequence[str]) -> npt.NDArray[np.uint8]:
    """How many characters of each text fall in each bucket: one row per text.

    Two strings share at most, bucket by bucket, the smaller of their counts as common
    characters, so the rows bound rapidfuzz's ratio from above for a whole batch at once.
    Buckets that lump characters together only loosen the bound, never break it.
    """
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


def _fallback_tables(lab_tokens: Sequence[tuple[str, ...]]) -> dict[str, Any]:
    """Joined label tokens sorted by length (ties by label id), with their ids and lengths."""
    order = sorted(range(len(lab_tokens)), key=lambda i: (len(" ".join(lab_tokens[i])), i))
    # Joined afresh in scan order, so neighbouring strings sit next to each other in memory: the
    # fuzzy scan touches every string of its slice, and scattered ones cost cache misses.
    texts = [" ".join(lab_tokens[i]) for i in order]
    return {
        "fallback_texts": texts,
        "fallback_ids": order,
        "fallback_lens": np.array([len(text) for text in texts], dtype=np.int32),
        "fallback_chars": char_histograms(texts),
    }


def build_index(
    occupations: Sequence[OccupationRecord],
    labels: Iterable[LabelRecord],
    everyday: Mapping[str, int] | None = None,
) -> IndexData:
    """Normalise every label variant once and lay out the lookup tables.

    `everyday` counts how often people mean each occupation (the commonness prior's evidence);
    by default the shipped prior's.
    """
    occ_uris = [o.uri for o in occupations]
    uri_index = {uri: i for i, uri in enumerate(occ_uris)}
    ordered = sorted(
        (lab for lab in labels if lab.occupation_uri in uri_index and lab.label.strip()),
        key=lambda lab: (KIND_CODES.get(lab.kind, 2), _LANGUAGE_ORDER.get(lab.language, 9)),
    )
    seen: set[tuple[int, tuple[str, ...]]] = set()
    lab_occ: list[int] = []
    lab_kind = bytearray()
    lab_text: list[str] = []
    lab_tokens: list[tuple[str, ...]] = []
    lab_foreign = bytearray()
    lab_key: list[str] = []
    postings_lists: dict[str, list[int]] = defaultdict(list)
    occ_terms: dict[str, set[int]] = defaultdict(set)
    for lab in ordered:
        occ = uri_index[lab.occupation_uri]
        for variant in label_variants(lab.label):
            tokens = label_tokens(variant)
            key = (occ, tuple(tokens))
            if not tokens or key in seen:
                continue
            seen.add(key)
            toks = tuple(sys.intern(t) for t in dict.fromkeys(tokens))
            label_id = len(lab_text)
            lab_occ.append(occ)
            lab_kind.append(KIND_CODES.get(lab.kind, 2))
            lab_text.append(lab.label.strip())
            lab_key.append(variant)
            lab_tokens.append(toks)
            lab_foreign.append(lab.language != "en")
            for tok in toks:
                postings_lists[tok].append(label_id)
                occ_terms[tok].add(occ)
    n_occ = max(len(occ_uris), 1)
    idf = {tok: math.log(1.0 + n_occ / len(occs)) for tok, occs in occ_terms.items()}
    # Rounded through float32, as the weights the confidence model was fitted on were.
    lab_weight = np.array(
        [sum(idf[t] for t in toks) for toks in lab_tokens], dtype=np.float32
    ).astype(np.float64)
    stem_lists: dict[str, list[str]] = defaultdict(list)
    vocab_by_len: dict[tuple[str, int], list[str]] = defaultdict(list)
    for tok in postings_lists:
        stem_lists[stem(tok)].append(tok)
        vocab_by_len[tok[0], len(tok)].append(tok)
    names = [0] * len(occ_uris)
    occ_stems: list[set[str]] = [set() for _ in occ_uris]
    for occ, toks in zip(lab_occ, lab_tokens, strict=True):
        names[occ] += 1
        occ_stems[occ].update(sys.intern(stem(t)) for t in toks)
    top_names = math.log1p(max(names, default=0)) or 1.0  # no labels at all: breadth 0
    breadth = [math.log1p(n) / top_names for n in names]
    depth = [1.0 if (o.code or "").count(".") > 1 else 0.0 for o in occupations]
    name_lists: dict[str, list[int]] = defaultdict(list)
    for occ, found in enumerate(occ_stems):
        for word in found:
            name_lists[word].append(occ)
    return IndexData(
        occ_uris=occ_uris,
        occ_breadth=breadth,
        occ_major=bytearray(_major(o.isco_group) for o in occupations),
        occ_depth=depth,
        occ_stems=[tuple(sorted(found)) for found in occ_stems],
        name_occs={word: np.array(occs, dtype=np.int32) for word, occs in name_lists.items()},
        occ_labels=[o.label for o in occupations],
        occ_desc=[_description_terms(o.description or "") for o in occupations],
        uri_index=uri_index,
        lab_occ=lab_occ,
        lab_kind=lab_kind,
        lab_text=lab_text,
        lab_tokens=lab_tokens,
        lab_foreign=lab_foreign,
        postings={tok: np.array(ids, dtype=np.int32) for tok, ids in postings_lists.items()},
        lab_occ_arr=np.array(lab_occ, dtype=np.int32),
        lab_kind_arr=np.array(lab_kind, dtype=np.uint8),
        lab_foreign_arr=np.array(lab_foreign, dtype=np.bool_),
        lab_weight=lab_weight,
        lab_len_arr=np.array([min(len(t), 255) for t in lab_tokens], dtype=np.uint8),
        occ_prior=occupation_features(
            occ_uris,
            [o.code for o in occupations],
            depth,
            breadth,
            packaged_prior().everyday if everyday is None else everyday,
        ),
        idf=idf,
        job_words=_job_words(lab_tokens, lab_foreign),
        stem_groups={s: tuple(toks) for s, toks in stem_lists.items() if len(toks) > 1},
        vocab_by_len=dict(vocab_by_len),
        **_fallback_tables(lab_tokens),
        lab_key=lab_key,
        preferred_keys=_preferred_keys(lab_key, lab_kind, lab_foreign, lab_occ),
    )
