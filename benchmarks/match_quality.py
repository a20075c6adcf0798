"""Match quality on real job-ad titles (JobBERT dev set), against a naive rapidfuzz baseline.

The dev set is split once, at random with a fixed seed, into a tuning half and a held-out half.
Weights and thresholds in matching/ were chosen looking at the tuning half only; the held-out
half stands in for the unseen test set. Labels are silver (tagged automatically), so absolute
figures understate the matcher: read them as a comparison.

    python benchmarks/match_quality.py                # both halves + baseline on a sample
    python benchmarks/match_quality.py --fit-rerank   # refit the re-ranking weights on half A
    python benchmarks/match_quality.py --calibrate    # refit the booster and confidence model
    python benchmarks/match_quality.py --fit-prior    # refit the commonness prior (everyday fit)

Every run also scores the everyday title set (tests/matching/everyday, both halves) and, unless
`--previous ""`, the previous release's matcher (git revision PREVIOUS) on the same held-out
titles, run from that revision's `matching/` package in a subprocess.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# --matching-from DIR: import the previous release's matcher from DIR, for the comparison.
sys.path.insert(
    0,
    sys.argv[sys.argv.index("--matching-from") + 1]
    if "--matching-from" in sys.argv
    else sys.path[0],
)

import numpy as np
from rapidfuzz import fuzz, process, utils

from matching import LabelRecord, MatchIndex, MatchStatus, OccupationRecord
from matching.trees import TreeEnsemble

REPO = Path(__file__).resolve().parent.parent
DEV_CSV = Path(__file__).resolve().parent.parent.parent / "shared/data/jobtitles/jobbert_dev.csv"
SEED = 20240604
PREVIOUS = "bcfacac"
"""The last release before the everyday-title work (issue 12): its matcher is the baseline."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One title's ranked URIs and whether the matcher committed to the first."""

    ranked: tuple[str, ...]
    answered: bool


def load_inputs() -> tuple[list[OccupationRecord], list[LabelRecord]]:
    """Occupations and labels of the full bundle (en+fr+de+es), read through the product store."""
    try:
        from benchmarks._data import full_store
    except ImportError as exc:  # pragma: no cover - depends on the lead's store helper
        raise SystemExit(f"benchmarks/_data.py with full_store() is missing: {exc}") from exc
    return full_store().match_inputs()


def load_dev(path: Path) -> list[tuple[str, str]]:
    """(title, conceptUri) rows; quoted fields may hold commas, so read with csv."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["vacancyTitle"], row["conceptUri"]) for row in csv.DictReader(handle)]


def split_halves(rows: Sequence[tuple[str, str]]) -> tuple[list, list]:
    """A fixed random split: half A for tuning, half B held out."""
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = len(order) // 2
    return [rows[i] for i in order[:cut]], [rows[i] for i in order[cut:]]


def metrics(outcomes: Sequence[Outcome], gold: Sequence[str]) -> dict[str, float]:
    """Top-1, MRR@10, recall@5/10, abstention rate, precision of committed answers."""
    n = len(gold)
    top1 = mrr = r5 = r10 = answered = answered_right = 0.0
    for out, uri in zip(outcomes, gold, strict=True):
        ranked = out.ranked[:10]
        if uri in ranked:
            pos = ranked.index(uri) + 1
            mrr += 1.0 / pos
            top1 += pos == 1
            r5 += pos <= 5
            r10 += 1
        if out.answered:
            answered += 1
            answered_right += bool(ranked) and ranked[0] == uri
    return {
        "n": n,
        "top1": top1 / n,
        "mrr@10": mrr / n,
        "recall@5": r5 / n,
        "recall@10": r10 / n,
        "abstain": 1.0 - answered / n,
        "precision_answered": answered_right / answered if answered else math.nan,
    }


def run_matcher(index: MatchIndex, titles: Sequence[str]) -> list[Outcome]:
    """Ranked URIs of the product matcher; the ranking is kept even when it abstains."""
    outcomes = []
    for title in titles:
        result = index.match(title, top=10)
        outcomes.append(
            Outcome(tuple(c.uri for c in result.candidates), result.status is MatchStatus.MATCH)
        )
    return outcomes


def naive_matcher(labels: Sequence[LabelRecord]) -> Callable[[str], Outcome]:
    """Plain rapidfuzz WRatio over every label string, best label per occupation."""
    uris_of: dict[str, list[str]] = {}
    for lab in labels:
        uris_of.setdefault(lab.label, []).append(lab.occupation_uri)
    choices = list(uris_of)

    def match(title: str) -> Outcome:
        ranked: list[str] = []
        hits = process.extract(
            title, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=60
        )
        for label, _, _ in hits:
            for uri in uris_of[label]:
                if uri not in ranked:
                    ranked.append(uri)
        return Outcome(tuple(ranked[:10]), True)

    return match


FOLDS = 5
BOOSTER_SETTINGS = {
    "max_iter": 150,
    "learning_rate": 0.1,
    "max_leaf_nodes": 31,
    "max_depth": 6,
    "early_stopping": False,
    "random_state": 0,
}
CONFIDENCE_SETTINGS = {
    "n_estimators": 60,
    "max_leaf_nodes": 8,
    "learning_rate": 0.1,
    "random_state": 0,
}


TrainingRows = list[tuple[list[tuple[float, ...]], list[bool]]]
"""Per title: the booster's rows for its first candidates, and which candidate is the tag."""


