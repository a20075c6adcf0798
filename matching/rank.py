"""Score occupations for a normalised query.

Two stages. Retrieval walks the postings of the query's tokens (and of their typo corrections
and same-stem relatives) and scores every label they reach on IDF-weighted token overlap, so a
rare word like "radiographer" decides more than a common one like "assistant". Re-ranking then
adds, for the best occupations only, signals too costly to compute for all: agreement with the
occupation's description and a character-level rapidfuzz similarity of the whole title.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from matching.index import IndexData
from matching.normalise import QueryTerms, stem

# Signal weights, chosen on a random half of the development set (see docs/matching.md).
W_QUERY = 0.50  # share of the query's IDF mass found in the label
W_LABEL = 0.30  # share of the label's IDF mass found in the query
W_BOTH = 0.2  # both covers at once: the label says what the query says, no more, no less
W_EXACT = 0.10  # the label, normalised, is the query
MIN_OVERLAP = 0.3  # labels below this overlap score, exact-hit bonus included, are dropped
# Re-ranking: a linear score over the overlap score and `candidate_features`, in that order,
# fitted as a conditional logit (softmax over each title's candidates) on half A of the dev set
# (`benchmarks/match_quality.py --fit-rerank`).
RERANK_WEIGHTS: tuple[float, ...] = (
    2.03,  # overlap score of the first stage
    0.291,  # query cover
    3.368,  # label cover
    0.486,  # both covers
    -0.121,  # exact normalised hit
    -0.932,  # matched label is an alt label
    -1.464,  # ... a hidden label
    -1.245,  # ... not English
    1.083,  # score of the occupation's second-best label
    1.07,  # query words in the description
    0.344,  # rapidfuzz token_sort_ratio
    1.31,  # breadth: how many names ESCO gives the occupation
    -0.133,  # a specialisation (ESCO code below the first level)
    0.385,  # the label lacks the query's head noun
    1.737,  # share of the query some name of the occupation holds
)
MAJOR_PRIOR: tuple[float, ...] = (
    -1.579,
    -0.608,
    0.437,
    0.119,
    0.337,
    0.585,
    -1.073,
    -0.05,
    0.19,
    1.642,
)
"""Per ISCO major group (0 armed forces, 1 managers ... 9 elementary occupations): how often job
ads name such occupations, relative to one another. A skill-level prior, ten global numbers."""
KIND_FACTOR = (1.0, 0.97, 0.92)  # preferred, alt, hidden: hidden labels are odd spellings
FOREIGN_FACTOR = 0.97  # a non-English label yields to an equally good English one
SECOND_LABEL = 0.1  # share of an occupation's second-best label added to its best
STEM_QUALITY = 0.75  # credit for "marketer" when the label says "marketing"
TYPO_QUALITY = 0.85  # credit for a token reached by typo correction, times its similarity
SOFT_WEIGHT = 0.15  # weight of seniority words relative to their IDF
MINOR_WEIGHT = 0.5  # weight of words in brackets or after "cum", " - ", "@"
RERANK_DEPTH = 30  # occupations re-ranked with the costly signals
AMBIGUOUS_TYPO_LEN = 7  # below this length a typo with several equally close fixes is dropped
FALLBACK_CUTOFF = 82.0  # rapidfuzz ratio needed when no token of the query is known


@dataclass(frozen=True, slots=True)
class Scored:
    """One occupation's score and the evidence the confidence model reads."""

    occ: int
    score: float
    label_id: int
    query_cover: float
    base: float = 0.0  # the cheap overlap score, before re-ranking
    features: tuple[float, ...] = ()  # what the re-ranker read, see `candidate_features`


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranked occupations plus facts about the query itself."""

    scored: list[Scored]
    known_share: float  # share of query tokens the index knows (after typo correction)
    specificity: float  # highest IDF among the query's known content tokens
    max_idf: float  # IDF of a word only one occupation uses: the scale of `specificity`
    other_job: str | None = None  # a job word of the query the first candidate is not called by


def _max_idf(data: IndexData) -> float:
    """The IDF of a word unique to one occupation, as `build_index` computes IDF."""
    return math.log(1.0 + max(len(data.occ_uris), 1))


def _max_typo_edits(token: str) -> int:
    """Short words tolerate one slip, long ones two; below four letters a typo is a guess."""
    if len(token) < 4:
        return 0
    return 1 if len(token) < 9 else 2


def resolve(data: IndexData, token: str) -> list[tuple[str, float]]:
    """Indexed tokens a query token may stand for, each with a match quality in (0, 1]."""
    if token in data.postings:
        out = [(token, 1.0)]
        out.extend(
            (other, STEM_QUALITY)
            for other in data.stem_groups.get(stem(token), ())
            if other != token
        )
        return out
    edits = _max_typo_edits(token)
    if not edits:
        return []
    choices: list[str] = []
    for length in range(len(token) - edits, len(token) + edits + 1):
        choices.extend(data.vocab_by_len.get((token[0], length), ()))
    hits = process.extract(token, choices, scorer=OSA.distance, score_cutoff=edits, limit=3)
    if not hits:
        return []
    best = min(dist for _, dist, _ in hits)
    if len(token) < AMBIGUOUS_TYPO_LEN and sum(1 for _, dist, _ in hits if dist == best) > 1:
        return []  # "full" could be fuel, fill or fall: a guess, not a correction
    return [
        (word, TYPO_QUALITY * (1.0 - dist / max(len(token), len(word))))
        for word, dist, _ in hits
        if dist == best
    ]


def rank(data: IndexData, terms: QueryTerms, depth: int, *, whole_string: bool = True) -> Ranking:
    """Rank occupations for the query; an empty list when nothing plausible exists.

    `whole_string=False` skips the slow character-level fallback (autocomplete's budget).
    """
    if not terms.tokens:
        return Ranking([], 0.0, 0.0, _max_idf(data))
    resolved: list[tuple[float, list[tuple[str, float]]]] = []
    query_mass = 0.0
    specificity = 0.0
    known = 0
    for token in terms.tokens:
        variants = resolve(data, token)
        if not variants:
            continue
        known += 1
        top_quality = variants[0][1]
        idf = max(data.idf[word] for word, q in variants if q == top_quality)
        weight = idf * (SOFT_WEIGHT if token in terms.soft else 1.0)
        if token in terms.minor:
            weight *= MINOR_WEIGHT
        if token not in terms.soft:
            specificity = max(specificity, idf * top_quality)
        query_mass += weight
        resolved.append((weight, variants))
    known_share = known / len(terms.tokens)
    if not resolved:
        return Ranking(
            _fallback(data, terms, depth) if whole_string else [], 0.0, 0.0, _max_idf(data)
        )

    hits: dict[int, tuple[float, float]] = {}
    shared: set[int] = set()  # labels reached by two or more query tokens
    for weight, variants in resolved:
        token_hits = _token_hits(data, weight, variants)
        if not hits:
            hits = token_hits  # the first token's credits are the sums so far (0.0 + x == x)
            continue
        # Only labels reached by an earlier token need a Python-level addition; `&` on dict
        # views is a C-level set intersection that walks the smaller side.
        both = hits.keys() & token_hits.keys()
        shared |= both
        for label_id in both:
            q_hit, l_hit = hits[label_id]
            q_add, l_add = token_hits.pop(label_id)
            hits[label_id] = (q_hit + q_add, l_hit + l_add)
        hits.update(token_hits)  # the rest are new, added in C

    # Scoring is the Python-level loop; give it only the labels that can pass its cutoff.
    candidates = shared.union(
        *(
            _passing(data, word, weight * quality / query_mass, data.idf[word] * quality)
            for weight, variants in resolved
            for word, quality in variants
        )
    )
    scored = _score_labels(data, terms, hits, candidates, query_mass=query_mass, depth=depth)
    return Ranking(
        scored,
        known_share,
        specificity,
        _max_idf(data),
        _other_job(data, terms, scored[0].occ) if scored else None,
    )


def _other_job(data: IndexData, terms: QueryTerms, occ: int) -> str | None:
    """A word of the main title that is itself the name of a job no name of `occ` holds.

    "teacher plumber" ranks plumber first, but "teacher" is a job of its own: the title names
    two, and the user should say which. Words in brackets or after "cum" are left out: job ads
    put the job first and its extras after.
    """
    names = data.occ_stems[occ]
    for token in terms.tokens:
        if token in terms.soft or token in terms.minor or token not in data.job_words:
            continue
        if stem(token) not in names:
            return token
    return None


def _passing(data: IndexData, word: str, q_cover: float, label_credit: float) -> Iterable[int]:
    """Labels of `word` that could pass `_score_labels`' cutoff if reached by `word` alone.

    With the query cover fixed by the word, a label's score falls as its weight grows, so the
    labels that can pass are a prefix of the weight-ordered postings. "technician" is in ~2,000
    labels; in "maintenance technician" only the short ones among them can score on it alone.
    The bound is loosened a little so float rounding never drops a label; the cutoff re-checks.
    """
    by_weight = data.postings_by_weight.get(word)
    if by_weight is None:
        return data.postings[word]
    need = (MIN_OVERLAP - W_EXACT - W_QUERY * q_cover) / (W_LABEL + W_BOTH * q_cover)
    if need <= 0.0:
        return data.postings[word]
    ids, weights = by_weight
    return ids[: bisect_right(weights, label_credit / need * (1.0 + 1e-6))]


def _token_hits(
    data: IndexData, weight: float, variants: list[tuple[str, float]]
) -> dict[int, tuple[float, float]]:
    """Label id -> (query credit, label credit) for one query token, in first-reached order.

    A label reached through several variants takes the best quality, the earliest variant on
    ties. Every label of one variant gets the same credit pair, so `dict.fromkeys` hands it out
    in C instead of a Python loop over thousands of postings ("manager" alone has ~3,200).
    """
    postings, idf = data.postings, data.idf
    if len(variants) == 1:
        word, quality = variants[0]
        return dict.fromkeys(postings[word], (weight * quality, idf[word] * quality))
    # Keys first, in the order labels are first reached (variant order, then posting order) ...
    out = dict.fromkeys(chain.from_iterable(postings[word] for word, _ in variants))
    # ... then values from the weakest variant to the strongest (equal qualities: the latest
    # first), so the winning variant writes last; updating an existing key keeps its place.
    for i in sorted(range(len(variants)), key=lambda i: (variants[i][1], -i)):
        word, quality = variants[i]
        out.update(dict.fromkeys(postings[word], (weight * quality, idf[word] * quality)))
    return out


def _head_in_label(data: IndexData, label_id: int, terms: QueryTerms) -> float:
    """1 when the label holds the query's head noun, 0.75 for a same-stem word, else 0."""
    head = terms.head
    if head is None:
        return 1.0
    tokens = data.lab_tokens[label_id]
    if head in tokens:
        return 1.0
    head_stem = stem(head)
    return STEM_QUALITY if any(stem(t) == head_stem for t in tokens) else 0.0


def candidate_features(
    data: IndexData,
    terms: QueryTerms,
    occ: int,
    label_id: int,
    *,
    q_cover: float,
    l_cover: float,
    second: float,
    head_known: bool,
    stem_shares: tuple[tuple[str, float], ...],
) -> tuple[float, ...]:
    """Evidence that one occupation is the one meant, read by `RERANK_WEIGHTS`.

    `stem_shares` pairs each content word's stem with its share of the query's IDF mass.
    """
    kind = data.lab_kind[label_id]
    tokens = data.lab_tokens[label_id]
    exact = float(q_cover >= 0.999 and l_cover >= 0.999 and tokens == terms.tokens)
    query_stems = terms.stems
    desc = data.occ_desc[occ]
    desc_share = sum(1 for s in query_stems if s in desc) / len(query_stems) if query_stems else 0.0
    chars = fuzz.token_sort_ratio(terms.text, " ".join(tokens)) / 100.0
    head = _head_in_label(data, label_id, terms) if head_known else 1.0
    return (
        q_cover,
        l_cover,
        q_cover * l_cover,
        exact,
        float(kind == 1),
        float(kind == 2),
        float(data.lab_foreign[label_id]),
        second,
        desc_share,
        chars,
        data.occ_breadth[occ],
        data.occ_depth[occ],
        1.0 - head,
        _names_cover(data.occ_stems[occ], stem_shares),
    )


def _names_cover(names: tuple[str, ...], stem_shares: tuple[tuple[str, float], ...]) -> float:
    """Share of the query's IDF mass that some name of the occupation holds, across all labels.

    "frontend web developer" splits over two labels of one occupation: no single label covers
    the query, the occupation does.
    """
    return sum(share for word, share in stem_shares if word in names)


def _stem_shares(data: IndexData, terms: QueryTerms) -> tuple[tuple[str, float], ...]:
    """(stem, share of IDF mass) for the query's content words the index knows."""
    content = [t for t in terms.tokens if t not in terms.soft]
    weights = [data.idf.get(t, 0.0) for t in content]
    total = sum(weights)
    if not total:
        return ()
    return tuple((stem(t), w / total) for t, w in zip(content, weights, strict=True) if w)


def _score_labels(
    data: IndexData,
    terms: QueryTerms,
    hits: dict[int, tuple[float, float]],
    candidates: set[int],
    *,
    query_mass: float,
    depth: int,
) -> list[Scored]:
    """Best label per occupation on cheap signals, then re-rank the head of the list.

    `hits` maps a label id to (query weight it covers, label IDF it covers); only the
    `candidates` among them can pass the cutoff. They are scored in label-id order, which breaks
    ties, as in every sort below.
    """
    best: dict[int, tuple[float, int, float, float]] = {}
    second: dict[int, float] = {}
    # Locals and plain lists (see IndexData): this loop runs once per label reached.
    lab_occ, lab_kind, lab_weight = data.lab_occ, data.lab_kind, data.lab_weight
    lab_foreign = data.lab_foreign
    kind_factor = KIND_FACTOR
    text_tokens = terms.tokens
    best_get, second_get = best.get, second.get
    for label_id in sorted(candidates):
        hit, label_hit = hits[label_id]
        q_cover = hit / query_mass
        l_cover = label_hit / lab_weight[label_id]
        l_cover = 1.0 if l_cover > 1.0 else l_cover  # min(1.0, l_cover) without the call
        score = W_QUERY * q_cover + W_LABEL * l_cover + W_BOTH * q_cover * l_cover
        if score + W_EXACT < MIN_OVERLAP:
            continue
        if l_cover >= 0.999 and q_cover >= 0.999 and data.lab_tokens[label_id] == text_tokens:
            score += W_EXACT
        score *= kind_factor[lab_kind[label_id]]
        if lab_foreign[label_id]:
            score *= FOREIGN_FACTOR
        occ = lab_occ[label_id]
        prev = best_get(occ)
        if prev is None:
            best[occ] = (score, label_id, q_cover, l_cover)
        elif prev[0] < score:
            best[occ] = (score, label_id, q_cover, l_cover)
            second[occ] = prev[0]
        elif second_get(occ, 0.0) < score:
            second[occ] = score
    ordered = sorted(
        best.items(),
        key=lambda item: item[1][0] + SECOND_LABEL * second.get(item[0], 0.0),
        reverse=True,
    )
    top = ordered[: max(depth, RERANK_DEPTH)]
    head_known = terms.head is not None and terms.head in data.postings
    stem_shares = _stem_shares(data, terms)
    weights = RERANK_WEIGHTS
    out: list[Scored] = []
    for occ, (score, label_id, q_cover, l_cover) in top:
        base = score + SECOND_LABEL * second.get(occ, 0.0)
        feats = candidate_features(
            data,
            terms,
            occ,
            label_id,
            q_cover=q_cover,
            l_cover=l_cover,
            second=second.get(occ, 0.0),
            head_known=head_known,
            stem_shares=stem_shares,
        )
        final = weights[0] * base + MAJOR_PRIOR[data.occ_major[occ]]
        final += sum(w * f for w, f in zip(weights[1:], feats, strict=True))
        out.append(Scored(occ, final, label_id, q_cover, base, feats))
    out.sort(key=lambda s: s.score, reverse=True)
    return out[:depth]


def _fallback(data: IndexData, terms: QueryTerms, depth: int) -> list[Scored]:
    """When no word is known ("webdeveloper"), compare whole strings character by character."""
    text = terms.text
    # fuzz.ratio is 100 * (1 - indel / (len_a + len_b)) and indel >= |len_a - len_b|, so only
    # labels of a length near the query's can reach the cutoff. The texts are sorted by length:
    # that run is one contiguous slice, bounded with a margin (the scorer re-checks exactly).
    share = (FALLBACK_CUTOFF - 1.0) / 100.0
    lo = bisect_left(data.fallback_lens, math.floor(len(text) * share / (2.0 - share)))
    hi = bisect_right(data.fallback_lens, math.ceil(len(text) * (2.0 - share) / share))
    ids = data.fallback_ids
    hits = process.extract(
        text,
        data.fallback_texts[lo:hi],
        scorer=fuzz.ratio,
        score_cutoff=FALLBACK_CUTOFF,
        limit=None,
    )
    # The slice is in length order; restore what a scan in label-id order returns: best ratio
    # first, then the lower label id, cut at the same limit.
    found = sorted(((ratio, ids[lo + pos]) for _, ratio, pos in hits), key=lambda h: (-h[0], h[1]))
    best: dict[int, Scored] = {}
    for ratio, label_id in found[: depth * 4]:
        occ = data.lab_occ[label_id]
        score = 0.75 * ratio / 100.0 * KIND_FACTOR[data.lab_kind[label_id]]
        if occ not in best or best[occ].score < score:
            best[occ] = Scored(occ, score, label_id, 0.0, score)
    return sorted(best.values(), key=lambda s: s.score, reverse=True)[:depth]
