"""The answer service maps the match index and the scores from CACHE_DIR; imports lay them out.

Each test reads answers from a real store (SQLite, and PostgreSQL when configured) and compares
them with answers from an index built afresh: a cache may make answers faster, never other.
"""

from __future__ import annotations

import dataclasses
import logging
import mmap
from pathlib import Path

import pytest

from db.store import Store
from matching import MatchIndex
from matching.stored import DATA
from tests.bundle_factory import write_bundle, write_german_labels
from tests.conftest import Cli
from willai import caches
from willai.importing import run_import
from willai.service import AnswerService, Unresolved
from willai.settings import load_settings

TITLES = ["nurse", "specialist nurse", "roofer", "data typist", "Dachdecker", "RN", "asdfgh"]


def is_mapped(array) -> bool:
    """Whether the array's memory is a mapped file, however many views lie in between."""
    while array is not None and not isinstance(array, mmap.mmap):
        array = array.obj if isinstance(array, memoryview) else getattr(array, "base", None)
    return array is not None


def import_into(database_url: str, cache_dir: Path, *sources: Path) -> tuple[Store, list[str]]:
    """Import `sources` as `willai data import` does; returns the store and the phases shown."""
    store = Store.from_url(database_url)
    settings = load_settings(database_url=database_url, cache_dir=cache_dir)
    phases: list[str] = []
    run_import(store, settings, [str(s) for s in sources], progress=lambda p, *_: phases.append(p))
    return store, phases


def what_it_says(service: AnswerService) -> list:
    """Per title: the occupation, confidence and report answered, or the did-you-mean list."""
    said = []
    for title in TITLES:
        answer = service.ask(title)
        if isinstance(answer, Unresolved):
            said.append(answer.match)
        else:
            said.append((answer.score, answer.confidence, answer.title, answer.words))
    return [*said, service.suggest("ro"), service.suggest("nur")]


def afresh(store: Store) -> AnswerService:
    """The same service with nothing cached: an index built now, every score read now."""
    index = MatchIndex.build(*store.match_inputs())
    return AnswerService(store, index, store.all_scores(), store.require_release())


def folders(cache_dir: Path, kind: str) -> list[Path]:
    root = cache_dir / "index"
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(f"{kind}-"))


def test_the_import_lays_out_the_index_and_the_scores(database_url, tmp_path, caplog):
    cache = tmp_path / "cache"
    store, phases = import_into(database_url, cache, write_bundle(tmp_path))
    assert "building the match index" in phases
    assert "caching scores" in phases
    assert len(folders(cache, "matcher")) == 1
    assert len(folders(cache, "scores")) == 1
    caplog.clear()  # what the import said
    with caplog.at_level(logging.INFO):
        service = AnswerService.load(store, cache_dir=cache)
    assert "building it" not in caplog.text  # mapped, not built
    assert is_mapped(service.index.arrays["postings"])
    assert what_it_says(service) == what_it_says(afresh(store))


def test_the_import_report_counts_the_cache_phases(tmp_path, sqlite_url):
    store = Store.from_url(sqlite_url)
    settings = load_settings(database_url=sqlite_url, cache_dir=tmp_path / "cache")
    report = run_import(store, settings, [str(write_bundle(tmp_path))])
    assert {"match index", "scores cache"} <= set(report.timings)
    assert report.seconds >= report.timings["match index"]
    again = run_import(store, settings, [str(write_bundle(tmp_path))])
    assert again.status == "unchanged"
    assert "match index" in again.timings  # a lost cache is laid out again by any import


def test_compact_scores_are_the_stored_scores(database_url, tmp_path):
    cache = tmp_path / "cache"
    store, _ = import_into(database_url, cache, write_bundle(tmp_path))
    release = store.require_release()
    compact = caches.scores(store, release, cache)
    stored = store.all_scores()
    assert len(compact) == len(stored)
    assert set(compact) == set(stored)
    for uri, score in stored.items():
        assert uri in compact
        assert compact[uri] == score
    assert "http://example.org/no-such-occupation" not in compact
    with pytest.raises(KeyError):
        compact["http://example.org/no-such-occupation"]
    assert compact.get("http://example.org/no-such-occupation") is None


