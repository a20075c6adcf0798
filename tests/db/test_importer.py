"""The bundle importer on hand-written bundles, on both backends."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

import scoring
from db import schema
from db.engine import make_engine
from db.importer import import_bundle, repaired
from db.sources import gather_bundle
from db.store import Store
from tests.bundle_factory import OCC, SKILL, write_bundle, write_german_labels, zip_directory


def _import(url: str, *sources: Path, force: bool = False):
    bundle = gather_bundle(
        [str(s) for s in sources], Path(url.rsplit("///", maxsplit=1)[-1]).parent
    )
    return import_bundle(make_engine(url), bundle, force=force)


def test_v11_layout_imports_occupations_skills_and_relations(
    database_url: str, tmp_path: Path
) -> None:
    report = _import(database_url, write_bundle(tmp_path, layout="v1.1"))
    assert report.status == "imported"
    assert (report.counts["occupations"], report.counts["skills"], report.counts["relations"]) == (
        3,
        7,
        10,
    )


def test_v12_layout_imports_the_same_release(database_url: str, tmp_path: Path) -> None:
    report = _import(database_url, write_bundle(tmp_path, layout="v1.2", version="v1.2.0"))
    assert (report.counts["occupations"], report.counts["skills"], report.counts["relations"]) == (
        3,
        7,
        10,
    )
    assert report.version == "v1.2.0"


def test_quirks_are_counted_and_skipped(database_url: str, tmp_path: Path) -> None:
    report = _import(database_url, write_bundle(tmp_path))
    assert "1 relations to unknown occupations skipped" in report.warnings
    assert "1 duplicate relations skipped" in report.warnings
    assert "1 skills with an empty skillType (kept)" in report.warnings


def test_language_only_source_adds_labels_to_the_release(database_url: str, tmp_path: Path) -> None:
    report = _import(database_url, write_bundle(tmp_path), write_german_labels(tmp_path))
    assert report.counts["labels"]["de"] == 2
    assert "1 de rows of occupations not in the release skipped" in report.warnings


def test_zip_of_the_bundle_imports_like_the_directory(database_url: str, tmp_path: Path) -> None:
    archive = zip_directory(write_bundle(tmp_path), tmp_path / "esco-v1.1.1.zip")
    report = _import(database_url, archive)
    assert report.counts["relations"] == 10


def test_identical_reimport_is_a_no_op(database_url: str, tmp_path: Path) -> None:
    source = write_bundle(tmp_path)
    first = _import(database_url, source)
    second = _import(database_url, source)
    assert (second.status, second.release_id) == ("unchanged", first.release_id)


def test_new_release_replaces_the_old_rows(database_url: str, tmp_path: Path) -> None:
    source = write_bundle(tmp_path)
    _import(database_url, source)
    _import(database_url, source, force=True)
    engine = make_engine(database_url)
    with engine.connect() as conn:
        releases = conn.execute(
            select(func.count())
            .select_from(schema.Occupation)
            .group_by(schema.Occupation.release_id)
        ).all()
    assert releases == [(3,)]


def test_skill_groups_reach_level_zero_to_three(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    _, skills = Store.from_url(database_url).scoring_inputs()
    assert skills[SKILL + "process-data"].groups == ("S", "S5", "S5.1", "S5.1.1")


def test_knowledge_groups_are_isced_codes(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    _, skills = Store.from_url(database_url).scoring_inputs()
    assert skills[SKILL + "anatomy"].groups == ("K", "K09", "K091", "K0912")


def test_collections_reach_the_scoring_inputs(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    _, skills = Store.from_url(database_url).scoring_inputs()
    assert skills[SKILL + "teamwork"].collections == frozenset({"transversal"})


def test_occupation_relations_split_essential_and_optional(
    database_url: str, tmp_path: Path
) -> None:
    _import(database_url, write_bundle(tmp_path))
    occupations, _ = Store.from_url(database_url).scoring_inputs()
    clerk = next(o for o in occupations if o.uri == OCC + "clerk")
    assert (set(clerk.essential), set(clerk.optional)) == (
        {SKILL + "process-data", SKILL + "back-up"},
        {SKILL + "teamwork", SKILL + "odd"},
    )


def test_every_occupation_is_scored_at_import(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    store = Store.from_url(database_url)
    assert set(store.all_scores()) == {OCC + "clerk", OCC + "nurse", OCC + "roofer"}


def test_match_inputs_hold_every_label_kind(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path), write_german_labels(tmp_path))
    _, labels = Store.from_url(database_url).match_inputs()
    nurse = {
        (label.label, label.kind, label.language)
        for label in labels
        if label.occupation_uri == OCC + "nurse"
    }
    assert nurse == {
        ("specialist nurse", "preferred", "en"),
        ("nurse specialist", "alt", "en"),
        ("RN", "alt", "en"),
        ("nurse", "alt", "en"),
        ("Fachkrankenpfleger/Fachkrankenpflegerin", "preferred", "de"),
    }


@pytest.mark.full_data
def test_full_bundle_counts(full_store: Store) -> None:
    counts = full_store.status()["counts"]
    assert (counts["occupations"], counts["skills"], counts["relations"]) == (3007, 13896, 123788)
    assert set(counts["labels"]) == {"en", "fr", "de", "es"}


def test_scores_are_recomputed_when_the_model_changes(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    store = Store.from_url(database_url)
    release_table = schema.Release.__table__
    with store.engine.begin() as conn:
        conn.execute(release_table.update().values(model_version="0.0.0-old"))
    assert store.rescore_if_stale() is True
    assert store.release().model_version == scoring.MODEL_VERSION
    assert len(store.all_scores()) == 3


def test_current_scores_are_left_alone(database_url: str, tmp_path: Path) -> None:
    _import(database_url, write_bundle(tmp_path))
    assert Store.from_url(database_url).rescore_if_stale() is False


def test_two_imports_of_the_same_data_at_once_do_the_work_once(
    database_url: str, tmp_path: Path
) -> None:
    bundle = gather_bundle([str(write_bundle(tmp_path))], tmp_path)
    engines = [make_engine(database_url) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda engine: import_bundle(engine, bundle), engines))
    assert sorted(r.status for r in reports) == ["imported", "unchanged"]
    with engines[0].connect() as conn:
        releases = conn.execute(select(func.count()).select_from(schema.Release)).scalar_one()
    assert releases == 1


def test_mis_encoded_no_break_spaces_in_descriptions_are_repaired(
    database_url: str, tmp_path: Path
) -> None:
    root = write_bundle(tmp_path)
    occupations = next(root.rglob("occupations_en.csv"))
    text = occupations.read_text(encoding="utf-8")
    occupations.write_text(
        text.replace("clerks key in", "clerks key\u00c2\u00a0in", 1), encoding="utf-8"
    )
    assert "\u00c2" in occupations.read_text(encoding="utf-8")
    _import(database_url, root)
    _, descriptions = Store(make_engine(database_url)).occupation_words("en")
    assert descriptions[OCC + "clerk"] == "Data entry clerks key in, update and back up records."


def test_a_capital_a_circumflex_of_its_own_is_kept() -> None:
    assert repaired("Âge du bronze\u00c2\u00a0!") == "Âge du bronze !"


def test_the_labels_handed_out_are_those_the_store_reads_back(
    database_url: str, tmp_path: Path
) -> None:
    handed_out = []
    bundle = gather_bundle(
        [str(write_bundle(tmp_path)), str(write_german_labels(tmp_path))], tmp_path
    )
    engine = make_engine(database_url)
    report = import_bundle(engine, bundle, labels_loaded=handed_out.append)
    (loaded,) = handed_out
    assert (loaded.release_id, loaded.checksum) == (report.release_id, report.checksum)
    occupations, labels = Store(engine).match_inputs()
    assert loaded.occupations == [
        (o.uri, o.label, o.code, o.isco_group, o.description) for o in occupations
    ]
    assert loaded.labels == [(x.occupation_uri, x.label, x.kind, x.language) for x in labels]
    assert {language for *_, language in loaded.labels} == {"en", "de"}


def test_no_labels_are_handed_out_when_the_release_already_serves(
    sqlite_url: str, tmp_path: Path
) -> None:
    bundle = write_bundle(tmp_path)
    _import(sqlite_url, bundle)
    handed_out = []
    engine = make_engine(sqlite_url)
    report = import_bundle(
        engine, gather_bundle([str(bundle)], tmp_path), labels_loaded=handed_out.append
    )
    assert report.status == "unchanged"
    assert handed_out == []