EVERYDAY_WEIGHT = 5.0
"""Weight of one everyday fitting title against one job-ad title in the confidence model.

Real users type everyday titles; job ads are the larger set (7,731 against the few hundred
everyday titles the name rules leave to the model), so each everyday title counts five times.
The booster stays fitted on job ads alone: fitted on both it cost a point of top-1 on the
job-ad held-out half, and ranking long noisy titles is what the job ads teach well.
"""

Tagged = tuple[str, frozenset[str]]
"""A title and every occupation URI that counts as right for it."""


def calibrate(
    index: MatchIndex,
    half: Sequence[tuple[str, str]],
    held_out: Sequence[tuple[str, str]],
    everyday: Sequence[Tagged] = (),
) -> None:
    """Fit the booster and the confidence model on the tuning half, write both, print sweeps.

    `everyday` (the everyday set's fitting half) joins the job-ads with `EVERYDAY_WEIGHT`.
    Needs scikit-learn (a fitting tool only, not a dependency of the matcher):
    pip install -e '.[fit]'. The sweeps read confidences no model fitted: out-of-fold ones for
    the tuning half, the shipped models' for the held-out half.
    """
    try:
        from sklearn.ensemble import GradientBoostingClassifier
        from sklearn.model_selection import cross_val_predict
    except ImportError as exc:
        raise SystemExit("--calibrate needs scikit-learn: pip install -e '.[fit]'") from exc
    from matching import confidence, rank

    tagged = [(title, frozenset([uri])) for title, uri in half] + list(everyday)
    weight = np.array([1.0] * len(half) + [EVERYDAY_WEIGHT] * len(everyday))
    training = booster_training_rows(index, tagged)
    shipped_booster = fit_booster(training, np.arange(len(half)))
    write_json(rank.BOOSTER_FILE, shipped_booster)
    x, y, allowed, row_weight, from_dev = stacked_confidence_rows(
        index, tagged, training, weight, len(half)
    )
    fitted = GradientBoostingClassifier(**CONFIDENCE_SETTINGS).fit(x, y, sample_weight=row_weight)
    shipped_confidence = confidence_document(fitted, x.shape[1])
    write_json(confidence.MODEL_FILE, shipped_confidence)
    probs = cross_val_predict(
        GradientBoostingClassifier(**CONFIDENCE_SETTINGS),
        x,
        y,
        cv=FOLDS,
        method="predict_proba",
        params={"sample_weight": row_weight},
    )[:, 1]
    print("calibration, out of fold (predicted vs observed, by decile):")
    for part in np.array_split(np.argsort(probs), 10):
        print(f"  {probs[part].mean():.2f}  {y[part].mean():.2f}")
    tuning = Sweep(probs[from_dev], y[from_dev], allowed[from_dev], len(half))
    held = held_out_sweep(
        index,
        held_out,
        TreeEnsemble.from_dict(shipped_booster, rank.BOOSTER_FEATURES),
        TreeEnsemble.from_dict(shipped_confidence, confidence.FEATURE_NAMES),
    )
    for name, sweep in (("A, out of fold", tuning), ("B", held), ("A + B", tuning + held)):
        print(f"{name}: threshold, answered share, precision, margins in standard errors")
        print(f"  threshold keeping both targets by the widest margin: {sweep.report():.3f}")


def booster_training_rows(index: MatchIndex, half: Sequence[Tagged]) -> TrainingRows:
    """The booster learns to reorder the linear ranking, so its rows come from that ranking."""
    from matching import rank
    from matching.normalise import query_terms

    data = index._data
    per_title: TrainingRows = []
    for title, uris in half:
        ranking = rank.rank(
            data, query_terms(title), depth=rank.RERANK_DEPTH, trees=rank.NO_BOOSTER
        )
        scored = [s for s in ranking.scored if s.features]
        rows = rank.booster_rows(scored, ranking.specificity_share)
        per_title.append((rows, [data.occ_uris[s.occ] in uris for s in scored[: len(rows)]]))
    return per_title


