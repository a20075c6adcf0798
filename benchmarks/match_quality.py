"""Match quality on real job-ad titles (JobBERT dev set), against a naive rapidfuzz baseline.

The dev set is split once, at random with a fixed seed, into a tuning half and a held-out half.
Weights and thresholds in matching/ were chosen looking at the tuning half only; the held-out
half stands in for the unseen test set. Labels are silver (tagged automatically), so absolute
figures understate the matcher: read them as a comparison.

    python benchmarks/match_quality.py                # both halves + baseline on a sample
    python benchmarks/match_quality.py --fit-rerank   # refit the re-ranking weights on half A
    python benchmarks/match_quality.py --calibrate    # refit the confidence model on half A
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process, utils

from matching import LabelRecord, MatchIndex, MatchStatus, OccupationRecord

DEV_CSV = Path(__file__).resolve().parent.parent.parent / "shared/data/jobtitles/jobbert_dev.csv"
SEED = 20240604


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


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting; the systems here are 6 by 6."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[col][col]:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] if a[i][i] else 0.0 for i in range(n)]


def fit_logistic(rows: Sequence[tuple[float, ...]], labels: Sequence[int]) -> list[float]:
    """Newton-Raphson logistic regression with a little ridge, no numpy needed."""
    k = len(rows[0])
    beta = [0.0] * k
    for _ in range(25):
        grad = [0.0] * k
        hess = [[1e-3 if i == j else 0.0 for j in range(k)] for i in range(k)]
        for x, y in zip(rows, labels, strict=True):
            z = max(-30.0, min(30.0, sum(b * v for b, v in zip(beta, x, strict=True))))
            p = 1.0 / (1.0 + math.exp(-z))
            w = p * (1.0 - p)
            for i in range(k):
                grad[i] += (y - p) * x[i]
                for j in range(k):
                    hess[i][j] += w * x[i] * x[j]
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta


def calibrate(index: MatchIndex, half: Sequence[tuple[str, str]]) -> None:
    """Fit the confidence model on the tuning half and print a threshold sweep."""
    from matching import confidence, rank
    from matching.normalise import query_terms

    data = index._data
    depth = max(confidence.SOFTMAX_DEPTH, 6)
    rows, labels, rankings = [], [], []
    for title, uri in half:
        ranking = rank.rank(data, query_terms(title), depth=depth)
        if confidence.decide(ranking).status == "no_match":
            continue
        rows.append(confidence.features(ranking))
        labels.append(int(data.occ_uris[ranking.scored[0].occ] == uri))
        rankings.append(ranking)
    beta = fit_logistic(rows, labels)
    print("COEFFICIENTS =", tuple(round(b, 3) for b in beta))
    probs = [confidence.top_confidence(r, beta) for r in rankings]
    print("calibration (predicted vs observed, by decile):")
    order = sorted(range(len(probs)), key=probs.__getitem__)
    for d in range(10):
        part = order[d * len(order) // 10 : (d + 1) * len(order) // 10]
        print(
            f"  {sum(probs[i] for i in part) / len(part):.2f}  "
            f"{sum(labels[i] for i in part) / len(part):.2f}"
        )
    print("threshold  answered_share  precision   (share of the whole half)")
    for t in (0.2, 0.25, 0.28, 0.3, 0.32, 0.35, 0.4, 0.45, 0.5):
        chosen = [i for i, p in enumerate(probs) if p >= t]
        prec = sum(labels[i] for i in chosen) / len(chosen) if chosen else math.nan
        print(f"  {t:.2f}      {len(chosen) / len(half):.3f}          {prec:.3f}")


def fit_rerank(index: MatchIndex, half: Sequence[tuple[str, str]], l2: float = 1.0) -> None:
    """Refit the re-ranking weights as a conditional logit over each title's candidates.

    Needs numpy (a development tool only, not a dependency of the matcher): pip install numpy.
    Prints RERANK_WEIGHTS and MAJOR_PRIOR for matching/rank.py; refit the confidence model
    (--calibrate) after pasting them.
    """
    try:
        import numpy as np
    except ImportError as exc:
        raise SystemExit("--fit-rerank needs numpy: pip install numpy") from exc
    from matching import rank
    from matching.normalise import query_terms

    data = index._data
    groups = []
    for title, uri in half:
        ranking = rank.rank(data, query_terms(title), depth=rank.RERANK_DEPTH)
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
        help="refit the confidence model on half A and print coefficients",
    )
    parser.add_argument(
        "--fit-rerank",
        action="store_true",
        help="refit the re-ranking weights on half A (needs numpy) and print them",
    )
    args = parser.parse_args()

    occupations, labels = load_inputs()
    started = time.perf_counter()
    index = MatchIndex.build(occupations, labels)
    print(
        f"index: {len(index)} occupations, {len(labels)} labels, "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    half_a, half_b = split_halves(load_dev(args.dev))

    if args.fit_rerank:
        fit_rerank(index, half_a)
        return
    if args.calibrate:
        calibrate(index, half_a)
        return

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


if __name__ == "__main__":
    main()
