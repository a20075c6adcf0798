"""Match quality on real job-ad titles (JobBERT dev set), against a naive rapidfuzz baseline.

The dev set is split once, at random with a fixed seed, into a tuning half and a held-out half.
Weights and thresholds in matching/ were chosen looking at the tuning half only; the held-out
half stands in for the unseen test set. Labels are silver (tagged automatically), so absolute
figures understate the matcher: read them as a comparison.

    python benchmarks/match_quality.py          # both halves + baseline on a sample
    python benchmarks/match_quality.py --refit  # refit all four models (benchmarks/fitting.py)

Every run also scores the everyday title set (tests/matching/everyday, both halves) and, unless
`--previous ""`, the previous release's matcher (git revision PREVIOUS) on the same held-out
titles, run from that revision's `matching/` package in a subprocess.
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
# --matching-from DIR: import the previous release's matcher from DIR, for the comparison.
sys.path.insert(
    0,
    sys.argv[sys.argv.index("--matching-from") + 1]
    if "--matching-from" in sys.argv
    else sys.path[0],
)
from rapidfuzz import fuzz, process, utils

from matching import LabelRecord, MatchIndex, MatchStatus, OccupationRecord

REPO = Path(__file__).resolve().parent.parent
DEV_CSV = Path(__file__).resolve().parent.parent.parent / "shared/data/jobtitles/jobbert_dev.csv"
SEED = 20240604
PREVIOUS = "ed513c4"
"""The previous session's last commit: its matcher is scored beside this one, in the same run."""
UNPROBED = "held-out half, titles not in tests/matching/probes.csv"


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
        "--refit",
        action="store_true",
        help="refit all four models on the fitting halves, write them, print what changed "
        "(needs LightGBM and scikit-learn: pip install -e '.[fit]')",
    )
    parser.add_argument(
        "--previous",
        default=PREVIOUS,
        help="git revision whose matcher is scored beside this one ('' to skip)",
    )
    parser.add_argument(
        "--exceptions",
        type=Path,
        help="write every exact label not answered as its own occupation to this CSV file",
    )
    parser.add_argument("--matching-from", help=argparse.SUPPRESS)
    parser.add_argument("--held-out-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    occupations, labels = load_inputs()
    half_a, half_b = split_halves(load_dev(args.dev))
    from benchmarks import everyday as ev
    from tests.matching.everyday import load

    if args.refit:
        from benchmarks.fitting import Halves, refit

        halves = Halves(half_a, half_b, load("fit"), load("held_out"), args.dev)
        refit(lambda prior: MatchIndex.build(occupations, labels, prior), halves)
        return
    started = time.perf_counter()
    index = MatchIndex.build(occupations, labels)
    print(
        f"index: {len(index)} occupations, {len(labels)} labels, "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    if args.held_out_only:  # what the previous release's subprocess prints
        report(
            "B (held out)",
            metrics(run_matcher(index, [t for t, _ in half_b]), [u for _, u in half_b]),
        )
        ev.print_figures("held-out half", ev.evaluate(index, load("held_out")))
        ev.print_figures(UNPROBED, ev.evaluate(index, ev.not_probed(load("held_out"))))
        return
    ev.print_figures("fitting half (in-sample)", ev.evaluate(index, load("fit")))
    ev.print_figures("held-out half", ev.evaluate(index, load("held_out")))
    ev.print_figures(UNPROBED, ev.evaluate(index, ev.not_probed(load("held_out"))))
    ev.exact_labels(index, labels, args.exceptions)
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