def fit_booster(training: TrainingRows, titles: np.ndarray) -> dict[str, Any]:
    """Fit on the rows of `titles` and return the model file's content, checked for drift.

    A tree export that sent one row down another branch would change rankings silently, so
    the exported trees must give scikit-learn's own log-odds on every training row.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    from matching import rank

    chosen = [training[i] for i in titles if training[i][0]]
    x = np.array([row for rows, _ in chosen for row in rows], dtype=np.float64)
    y = np.array([hit for _, hits in chosen for hit in hits])
    fitted = HistGradientBoostingClassifier(**BOOSTER_SETTINGS).fit(x, y)
    document = booster_document(fitted)
    trees = TreeEnsemble.from_dict(document, rank.BOOSTER_FEATURES)
    drift = float(np.abs(trees.log_odds(x) - fitted.decision_function(x)).max())
    if drift > 1e-9:
        raise SystemExit(f"the exported booster disagrees with scikit-learn by {drift}")
    return document


def confidence_rows(
    index: MatchIndex, pairs: Sequence[Tagged], booster: TreeEnsemble
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the confidence model learns from, per plausible title ranked with `booster`.

    Its features, whether the first candidate is the tag, and whether the abstention rules let
    that candidate be given; and which of `pairs` each row is. Titles the name rules answer
    (`matching.names`) never reach the confidence model, so they are left out.
    """
    from matching import confidence, rank
    from matching.names import name_evidence
    from matching.normalise import query_terms

    data = index._data
    rows, right, allowed, which = [], [], [], []
    for i, (title, uris) in enumerate(pairs):
        terms = query_terms(title)
        if name_evidence(data, terms, index._prior) is not None:
            continue
        ranking = rank.rank(data, terms, depth=rank.RERANK_DEPTH, trees=booster)
        if not confidence.plausible(ranking):
            continue
        rows.append(confidence.features(ranking))
        right.append(int(data.occ_uris[ranking.scored[0].occ] in uris))
        allowed.append(confidence.may_answer(ranking))
        which.append(i)
    return np.array(rows), np.array(right), np.array(allowed), np.array(which, dtype=np.intp)


