"""The everyday title set: job titles as people say them, with the occupations they would accept.

Hand-written and checked against ESCO v1.1.1's English preferred labels (tests/matching/everyday/
README.md says how). `fit.csv` is the half the matcher may learn from (the commonness prior, the
answer rules); `held_out.csv` is the half nothing learns from, which benchmarks report on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HERE = Path(__file__).resolve().parent
Half = Literal["fit", "held_out"]
KINDS: tuple[str, ...] = (
    "plain",
    "exact",
    "generic",
    "typo",
    "abbreviation",
    "noise",
    "plural_case",
    "slang",
    "de",
    "fr",
    "es",
    "nonjob",
)


@dataclass(frozen=True, slots=True)
class EverydayTitle:
    """One row: what is typed, what kind of title it is, and what a person would accept."""

    title: str
    kind: str
    expect: Literal["answer", "ask", "none"]
    accept: tuple[str, ...]  # English ESCO preferred labels, the everyday sense first


def load(half: Half) -> list[EverydayTitle]:
    """The rows of one half, in file order."""
    with (HERE / f"{half}.csv").open(newline="", encoding="utf-8") as handle:
        return [
            EverydayTitle(
                row["title"],
                row["kind"],
                row["expect"],  # type: ignore[arg-type]
                tuple(a.strip() for a in row["accept"].split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]
