"""The hand-written probes of the abbreviation and colloquial tables, on the full ESCO bundle.

`probes.csv` holds titles people type (job-ad abbreviations, British, American and Australian
slang, the plain titles of the most common jobs in English-speaking labour markets, German,
French and Spanish job words in both genders), each with the occupations a person would
accept. A table entry is there because one of these probes needed it, so a probe that stops
finding an accepted occupation first means an entry was lost or overruled; the plain probes
the matcher found without any entry guard against an entry that breaks them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.matching.everyday import load

pytestmark = pytest.mark.full_data

PROBES_CSV = Path(__file__).resolve().parent / "probes.csv"
KINDS = {"abbreviation", "slang", "plain", "de", "fr", "es"}


class Probe(NamedTuple):
    title: str
    kind: str
    accept: tuple[str, ...]


def _load() -> list[Probe]:
    with PROBES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            Probe(row["title"], row["kind"], tuple(a.strip() for a in row["accept"].split("|")))
            for row in rows
        ]


PROBES = _load()


def test_probes_are_distinct_and_of_known_kinds():
    titles = [p.title.casefold() for p in PROBES]
    assert len(titles) == len(set(titles)) >= 400
    assert {p.kind for p in PROBES} == KINDS


def test_probes_accept_only_esco_preferred_labels(full_index):
    known = {label.strip() for label in full_index._data.occ_labels}
    assert [a for p in PROBES for a in p.accept if a not in known] == []


@pytest.mark.parametrize("probe", PROBES, ids=[f"{p.kind}:{p.title}" for p in PROBES])
def test_probe_finds_an_accepted_occupation_first(full_index, probe):
    result = full_index.match(probe.title)
    assert result.candidates, "no candidate at all"
    assert result.candidates[0].label.strip() in probe.accept


def test_probes_do_not_repeat_the_everyday_fitting_half():
    fit = {row.title.casefold() for row in load("fit")}
    assert [p.title for p in PROBES if p.title.casefold() in fit] == []