def stacked_confidence_rows(
    index: MatchIndex,
    tagged: Sequence[Tagged],
    training: TrainingRows,
    weight: np.ndarray,
    dev_titles: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`confidence_rows` of each title as ranked by a booster fitted on the other folds.

    Ranked by the booster fitted on all of the half, a title would look easier than a new one
    (the booster has seen its tag), and the confidence model would learn to trust it too much.
    Also returns each row's weight and whether it is a job-ad title (the first `dev_titles`).
    """
    from matching import rank

    titles = np.arange(len(tagged))
    folds = titles % FOLDS
    np.random.default_rng(SEED).shuffle(folds)
    parts = []
    for fold in range(FOLDS):
        members = titles[folds == fold]
        job_ads = titles[(folds != fold) & (titles < dev_titles)]
        booster = TreeEnsemble.from_dict(fit_booster(training, job_ads), rank.BOOSTER_FEATURES)
        x, right, allowed, which = confidence_rows(index, [tagged[i] for i in members], booster)
        parts.append((x, right, allowed, members[which]))
    x, right, allowed, origin = (np.concatenate(column) for column in zip(*parts, strict=True))
    return x, right, allowed, weight[origin], origin < dev_titles


@dataclass(frozen=True)
class Sweep:
    """Confidences no model was fitted on, to choose the answer threshold with."""

    probs: np.ndarray
    right: np.ndarray
    allowed: np.ndarray  # the abstention rules let the first candidate be given
    titles: int  # the half's size, plausible or not

    def __add__(self, other: Sweep) -> Sweep:
        return Sweep(
            np.concatenate([self.probs, other.probs]),
            np.concatenate([self.right, other.right]),
            np.concatenate([self.allowed, other.allowed]),
            self.titles + other.titles,
        )

    def report(self) -> float:
        """Print answered share and precision per threshold; return the safest threshold.

        Abstain <= 50% and precision >= 0.5 are both targets: how far inside each a threshold
        keeps the titles, in that figure's own sampling noise, tells one that keeps both.
        """
        best = (-math.inf, 0.0)
        for t in np.round(np.arange(0.18, 0.32, 0.005), 3):
            chosen = (self.probs >= t) & self.allowed
            answered = chosen.sum() / self.titles
            prec = self.right[chosen].mean() if chosen.any() else math.nan
            abstain_margin = (answered - 0.5) / math.sqrt(0.25 / self.titles)
            precision_margin = (prec - 0.5) / math.sqrt(0.25 / max(chosen.sum(), 1))
            best = max(best, (min(abstain_margin, precision_margin), float(t)))
            print(
                f"  {t:.3f}  {answered:.3f}  {prec:.3f}  "
                f"{abstain_margin:+5.1f} {precision_margin:+5.1f}"
            )
        return best[1]


def held_out_sweep(
    index: MatchIndex,
    half: Sequence[tuple[str, str]],
    booster: TreeEnsemble,
    trees: TreeEnsemble,
) -> Sweep:
    """The fitted models' confidences on the held-out half, as `top_confidence` gives them."""
    x, right, allowed, _ = confidence_rows(
        index, [(title, frozenset([uri])) for title, uri in half], booster
    )
    probs = 1.0 / (1.0 + np.exp(-np.clip(trees.log_odds(x), -30.0, 30.0)))
    return Sweep(probs, right, allowed, len(half))


def booster_document(fitted: Any) -> dict[str, Any]:
    """scikit-learn's histogram-boosted trees as plain lists (leaf values hold the rate)."""
    from matching import rank

    trees = []
    for (predictor,) in fitted._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": [int(f) for f in nodes["feature_idx"]],
                "threshold": [float(t) for t in nodes["num_threshold"]],
                "left": [
                    -1 if leaf else int(n)
                    for leaf, n in zip(nodes["is_leaf"], nodes["left"], strict=True)
                ],
                "right": [int(n) for n in nodes["right"]],
                "value": [float(v) for v in nodes["value"]],
            }
        )
    return {
        "about": "log-odds that a candidate is the tagged occupation; "
        "written by benchmarks/match_quality.py --calibrate",
        "features": list(rank.BOOSTER_FEATURES),
        "learning_rate": 1.0,
        "prior": float(np.ravel(fitted._baseline_prediction)[0]),
        "trees": trees,
    }


def confidence_document(fitted: Any, n_features: int) -> dict[str, Any]:
    """scikit-learn's fitted trees as plain lists for `matching.trees.TreeEnsemble` to walk."""
    from matching import confidence

    trees = [
        {
            "feature": [int(f) for f in tree.feature],
            "threshold": [round(float(t), 6) for t in tree.threshold],
            "left": [int(n) for n in tree.children_left],
            "right": [int(n) for n in tree.children_right],
            "value": [round(float(v), 6) for v in tree.value[:, 0, 0]],
        }
        for tree in (estimator.tree_ for (estimator,) in fitted.estimators_)
    ]
    # The log-odds the boosting starts from (the base rate), as scikit-learn computes it.
    prior = float(fitted._raw_predict_init(np.zeros((1, n_features)))[0, 0])
    return {
        "about": "P(first candidate right); written by benchmarks/match_quality.py --calibrate",
        "features": list(confidence.FEATURE_NAMES),
        "learning_rate": fitted.learning_rate,
        "prior": round(prior, 6),
        "trees": trees,
    }


def write_json(name: str, document: dict[str, Any]) -> None:
    """Write a model file into the `matching` package."""
    import matching

    path = Path(matching.__file__).with_name(name)
    path.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def fit_rerank(index: MatchIndex, half: Sequence[tuple[str, str]], l2: float = 1.0) -> None:
    """Refit the re-ranking weights as a conditional logit over each title's candidates.

    Prints RERANK_WEIGHTS and MAJOR_PRIOR for matching/rank.py; refit the confidence model
    (--calibrate) after pasting them.
    """
    from matching import rank
    from matching.normalise import query_terms

    data = index._data
    groups = []
    for title, uri in half:
        ranking = rank.rank(
            data, query_terms(title), depth=rank.RERANK_DEPTH, trees=rank.NO_BOOSTER
        )
        scored = [s for s in ranking.scored if s.features]
        gold = np.array([data.occ_uris[s.occ] == uri for s in scored])
        if not gold.any():
            continue
        rows = []
        for s in scored:
            major = [0.0] * 10
            major[data.occ_major[s.occ]] = 1.0
            rows.append((s.base, *s.features, *major))
        groups.append((np.array(rows), gold))

    def loglik(w: np.ndarray) -> float:
        total = -0.5 * l2 * float(w @ w)
        for x, y in groups:
            z = x @ w
            top = z.max()
            total += z[y].mean() - top - math.log(np.exp(z - top).sum())
        return total

    k = groups[0][0].shape[1]
    w = np.zeros(k)
    current = loglik(w)
    for _ in range(40):
        grad, hess = -l2 * w, l2 * np.eye(k)
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad += x[y].mean(0) - mean
            hess += (x * p[:, None]).T @ x - np.outer(mean, mean)
        step, t = np.linalg.solve(hess, grad), 1.0
        while t > 1e-4 and loglik(w + t * step) < current:
            t /= 2
        w = w + t * step
        new = loglik(w)
        if abs(new - current) < 1e-4:
            break
        current = new
    print("RERANK_WEIGHTS =", tuple(round(float(v), 3) for v in w[: k - 10]))
    print("MAJOR_PRIOR =", tuple(round(float(v), 3) for v in w[k - 10 :]))


