"""A small hand-written ESCO-like index for unit tests, and the full one for full-data tests."""

from __future__ import annotations

import pytest

from matching import LabelRecord, MatchIndex, OccupationRecord

_OCCUPATIONS = [
    (
        "nurse",
        "nurse responsible for general care",
        "Nurses care for patients in hospitals.",
        ["general nurse", "adult nurse", "ward nurse"],
        {"de": "Krankenpfleger/Krankenpflegerin", "fr": "infirmier/infirmière"},
    ),
    (
        "dev",
        "software developer",
        "Software developers write computer programs.",
        ["software engineer", "programmer", "application developer"],
        {"de": "Softwareentwickler/Softwareentwicklerin"},
    ),
    (
        "acc",
        "accountant",
        "Accountants keep financial records.",
        ["certified public accountant", "financial accountant"],
        {"es": "contable"},
    ),
    (
        "cto",
        "chief technology officer",
        "Leads the technology of a company.",
        ["CTO", "IT director"],
        {},
    ),
    (
        "hrm",
        "human resources manager",
        "Plans recruitment and personnel policies.",
        ["HR manager", "personnel manager"],
        {},
    ),
    ("plumb", "plumber", "Plumbers install water pipes.", ["pipe fitter"], {}),
    (
        "wait",
        "waiter/waitress",
        "Serves food and drinks to guests.",
        ["waiter", "waitress"],
        {"de": "Kellner/Kellnerin", "es": "camarero/camarera"},
    ),
    ("salesm", "sales manager", "Leads a sales team.", ["head of sales"], {}),
    ("shopm", "shop manager", "Runs a shop.", ["store manager"], {}),
    ("projm", "project manager", "Plans projects.", ["project lead"], {}),
    ("office", "office manager", "Runs an office.", ["manager of office"], {}),
    ("secr", "secretary", "Handles correspondence.", ["office assistant"], {}),
    ("salesa", "sales assistant", "Helps customers in shops.", ["shop assistant"], {}),
    ("dent", "dental assistant", "Assists dentists.", ["dentist assistant"], {}),
    ("teach", "teaching assistant", "Assists teachers.", ["classroom assistant"], {}),
]


def _uri(key: str) -> str:
    return f"http://data.europa.eu/esco/occupation/{key}"


def small_inputs() -> tuple[list[OccupationRecord], list[LabelRecord]]:
    occupations: list[OccupationRecord] = []
    labels: list[LabelRecord] = []
    for i, (key, preferred, description, alts, other) in enumerate(_OCCUPATIONS):
        uri = _uri(key)
        occupations.append(OccupationRecord(uri, preferred, f"{i}.1", "1234", description))
        labels.append(LabelRecord(uri, preferred, "preferred", "en"))
        labels.extend(LabelRecord(uri, alt, "alt", "en") for alt in alts)
        labels.extend(LabelRecord(uri, text, "preferred", lang) for lang, text in other.items())
    return occupations, labels


@pytest.fixture(scope="session")
def small_index() -> MatchIndex:
    return MatchIndex.build(*small_inputs())


@pytest.fixture(scope="session")
def uri():
    return _uri


@pytest.fixture(scope="session")
def full_index(full_store) -> MatchIndex:
    return MatchIndex.build(*full_store.match_inputs())
