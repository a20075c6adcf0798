"""Semantic evidence from wordllama as an extra re-ranking feature: an experiment (issue 12).

    .venv/bin/pip install wordllama                # not a dependency of willai: an experiment
    python -m benchmarks.semantic_rerank            # fitting halves only, with and without
    python -m benchmarks.semantic_rerank --held-out # the single final run, choices frozen

wordllama ships its 256-dimension token embeddings (16 MB, float16) inside its wheel: no
download and no torch at run time. A title or label is the mean of its tokens' vectors. For
each title, the matcher's first `POOL` candidates, as the shipped pipeline ranks them, get
three numbers: the best cosine between the query and any label of the occupation (every
language), the best over its English labels, and the cosine with its English preferred label.

Two ways of using them, each tried with the query and labels as the matcher normalises them
("normalised": abbreviations spelled out, noise dropped, plurals folded) and as typed ("raw"):

* `logit`: a conditional logit (softmax over a title's candidates) over the shipped final
  score and the three numbers. Only the ratio of each semantic weight to the score's weight
  is used: score + sum(ratio * similarity) orders the candidates as the fitted logit does and
  keeps the scores on the scale the confidence model and the answer margin read;
* `booster`: the learned re-ranker refitted with the three numbers added to its features
  (LightGBM, the shipped settings), replacing the shipped one.

Everything is chosen on the fitting halves: job-ad half A out of fold (5 folds; each fold's
titles ranked by a booster fitted on the other four, as the confidence model's stacking does,
so the semantic weight is not fitted against the booster's in-sample optimism), and the
everyday fitting half, which no semantic weight is fitted on. The held-out halves (job-ad half
B, everyday held_out.csv) are scored only with `--held-out`, as aggregate figures through the
benchmarks' own evaluation functions. Label embeddings are cached in `CACHE` (not the repo).

The pipeline is hooked, not changed: `matching.matcher.rank` is swapped for a function that
ranks as shipped and then re-ranks, for the duration of one evaluation.

Outcome (2026-12-04, at 712b909; the single `--held-out` run has been made, do not repeat it
to tune): raw/logit gains +0.3 point of top-1 on job-ad half B and +0.5 point of first right
on the everyday held-out half, far from the 2 points the issue asks, at +0.4 ms of match p99.
Not shipped; docs/matching.md records it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from benchmarks._timing import percentiles
from benchmarks.everyday import evaluate
from benchmarks.fitting import (
    BOOSTER_SETTINGS,
    FOLDS,
    _newton_logit,
    fit_booster,
    tree_parameters,
)
from benchmarks.match_quality import (
    DEV_CSV,
    SEED,
    load_dev,
    load_inputs,
    metrics,
    run_matcher,
    split_halves,
)
from matching import MatchIndex, matcher, rank
from matching.features import BOOSTER_FEATURES
from matching.index import IndexData
from matching.normalise import QueryTerms, fold, query_terms
from matching.rank import Ranking, Scored
from matching.trees import TreeEnsemble
from tests.matching.everyday import load

CACHE = Path("/tmp/sem")  # noqa: S108 - a scratch cache the brief names, outside the repo
"""Label embeddings, keyed by the label texts and the wordllama version (never the repo)."""
POOL = 20
"""Candidates of the shipped ranking that the semantic evidence re-ranks."""
SEM_FEATURES = ("sem_all", "sem_en", "sem_preferred")
TEXTS = ("normalised", "raw")
CHOSEN = ("raw", "logit")
"""The variant the held-out run reports, frozen before it: of the four, the best out-of-fold
MRR@10 on job-ad half A (0.4095 against 0.4055 without) that costs the everyday fitting half
nothing (first right 0.9449 against 0.9437)."""


# ---------------------------------------------------------------------------------------------
# the model and the embeddings


def load_wordllama() -> Any:
    """The default wordllama model (l2_supercat, 256 dimensions), from the wheel, offline.

    Imported here, not at the top: willai does not depend on it. `WordLlama.load()` as shipped
    looks for its tokenizer in `wordllama/tokenizer/` while the wheel puts it in
    `wordllama/tokenizers/`, so it tries Hugging Face; pointing the cache at the package folder
    finds both files there, and `disable_download` makes a miss an error instead of a fetch.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