def report(name: str, values: dict[str, float]) -> None:
    """One aligned line per run."""
    cells = "  ".join(
        f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}"
        for key, value in values.items()
    )
    print(f"{name:<28} {cells}")


def previous_release(revision: str) -> None:
    """The held-out figures of `revision`'s matcher, printed by a subprocess that imports it."""
    import io
    import subprocess
    import tarfile
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", revision, "matching"],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        print(f"--- previous release ({revision}), same held-out titles ---")
        subprocess.run(
            [sys.executable, __file__, "--held-out-only", "--previous", "", "--matching-from", tmp],
            check=True,
        )


def main() -> None:
    """Build the index once, score both halves, then the baseline on a sample of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_CSV)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=1500,
        help="titles per half for the slow naive baseline (0: skip, -1: all)",
    )
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="refit the booster and the confidence model on half A, print threshold sweeps",
    )
    parser.add_argument(
        "--fit-rerank",
        action="store_true",
        help="refit the re-ranking weights on half A (needs numpy) and print them",
    )
    parser.add_argument(
        "--fit-prior",
        action="store_true",
        help="refit the commonness prior on the everyday fitting half (needs scipy)",
    )
    parser.add_argument(
        "--previous",
        default=PREVIOUS,
        help="git revision whose matcher is scored beside this one ('' to skip)",
    )
    parser.add_argument("--matching-from", help=argparse.SUPPRESS)
    parser.add_argument("--held-out-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    occupations, labels = load_inputs()
    started = time.perf_counter()
    index = MatchIndex.build(occupations, labels)
    print(
        f"index: {len(index)} occupations, {len(labels)} labels, "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    half_a, half_b = split_halves(load_dev(args.dev))
    from benchmarks import everyday as ev
    from matching.prior import PRIOR_FILE
    from tests.matching.everyday import load

    if args.fit_prior:
        write_json(PRIOR_FILE, ev.fit_prior(index, load("fit")))
        return
    if args.held_out_only:  # what the previous release's subprocess prints
        report(
            "B (held out)",
            metrics(run_matcher(index, [t for t, _ in half_b]), [u for _, u in half_b]),
        )
        ev.print_figures("held-out half", ev.evaluate(index, load("held_out")))
        return
    if args.fit_rerank:
        fit_rerank(index, half_a)
        return
    if args.calibrate:
        calibrate(index, half_a, half_b, ev.tagged(index, load("fit")))
        return

    ev.print_figures("fitting half (in-sample)", ev.evaluate(index, load("fit")))
    ev.print_figures("held-out half", ev.evaluate(index, load("held_out")))
    ev.exact_labels(index, labels)
    for name, half in (("A (tuning)", half_a), ("B (held out)", half_b)):
        started = time.perf_counter()
        outcomes = run_matcher(index, [t for t, _ in half])
        took = time.perf_counter() - started
        report(f"willai {name}", metrics(outcomes, [u for _, u in half]))
        print(f"{'':<28} {len(half)} titles in {took:.1f} s")
    if args.baseline_sample:
        naive = naive_matcher(labels)
        for name, half in (("A", half_a), ("B", half_b)):
            sample = half if args.baseline_sample < 0 else half[: args.baseline_sample]
            ours = run_matcher(index, [t for t, _ in sample])
            theirs = [naive(t) for t, _ in sample]
            gold = [u for _, u in sample]
            report(f"willai    sample {name}", metrics(ours, gold))
            report(f"naive     sample {name}", metrics(theirs, gold))
    if args.previous:
        previous_release(args.previous)


if __name__ == "__main__":
    main()
