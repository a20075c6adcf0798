"""Validate the scoring model against the ILO 2025 generative-AI exposure index.

Reads ESCO through the product (benchmarks._data.full_store) and the ILO table from the shared
data, then reports, per ISCO-08 unit group:

* Spearman's rho between the mean overall score and ILO ``mean_score_2025`` (target >= 0.85),
  and the same for each factor;
* the mean overall score per ILO exposure gradient (``potential25``), which must rise with
  the gradient;
* for comparison, the crude baseline: the mean of hand-set per-group susceptibility alone.

Run: .venv/bin/python -m benchmarks.validate_scores
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from benchmarks._data import SHARED_DATA, full_store, require_shared_data
from scoring import OccupationScore, score_release
from scoring.skill_attributes import group_baseline
from scoring.types import Occupation, Skill

ILO_TABLE = SHARED_DATA / "exposure" / "ilo_genai_2025" / "ilo_genai_exposure_isco08_4digit.csv"
GRADIENTS = (
    "Not Exposed",
    "Minimal Exposure",
    "Exposed: Gradient 1",
    "Exposed: Gradient 2",
    "Exposed: Gradient 3",
    "Exposed: Gradient 4",
)
TARGET_RHO = 0.85


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (ties share the mean of their positions)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2
        i = j + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson on average ranks)."""
    rx, ry = ranks(x), ranks(y)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    den = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return num / den


def read_ilo(path: Path = ILO_TABLE) -> dict[str, dict[str, str]]:
    """ILO rows keyed by ISCO-08 unit group."""
    with path.open(newline="", encoding="utf-8") as f:
        return {row["ISCO_08"]: row for row in csv.DictReader(f)}


def crude_baseline(
    occupations: Sequence[Occupation], skills: Mapping[str, Skill]
) -> dict[str, float]:
    """Per occupation: mean hand-set group susceptibility, essential and optional alike."""
    out = {}
    for o in occupations:
        values = [
            group_baseline(skills[u]).susceptibility
            for u in (*o.essential, *o.optional)
            if u in skills
        ]
        out[o.uri] = statistics.fmean(values) if values else 0.0
    return out


def by_group(
    occupations: Sequence[Occupation], value: Callable[[Occupation], float]
) -> dict[str, float]:
    """Mean of ``value`` per ISCO-08 unit group."""
    groups: dict[str, list[float]] = defaultdict(list)
    for o in occupations:
        groups[o.isco_group].append(value(o))
    return {g: statistics.fmean(v) for g, v in groups.items()}


def report(
    occupations: Sequence[Occupation],
    scores: Mapping[str, OccupationScore],
    baseline: Mapping[str, float],
    ilo: Mapping[str, Mapping[str, str]],
) -> float:
    """Print the validation tables; return rho of the overall score."""
    metrics: dict[str, Callable[[Occupation], float]] = {
        "overall": lambda o: scores[o.uri].overall_exact,
        "skill_vulnerability": lambda o: scores[o.uri].skill_vulnerability,
        "task_automation": lambda o: scores[o.uri].task_automation,
        "ai_complementarity": lambda o: scores[o.uri].ai_complementarity,
        "crude baseline": lambda o: baseline[o.uri],
    }
    overall_by_group = by_group(occupations, metrics["overall"])
    groups = sorted(g for g in overall_by_group if g in ilo)
    ilo_scores = [float(ilo[g]["mean_score_2025"]) for g in groups]
    print(f"ISCO-08 unit groups matched: {len(groups)} of {len(ilo)} in the ILO table")
    print("Spearman rho with ILO mean_score_2025 (per unit group):")
    rho_overall = 0.0
    for name, metric in metrics.items():
        means = by_group(occupations, metric)
        rho = spearman([means[g] for g in groups], ilo_scores)
        if name == "overall":
            rho_overall = rho
        print(f"  {name:22s} {rho:+.4f}")
    print("Mean overall score per ILO exposure gradient (potential25):")
    previous = -1.0
    rising = True
    for gradient in GRADIENTS:
        members = [g for g in groups if ilo[g]["potential25"] == gradient]
        mean = statistics.fmean(overall_by_group[g] for g in members)
        rising = rising and mean > previous
        previous = mean
        print(f"  {gradient:22s} n={len(members):3d}  mean overall {mean:6.2f}")
    print(f"Gradient means rise monotonically: {'yes' if rising else 'NO'}")
    verdict = "meets" if rho_overall >= TARGET_RHO else "MISSES"
    print(f"Overall rho {rho_overall:.4f} {verdict} the target {TARGET_RHO}")
    return rho_overall


def main() -> int:
    require_shared_data()
    occupations, skills = full_store().scoring_inputs()
    scores = score_release(occupations, skills)
    rho = report(occupations, scores, crude_baseline(occupations, skills), read_ilo())
    return 0 if rho >= TARGET_RHO else 1


if __name__ == "__main__":
    sys.exit(main())