class Embedder:
    """Mean of the tokens' vectors, unit length: what `WordLlamaInference.embed` computes.

    One title at a time without wordllama's batching and padding, which cost more than the
    arithmetic for a single short text.
    """

    def __init__(self, model: Any) -> None:
        self._tokenizer = model.tokenizer
        self._vectors: npt.NDArray[np.float32] = model.embedding
        self.dim = int(self._vectors.shape[1])

    def one(self, text: str) -> npt.NDArray[np.float32]:
        ids = self._tokenizer.encode(text, add_special_tokens=False).ids
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        vector = self._vectors[np.minimum(ids, len(self._vectors) - 1)].mean(axis=0)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def many(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.one(text)
        return out


def label_texts(data: IndexData, text: str) -> list[str]:
    """Every label variant's text as the query side of `text` is written."""
    if text == "normalised":
        return [" ".join(data.lab_tokens[i]) for i in range(len(data.lab_text))]
    return [fold(data.lab_text[i]) for i in range(len(data.lab_text))]


def query_text(terms: QueryTerms, text: str) -> str:
    """The query as the matcher normalises it, or as typed (cleaned and folded)."""
    return terms.text if text == "normalised" else terms.typed


def cached_embeddings(embedder: Embedder, texts: Sequence[str], name: str) -> np.ndarray:
    """`embedder.many(texts)`, from `CACHE` when the same texts were embedded before."""
    from importlib import metadata

    key = hashlib.sha256(
        "\n".join([metadata.version("wordllama"), *texts]).encode("utf-8")
    ).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    vectors = embedder.many(texts)
    np.save(path, vectors)
    return vectors


@dataclass(frozen=True)
class Semantic:
    """Per occupation, its labels' unit vectors; scores a query against candidates."""

    embedder: Embedder
    text: str
    labels: npt.NDArray[np.float32]  # per label variant, grouped by occupation (see `at`)
    english: npt.NDArray[np.bool_]  # per row of `labels`
    at: npt.NDArray[np.intp]  # occupation o's rows are labels[at[o]:at[o + 1]]
    preferred: npt.NDArray[np.float32]  # per occupation, its English preferred label

    @classmethod
    def build(cls, data: IndexData, embedder: Embedder, text: str) -> Semantic:
        vectors = cached_embeddings(embedder, label_texts(data, text), f"labels-{text}")
        order = np.argsort(data.lab_occ_arr, kind="stable")
        at = np.searchsorted(data.lab_occ_arr[order], np.arange(len(data.occ_uris) + 1))
        # The English preferred label's first variant (a gendered pair is indexed twice).
        english_preferred = (data.lab_kind_arr[order] == 0) & ~data.lab_foreign_arr[order]
        first = [
            int(at[o]) + int(np.argmax(english_preferred[at[o] : at[o + 1]]))
            for o in range(len(data.occ_uris))
        ]
        labels = np.ascontiguousarray(vectors[order])
        return cls(
            embedder,
            text,
            labels,
            ~data.lab_foreign_arr[order],
            at.astype(np.intp),
            np.ascontiguousarray(labels[first]),
        )

    def features(self, terms: QueryTerms, occs: Sequence[int]) -> npt.NDArray[np.float64]:
        """`SEM_FEATURES` per candidate occupation: rows in the order of `occs`."""
        query = self.embedder.one(query_text(terms, self.text))
        starts, ends = self.at[occs], self.at[np.asarray(occs) + 1]
        rows = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        sims = self.labels[rows] @ query
        offsets = np.concatenate([[0], np.cumsum(ends - starts)[:-1]])
        best = np.maximum.reduceat(sims, offsets)
        best_en = np.maximum.reduceat(np.where(self.english[rows], sims, -1.0), offsets)
        return np.column_stack([best, best_en, self.preferred[occs] @ query]).astype(np.float64)


# ---------------------------------------------------------------------------------------------
# re-rankers and the hook


Rerank = Callable[[IndexData, QueryTerms, Ranking], Ranking]


def _resorted(
    data: IndexData, terms: QueryTerms, ranking: Ranking, scored: list[Scored]
) -> Ranking:
    scored.sort(key=lambda s: s.score, reverse=True)
    other = rank._other_job(data, terms, scored[0].occ) if scored else None
    return replace(ranking, scored=scored, other_job=other)


def logit_rerank(semantic: Semantic, ratios: npt.NDArray[np.float64]) -> Rerank:
    """Add `ratios` . similarities to the shipped scores of the first `POOL` candidates."""

    def rerank(data: IndexData, terms: QueryTerms, ranking: Ranking) -> Ranking:
        scored = ranking.scored[:POOL]
        extra = semantic.features(terms, [s.occ for s in scored]) @ ratios
        moved = [replace(s, score=s.score + float(e)) for s, e in zip(scored, extra, strict=True)]
        return _resorted(data, terms, ranking, moved)

    return rerank


SEM_BOOSTER_FEATURES = (*BOOSTER_FEATURES, *SEM_FEATURES)


def booster_rerank(semantic: Semantic, trees: TreeEnsemble) -> Rerank:
    """`rank._boost` with a booster that also reads the similarities; `ranking` is linear."""

    def rerank(data: IndexData, terms: QueryTerms, ranking: Ranking) -> Ranking:
        scored = ranking.scored
        rows = rank.booster_rows(scored, ranking.specificity_share)
        sem = semantic.features(terms, [s.occ for s in scored[: len(rows)]])
        learned = trees.log_odds(np.column_stack([np.array(rows), sem])).tolist()
        learned += [min(learned)] * (len(scored) - len(learned))
        boosted = [
            replace(s, score=s.score + rank.BOOST_WEIGHT * odds, learned=odds)
            for s, odds in zip(scored, learned, strict=True)
        ]
        return _resorted(data, terms, ranking, boosted)

    return rerank


@contextmanager
def hooked(
    trees: TreeEnsemble | None, rerank: Rerank | None, *, linear: bool = False
) -> Iterator[None]:
    """`MatchIndex.match` ranks with `trees` (None: shipped) and then `rerank`, meanwhile.

    `linear` hands `rerank` the linear ranking (no booster, all `RERANK_DEPTH` candidates),
    for a re-ranker that is a booster itself. Only rankings of known words are re-ranked, as
    only those are boosted.
    """
    original = matcher.rank

    def ranked(
        data: IndexData, terms: QueryTerms, depth: int, *, whole_string: bool = True
    ) -> Ranking:
        wanted = rank.RERANK_DEPTH if linear else max(depth, POOL)
        use = rank.NO_BOOSTER if linear else trees
        found = original(data, terms, wanted, whole_string=whole_string, trees=use)
        if rerank is not None and found.scored and found.scored[0].features is not None:
            found = rerank(data, terms, found)
        return replace(found, scored=found.scored[:depth])

    matcher.rank = ranked  # type: ignore[assignment]
    try:
        yield
    finally:
        matcher.rank = original


# ---------------------------------------------------------------------------------------------
# fitting half A, out of fold


@dataclass
class Title:
    """One half-A title's evidence, gathered once."""

    linear_rows: list[tuple[float, ...]]  # booster rows of the linear ranking's first ten
    linear_hits: list[bool]
    linear_sem: dict[str, np.ndarray]  # per text variant, SEM_FEATURES of those ten
    ranked_hits: list[bool] | None = None  # the out-of-fold shipped-style ranking's POOL
    ranked_scores: list[float] | None = None
    ranked_sem: dict[str, np.ndarray] | None = None


def gather_linear(
    index: MatchIndex, half: Sequence[tuple[str, str]], semantic: dict[str, Semantic]
) -> list[Title]:
    """Per title, the booster's training rows (as `fitting.booster_training_rows` makes them)."""
    data = index._data
    titles = []
    for title, uri in half:
        terms = query_terms(title)
        ranking = rank.rank(data, terms, depth=rank.RERANK_DEPTH, trees=rank.NO_BOOSTER)
        scored = [s for s in ranking.scored if s.features]
        rows = rank.booster_rows(scored, ranking.specificity_share)
        occs = [s.occ for s in scored[: len(rows)]]
        sem = {
            name: s.features(terms, occs) if occs else np.zeros((0, 3))
            for name, s in semantic.items()
        }
        hits = [data.occ_uris[o] == uri for o in occs]
        titles.append(Title(rows, hits, sem))
    return titles


def folds_of(n: int) -> np.ndarray:
    """The fold of each title: the same assignment `fitting.stacked_rows` makes."""
    folds = np.arange(n) % FOLDS
    np.random.default_rng(SEED).shuffle(folds)
    return folds


def fit_sem_booster(titles: Sequence[Title], members: np.ndarray, text: str) -> TreeEnsemble:
    """The learned re-ranker's settings, fitted on its rows plus the similarities."""
    from lightgbm import LGBMClassifier

    chosen = [titles[i] for i in members if titles[i].linear_rows]
    x = np.vstack([np.column_stack([np.array(t.linear_rows), t.linear_sem[text]]) for t in chosen])
    y = np.array([hit for t in chosen for hit in t.linear_hits])
    fitted = LGBMClassifier(**BOOSTER_SETTINGS).fit(x, y)
    return TreeEnsemble.from_parameters(SEM_BOOSTER_FEATURES, tree_parameters(fitted))


def gather_ranked(
    index: MatchIndex,
    half: Sequence[tuple[str, str]],
    members: np.ndarray,
    trees: TreeEnsemble,
    *,
    titles: list[Title],
    semantic: dict[str, Semantic],
) -> None:
    """The shipped-style ranking's first `POOL` of each member, by a booster that never saw it."""
    data = index._data
    for i in members:
        title, uri = half[i]
        terms = matcher._read(title)[1]
        scored = rank.rank(data, terms, depth=POOL, trees=trees).scored
        if not scored or scored[0].features is None:
            scored = []
        occs = [s.occ for s in scored]
        titles[i].ranked_hits = [data.occ_uris[o] == uri for o in occs]
        titles[i].ranked_scores = [s.score for s in scored]
        titles[i].ranked_sem = {
            name: s.features(terms, occs) if occs else np.zeros((0, 3))
            for name, s in semantic.items()
        }


def fit_ratios(titles: Sequence[Title], members: np.ndarray, text: str) -> np.ndarray:
    """The conditional logit over [score, similarities]; each similarity's weight / score's."""
    groups = []
    for i in members:
        t = titles[i]
        hits = np.array(t.ranked_hits or [], dtype=bool)
        if len(hits) < 2 or not hits.any():
            continue
        x = np.column_stack([np.array(t.ranked_scores), t.ranked_sem[text]])  # type: ignore[index]
        groups.append((x, hits))
    w = _newton_logit(groups)
    if w[0] <= 0:
        raise SystemExit(f"the score's weight came out {w[0]:.3f}: the logit is not usable")
    return w[1:] / w[0]


def oof_outcomes(
    index: MatchIndex,
    half: Sequence[tuple[str, str]],
    folds: np.ndarray,
    per_fold: Callable[[int], tuple[TreeEnsemble | None, Rerank | None, bool]],
) -> list[Any]:
    """`run_matcher` over half A, each fold's titles matched with its own hooked models."""
    outcomes: list[Any] = [None] * len(half)
    for fold_id in range(FOLDS):
        members = np.flatnonzero(folds == fold_id)
        trees, rerank, linear = per_fold(fold_id)
        with hooked(trees, rerank, linear=linear):
            found = run_matcher(index, [half[i][0] for i in members])
        for i, outcome in zip(members, found, strict=True):
            outcomes[i] = outcome
    return outcomes


def show(name: str, values: dict[str, float]) -> None:
    keys = ("top1", "mrr@10", "recall@10", "abstain", "precision_answered")
    print(f"  {name:<34} " + "  ".join(f"{k}={values[k]:.4f}" for k in keys))


def show_everyday(name: str, figures: dict[str, dict[str, float]]) -> None:
    f = figures["all"]
    cells = "  ".join(f"{k}={f[k]:.4f}" for k in ("first", "answered", "precision", "no_match"))
    print(f"  {name:<34} n={int(f['n'])}  {cells}")


# ---------------------------------------------------------------------------------------------
# speed


def timing(index: MatchIndex, semantic: Semantic, rerank: Rerank, queries: int) -> None:
    """Per title: the semantic step alone (embed + similarities + re-sort), and whole matches.

    Titles drawn as `match_speed` draws them (seed 7, from the whole dev file: no labels are
    read), those whose ranking the step re-ranks (known words). The three timings take turns
    per title, so machine load hits them alike.
    """
    titles = [t for t, _ in load_dev(DEV_CSV)]
    rng = random.Random(7)
    sample = [rng.choice(titles) for _ in range(queries)]
    data = index._data
    prepared = []
    for title in sample:
        terms = matcher._read(title)[1]
        ranking = rank.rank(data, terms, depth=POOL)
        if ranking.scored and ranking.scored[0].features is not None:
            prepared.append((title, terms, ranking))
    step, plain, with_sem = [], [], []
    for _ in range(2):  # warm-up round, then the timed one
        step.clear()
        plain.clear()
        with_sem.clear()
        for title, terms, ranking in prepared:
            started = time.perf_counter()
            rerank(data, terms, ranking)
            step.append(time.perf_counter() - started)
            started = time.perf_counter()
            index.match(title, top=10)
            plain.append(time.perf_counter() - started)
            with hooked(None, rerank):
                started = time.perf_counter()
                index.match(title, top=10)
                with_sem.append(time.perf_counter() - started)
    for name, samples in (
        ("semantic step alone", step),
        ("match, shipped", plain),
        ("match, with semantic", with_sem),
    ):
        p50, p99 = percentiles(samples)
        print(f"  {name:<22} p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   ({len(samples)} titles)")


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="also score the held-out halves, with and without the chosen variant (once)",
    )
    parser.add_argument("--timing-queries", type=int, default=2000)
    args = parser.parse_args()

    started = time.perf_counter()
    model = load_wordllama()
    print(
        f"wordllama: {model.embedding.shape[0]} tokens x {model.embedding.shape[1]} dims, "
        f"{model.embedding.nbytes / 1e6:.1f} MB in memory, loaded in "
        f"{time.perf_counter() - started:.2f} s"
    )
    embedder = Embedder(model)
    occupations, labels = load_inputs()
    index = MatchIndex.build(occupations, labels)
    data = index._data
    started = time.perf_counter()
    semantic = {text: Semantic.build(data, embedder, text) for text in TEXTS}
    some = semantic[TEXTS[0]]
    print(
        f"label vectors: {some.labels.shape[0]} labels ({int(some.english.sum())} English), "
        f"{some.labels.nbytes / 1e6:.1f} MB float32 per text variant, ready in "
        f"{time.perf_counter() - started:.1f} s"
    )
    half_a, half_b = split_halves(load_dev(DEV_CSV))
    folds = folds_of(len(half_a))

    # Half A: the booster's rows, fold boosters with and without the similarities, and the
    # shipped-style out-of-fold rankings the logit learns from.
    started = time.perf_counter()
    titles = gather_linear(index, half_a, semantic)
    training = [(t.linear_rows, t.linear_hits) for t in titles]
    everything = np.arange(len(half_a))
    _, full = fit_booster(training, everything)
    probe = np.vstack([np.array(t.linear_rows) for t in titles[:300] if t.linear_rows])
    drift = float(np.abs(full.log_odds(probe) - rank.booster().log_odds(probe)).max())
    print(f"booster refitted on all of A vs shipped file: max log-odds drift {drift:.2e}")
    fold_trees: dict[int, TreeEnsemble] = {}
    for fold_id in range(FOLDS):
        others = np.flatnonzero(folds != fold_id)
        _, fold_trees[fold_id] = fit_booster(training, others)
        members = np.flatnonzero(folds == fold_id)
        gather_ranked(index, half_a, members, fold_trees[fold_id], titles=titles, semantic=semantic)
    print(f"half A gathered and fold boosters fitted in {time.perf_counter() - started:.0f} s")

    gold_a = [uri for _, uri in half_a]
    print("job ads, half A, out of fold (each fold's booster fitted on the other four):")
    baseline = metrics(
        oof_outcomes(index, half_a, folds, lambda f: (fold_trees[f], None, False)), gold_a
    )
    show("without semantic", baseline)
    results: dict[tuple[str, str], dict[str, float]] = {}
    final: dict[tuple[str, str], Rerank] = {}
    final_linear: dict[tuple[str, str], bool] = {}
    for text in TEXTS:
        ratios = {f: fit_ratios(titles, np.flatnonzero(folds != f), text) for f in range(FOLDS)}
        spread = np.array(list(ratios.values()))
        results[text, "logit"] = metrics(
            oof_outcomes(
                index,
                half_a,
                folds,
                lambda f, r=ratios, t=text: (fold_trees[f], logit_rerank(semantic[t], r[f]), False),
            ),
            gold_a,
        )
        all_ratios = fit_ratios(titles, everything, text)
        show(f"logit, {text}", results[text, "logit"])
        low, high = np.round(spread.min(0), 3).tolist(), np.round(spread.max(0), 3).tolist()
        print(
            f"    ratios {SEM_FEATURES} on all of A: {np.round(all_ratios, 3).tolist()}; "
            f"fold range {low}..{high}"
        )
        final[text, "logit"] = logit_rerank(semantic[text], all_ratios)
        final_linear[text, "logit"] = False

        sem_trees = {
            f: fit_sem_booster(titles, np.flatnonzero(folds != f), text) for f in range(FOLDS)
        }
        results[text, "booster"] = metrics(
            oof_outcomes(
                index,
                half_a,
                folds,
                lambda f, b=sem_trees, t=text: (None, booster_rerank(semantic[t], b[f]), True),
            ),
            gold_a,
        )
        show(f"booster + similarities, {text}", results[text, "booster"])
        final[text, "booster"] = booster_rerank(
            semantic[text], fit_sem_booster(titles, everything, text)
        )
        final_linear[text, "booster"] = True

    print("everyday fitting half (no semantic weight is fitted on it; shipped booster):")
    fit_rows = load("fit")
    show_everyday("without semantic", evaluate(index, fit_rows))
    for key, rerank_ in final.items():
        with hooked(None, rerank_, linear=final_linear[key]):
            show_everyday(f"{key[1]}, {key[0]}", evaluate(index, fit_rows))

    print(f"extra cost per title, chosen variant {CHOSEN} (ms):")
    if final_linear[CHOSEN]:
        print("  (a booster variant replaces the booster: only whole matches compare)")
    timing(index, semantic[CHOSEN[0]], final[CHOSEN], args.timing_queries)

    if not args.held_out:
        return
    print(f"=== held-out halves, once: without vs {CHOSEN} (fitted on all of A) ===")
    titles_b, gold_b = [t for t, _ in half_b], [u for _, u in half_b]
    held = load("held_out")
    show("job ads half B, without", metrics(run_matcher(index, titles_b), gold_b))
    with hooked(None, final[CHOSEN], linear=final_linear[CHOSEN]):
        show("job ads half B, with", metrics(run_matcher(index, titles_b), gold_b))
    show_everyday("everyday held-out, without", evaluate(index, held))
    with hooked(None, final[CHOSEN], linear=final_linear[CHOSEN]):
        show_everyday("everyday held-out, with", evaluate(index, held))
    print("(answered / precision use the shipped confidence model, not refitted on the feature)")


if __name__ == "__main__":
    main()