def test_a_rescored_release_gets_its_own_scores_cache(tmp_path, sqlite_url):
    cache = tmp_path / "cache"
    store, _ = import_into(sqlite_url, cache, write_bundle(tmp_path))
    release = store.require_release()
    older = dataclasses.replace(release, model_version="0.0.1")
    assert dict(caches.scores(store, older, cache)) == store.all_scores()
    assert len(folders(cache, "scores")) == 2


def _damage_every_data_file(cache: Path) -> None:
    for data in (cache / "index").glob(f"*/{DATA}"):
        content = bytearray(data.read_bytes())
        content[len(content) // 2] ^= 0xFF
        data.write_bytes(bytes(content))


def _truncate_every_data_file(cache: Path) -> None:
    for data in (cache / "index").glob(f"*/{DATA}"):
        data.write_bytes(data.read_bytes()[:100])


@pytest.mark.parametrize("damage", [_damage_every_data_file, _truncate_every_data_file])
def test_a_damaged_cache_is_rebuilt_and_answers_the_same(database_url, tmp_path, caplog, damage):
    cache = tmp_path / "cache"
    store, _ = import_into(database_url, cache, write_bundle(tmp_path))
    damage(cache)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        service = AnswerService.load(store, cache_dir=cache)
    assert "match index cache" in caplog.text
    assert "scores cache" in caplog.text
    assert what_it_says(service) == what_it_says(afresh(store))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        AnswerService.load(store, cache_dir=cache)
    assert "unusable" not in caplog.text  # rebuilt whole


def test_a_new_release_is_not_answered_from_the_old_cache(database_url, tmp_path):
    cache = tmp_path / "cache"
    store, _ = import_into(database_url, cache, write_bundle(tmp_path))
    before = AnswerService.load(store, cache_dir=cache)
    assert isinstance(before.ask("Dachdecker"), Unresolved)  # no German names yet
    import_into(database_url, cache, write_bundle(tmp_path), write_german_labels(tmp_path))
    after = AnswerService.load(store, cache_dir=cache)
    assert after.release.id != before.release.id
    roofer = after.ask("Dachdecker")
    assert not isinstance(roofer, Unresolved)
    assert roofer.score.label == "roofer"
    assert what_it_says(after) == what_it_says(afresh(store))
    assert len(folders(cache, "matcher")) == 2


def test_an_unusable_cache_dir_answers_from_memory(database_url, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.INFO):
        store, _ = import_into(database_url, blocker, write_bundle(tmp_path))
        service = AnswerService.load(store, cache_dir=blocker)
    assert "each process builds its own" in caplog.text  # said by the import
    assert "built in memory" in caplog.text  # and by the service
    assert not is_mapped(service.index.arrays["postings"])
    assert what_it_says(service) == what_it_says(afresh(store))


def test_a_missing_cache_dir_is_made(sqlite_url, tmp_path):
    cache = tmp_path / "not" / "yet" / "there"
    store, _ = import_into(sqlite_url, tmp_path / "elsewhere", write_bundle(tmp_path))
    service = AnswerService.load(store, cache_dir=cache)
    assert is_mapped(service.index.arrays["postings"])
    assert len(folders(cache, "matcher")) == 1


def test_the_cache_dir_comes_from_the_settings(sqlite_url, tmp_path, monkeypatch):
    store, _ = import_into(sqlite_url, tmp_path / "import-cache", write_bundle(tmp_path))
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "from-env"))
    service = AnswerService.load(store)
    assert len(folders(tmp_path / "from-env", "matcher")) == 1
    assert is_mapped(service.index.arrays["postings"])


def test_willai_ask_answers_from_the_cache(cli: Cli, tmp_path, sqlite_url, caplog):
    cache = tmp_path / "cache"
    import_into(sqlite_url, cache, write_bundle(tmp_path))
    env = {"DATABASE_URL": sqlite_url, "CACHE_DIR": str(cache)}
    caplog.clear()  # what the import said
    with caplog.at_level(logging.INFO):
        done = cli("ask", "specialist nurse", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert '"label": "specialist nurse"' in done.stdout
    assert "building it" not in caplog.text


def test_willai_ask_with_an_unwritable_cache_dir_still_answers(cli: Cli, tmp_path, sqlite_url):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    import_into(sqlite_url, tmp_path / "cache", write_bundle(tmp_path))
    done = cli("ask", "roofer", env={"DATABASE_URL": sqlite_url, "CACHE_DIR": str(blocker)})
    assert done.returncode == 0, done.stderr
    assert "roofer" in done.stdout
    assert "Traceback" not in done.stderr
