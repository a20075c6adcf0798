"""A full fetch from the fake equals the shared bundle restricted to the fake's occupations."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from esco_api import fetch_bundle
from tests.esco_api.conftest import FAST
from tests.fakes.fake_esco_api import FakeEscoApi, build_data, read_csv, split_multi

pytestmark = pytest.mark.full_data

MULTI = {"altLabels", "hiddenLabels", "inScheme"}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: v or "" for k, v in row.items()} for row in csv.DictReader(handle)]


def norm(row: dict[str, str], columns: list[str]) -> tuple[object, ...]:
    """Row as a hashable tuple; multi-valued cells as sets (their order is not meaningful)."""
    return tuple(frozenset(split_multi(row[c])) if c in MULTI else row[c].strip() for c in columns)


def as_set(table: list[dict[str, str]], columns: list[str]) -> set[tuple[object, ...]]:
    return {norm(row, columns) for row in table}


@pytest.fixture(scope="module")
def expected(bundle_dir: Path, occupation_count: int) -> dict[str, object]:
    """The bundle restricted to the first OCCUPATIONS occupations (by URI) having skills."""
    relations = read_csv(bundle_dir / "relations" / "occupationSkillRelations.csv")
    with_skills = {r["occupationUri"] for r in relations}
    occupations = [
        r for r in read_csv(bundle_dir / "en" / "occupations_en.csv")
        if r["conceptUri"] in with_skills
    ]  # fmt: skip
    chosen = {
        r["conceptUri"]
        for r in sorted(occupations, key=lambda r: r["conceptUri"])[:occupation_count]
    }
    rels = [r for r in relations if r["occupationUri"] in chosen]
    pillar = read_csv(bundle_dir / "relations" / "broaderRelationsSkillPillar.csv")
    broader = defaultdict(list)
    for r in pillar:
        broader[r["conceptUri"]].append(r)
    skills = {r["skillUri"] for r in rels}
    todo = list(skills)
    while todo:
        for r in broader[todo.pop()]:
            if r["broaderType"] == "KnowledgeSkillCompetence" and r["broaderUri"] not in skills:
                skills.add(r["broaderUri"])
                todo.append(r["broaderUri"])
    return {"occupations": chosen, "relations": rels, "skills": skills, "pillar": pillar}


def test_occupations_match_bundle(fetched: dict, bundle_dir: Path, expected: dict) -> None:
    got = rows(fetched["dir"] / "occupations_en.csv")
    want = [
        r for r in read_csv(bundle_dir / "en" / "occupations_en.csv")
        if r["conceptUri"] in expected["occupations"]
    ]  # fmt: skip
    columns = list(want[0])
    assert len(got) == len(expected["occupations"])
    assert as_set(got, columns) == as_set(want, columns)


def test_skills_match_bundle(fetched: dict, bundle_dir: Path, expected: dict) -> None:
    got = rows(fetched["dir"] / "skills_en.csv")
    want = [
        r for r in read_csv(bundle_dir / "en" / "skills_en.csv")
        if r["conceptUri"] in expected["skills"]
    ]  # fmt: skip
    columns = list(want[0])
    assert as_set(got, columns) == as_set(want, columns)


def test_relations_match_bundle(fetched: dict, expected: dict) -> None:
    got = rows(fetched["dir"] / "occupationSkillRelations_en.csv")
    columns = ["occupationUri", "relationType", "skillType", "skillUri"]
    assert as_set(got, columns) == as_set(expected["relations"], columns)


def test_skill_pillar_matches_bundle(fetched: dict, expected: dict) -> None:
    got = rows(fetched["dir"] / "broaderRelationsSkillPillar_en.csv")
    want = [
        r for r in expected["pillar"]
        if r["conceptType"] == "SkillGroup" or r["conceptUri"] in expected["skills"]
    ]  # fmt: skip
    columns = ["conceptType", "conceptUri", "broaderType", "broaderUri"]
    assert as_set(got, columns) == as_set(want, columns)


def test_skills_hierarchy_matches_bundle(fetched: dict, bundle_dir: Path) -> None:
    want = read_csv(bundle_dir / "en" / "skillsHierarchy_en.csv")
    got = rows(fetched["dir"] / "skillsHierarchy_en.csv")
    columns = list(want[0])
    assert list(got[0]) == columns
    assert as_set(got, columns) == as_set(want, columns)


def test_isco_groups_match_bundle(fetched: dict, bundle_dir: Path) -> None:
    want = read_csv(bundle_dir / "en" / "ISCOGroups_en.csv")
    got = rows(fetched["dir"] / "ISCOGroups_en.csv")
    columns = list(want[0])
    assert as_set(got, columns) == as_set(want, columns)


def test_skill_groups_match_bundle(fetched: dict, bundle_dir: Path) -> None:
    want = read_csv(bundle_dir / "en" / "skillGroups_en.csv")
    got = rows(fetched["dir"] / "skillGroups_en.csv")
    columns = list(want[0])
    assert as_set(want, columns) <= as_set(got, columns)


def test_second_language_labels_match_bundle(
    fetched: dict, bundle_dir: Path, expected: dict
) -> None:
    want = [
        r for r in read_csv(bundle_dir / "fr" / "occupations_fr.csv")
        if r["conceptUri"] in expected["occupations"]
    ]  # fmt: skip
    got = rows(fetched["dir"] / "occupations_fr.csv")
    columns = ["conceptUri", "preferredLabel", "altLabels", "description", "iscoGroup", "code"]
    assert as_set(got, columns) == as_set(want, columns)


def test_second_language_skill_labels_match_the_service(
    fetched: dict, french_skills: Path, expected: dict
) -> None:
    """Skill labels in a configured language reach the bundle as the service holds them."""
    want = [r for r in read_csv(french_skills) if r["conceptUri"] in expected["skills"]]
    got = [r for r in rows(fetched["dir"] / "skills_fr.csv") if r["preferredLabel"]]
    columns = ["conceptUri", "preferredLabel", "altLabels"]
    assert as_set(got, columns) == as_set(want, columns)


def test_skills_the_service_leaves_unlabelled_keep_a_row_without_a_label(
    fetched: dict, french_skills: Path, expected: dict
) -> None:
    """The row stays, empty, so the importer can count the skills that fall back to English."""
    labelled = {r["conceptUri"] for r in read_csv(french_skills)}
    unlabelled = {
        r["conceptUri"] for r in rows(fetched["dir"] / "skills_fr.csv") if not r["preferredLabel"]
    }
    assert unlabelled == expected["skills"] - labelled


async def test_a_language_no_skill_has_is_warned(bundle_dir: Path, tmp_path: Path) -> None:
    """A configured language the service has no skill labels in is said, not silently empty."""
    async with FakeEscoApi(build_data(bundle_dir, 2)) as server:
        report = await fetch_bundle(
            tmp_path / "bundle",
            version="v1.1.1",
            languages=["en", "de"],
            base_url=server.base_url,
            cache_dir=tmp_path / "cache",
            retry=FAST,
        )
    assert "no skill has a label in language 'de'" in report.warnings


def test_discovered_version_is_recorded(fetched: dict) -> None:
    assert (fetched["dir"] / "VERSION").read_text().strip() == "v1.1.1"
    manifest = json.loads((fetched["dir"] / "manifest.json").read_text())
    assert manifest["version"] == "v1.1.1"
    assert fetched["report"].version == "v1.1.1"


def test_every_request_pins_selected_version(fetched: dict) -> None:
    assert fetched["params"]
    assert all(any(k == "selectedVersion" for k, _ in params) for params in fetched["params"])


def test_report_counts_what_was_written(fetched: dict, expected: dict) -> None:
    report = fetched["report"]
    assert report.occupations == len(expected["occupations"])
    assert report.skills == len(expected["skills"])
    assert report.relations == len(expected["relations"])
    assert report.warnings == []
