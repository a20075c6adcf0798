"""The match index laid out by a worker process while the import goes on (`IndexWorker`).

The worker can only save time: its index is the one a fresh build makes, a failed worker is
said and the import lays the index out itself, and a failed import leaves no worker behind.
"""

from __future__ import annotations

import logging
import marshal
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from db.importer import LoadedLabels
from db.store import Store
from matching.build import build_arrays
from matching.stored import folder_name, index_identity, load
from tests.bundle_factory import write_bundle, write_german_labels
from tests.conftest import FULL_LABELS, REPO
from willai import caches, index_worker
from willai.importing import ImportFailedError, run_import
from willai.index_worker import IndexWorker
from willai.settings import load_settings


@pytest.fixture(autouse=True)
def workers_for_small_releases(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hand-written bundles hold a few labels: let them have a worker all the same."""
    monkeypatch.setattr(index_worker, "MIN_LABELS", 0)


def _import(database_url: str, cache_dir: Path, *sources: Path):
    store = Store.from_url(database_url)
    settings = load_settings(database_url=database_url, cache_dir=cache_dir)
    return store, run_import(store, settings, [str(s) for s in sources])


def _cached_arrays(store: Store, cache_dir: Path) -> dict[str, np.ndarray]:
    release = store.require_release()
    identity = index_identity(caches.release_identity(release))
    return load(cache_dir / "index" / folder_name(identity), identity)


def _same(found: dict[str, np.ndarray], expected: dict[str, np.ndarray]) -> bool:
    return found.keys() == expected.keys() and all(
        np.array_equal(found[name], expected[name]) for name in expected
    )


def _labels_of(store: Store) -> LoadedLabels:
    """The release's rows as the import hands them to the worker."""
    release = store.require_release()
    occupations, labels = store.match_inputs()
    return LoadedLabels(
        release.id,
        release.checksum,
        [(o.uri, o.label, o.code, o.isco_group, o.description) for o in occupations],
        [(x.occupation_uri, x.label, x.kind, x.language) for x in labels],
    )


def test_the_worker_lays_out_the_index_a_fresh_build_makes(database_url, tmp_path):
    cache = tmp_path / "cache"
    store, report = _import(
        database_url, cache, write_bundle(tmp_path), write_german_labels(tmp_path)
    )
    assert report.timings["match index worker"] > 0
    assert _same(_cached_arrays(store, cache), build_arrays(*store.match_inputs()))


def test_the_worker_leaves_no_rows_behind(sqlite_url, tmp_path):
    cache = tmp_path / "cache"
    _import(sqlite_url, cache, write_bundle(tmp_path))
    assert not list((cache / "index").glob(".labels-*"))


def test_a_failed_worker_is_said_and_the_index_laid_out_all_the_same(sqlite_url, tmp_path, caplog):
    cache = tmp_path / "cache"
    store, _ = _import(sqlite_url, cache, write_bundle(tmp_path))
    for folder in (cache / "index").glob("matcher-*"):
        folder.rename(folder.with_name(f"gone-{folder.name}"))
    loaded = _labels_of(store)
    broken = LoadedLabels(loaded.release_id, loaded.checksum, [("too", "few")], loaded.labels)
    worker = IndexWorker(cache)
    worker.start(broken)
    assert worker.started
    with caplog.at_level(logging.WARNING):
        caches.prepare(store, cache, None, worker)
    assert "the match index worker failed (TypeError" in caplog.text
    assert _same(_cached_arrays(store, cache), build_arrays(*store.match_inputs()))


def test_a_worker_stopped_leaves_neither_process_nor_rows(sqlite_url, tmp_path):
    cache = tmp_path / "cache"
    store, _ = _import(sqlite_url, cache, write_bundle(tmp_path))
    worker = IndexWorker(cache)
    worker.start(_labels_of(store))
    process = worker._process
    worker.stop()
    assert process is not None
    assert process.poll() is not None
    assert _workers_for(cache) == []
    assert not worker.started
    assert not list((cache / "index").glob(".labels-*"))


def test_a_small_release_is_laid_out_without_a_worker(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setattr(index_worker, "MIN_LABELS", 1_000)
    cache = tmp_path / "cache"
    store, report = _import(sqlite_url, cache, write_bundle(tmp_path))
    assert "match index worker" not in report.timings
    assert _same(_cached_arrays(store, cache), build_arrays(*store.match_inputs()))


def test_without_a_cache_folder_no_worker_starts(sqlite_url, tmp_path):
    store, _ = _import(sqlite_url, tmp_path / "cache", write_bundle(tmp_path))
    worker = IndexWorker(None)
    worker.start(_labels_of(store))
    assert not worker.started
    assert worker.wait() == ((0.0, 0.0), "no worker was started")


def test_a_worker_done_early_reports_its_own_run_and_the_time_to_spare(sqlite_url, tmp_path):
    store, _ = _import(sqlite_url, tmp_path / "cache", write_bundle(tmp_path))
    worker = IndexWorker(tmp_path / "another cache")
    started = time.monotonic()
    worker.start(_labels_of(store))
    process = worker._process
    assert process is not None
    process.wait(60)  # done, and the import goes on a while before it asks
    time.sleep(0.5)
    ran, failure = worker.wait()
    assert failure is None
    assert ran.spare >= 0.5
    assert 0 < ran.seconds <= time.monotonic() - started - ran.spare


def test_an_import_failing_after_the_labels_leaves_no_worker_behind(sqlite_url, tmp_path):
    bundle = write_bundle(tmp_path)
    relations = bundle / "relations" / "occupationSkillRelations.csv"
    content = relations.read_bytes()
    relations.write_bytes(content[: content.index(b"roofer,optional")])  # ends mid-row
    cache = tmp_path / "cache"
    with pytest.raises(ImportFailedError, match=r"occupationSkillRelations\.csv"):
        _import(sqlite_url, cache, bundle)
    assert not list((cache / "index").glob(".labels-*"))
    assert _workers_for(cache) == []


def _workers_for(cache: Path) -> list[str]:
    """Process ids of worker processes still alive (not even a zombie) for `cache`."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"willai.index_worker" in command and str(cache).encode() in b" ".join(command):
            found.append(proc.name)
    return found


def test_on_the_full_data_the_worker_gets_the_rows_the_store_reads_back(full_store_url):
    folder = Path(full_store_url.removeprefix("sqlite:///")).parent
    with (folder / FULL_LABELS).open("rb") as handle:
        occupations, labels = marshal.load(handle)
    loaded = _labels_of(Store.from_url(full_store_url))
    assert len(labels) > 80_000  # en, fr, de and es
    assert occupations == loaded.occupations
    assert labels == loaded.labels


KILLED_IMPORT = """
import os, signal, sys
from pathlib import Path
from db.importer import LoadedLabels
from willai import index_worker
index_worker.MIN_LABELS = 0
worker = index_worker.IndexWorker(Path(sys.argv[1]))
occupation = ("http://example.org/o/1", "nurse", "2221.1", "2221", "cares for patients")
worker.start(LoadedLabels(1, "abc", [occupation], [(occupation[0], "nurse", "preferred", "en")]))
print(worker._process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\\nState:\\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_import_takes_its_worker_with_it(tmp_path):
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    pid = int(killed.stdout.split()[0])
    deadline = time.monotonic() + 60
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    assert not list((tmp_path / "index").glob("matcher-*"))  # never finished, for a dead import


def test_rows_left_by_a_worker_killed_long_ago_are_removed(sqlite_url, tmp_path):
    cache = tmp_path / "cache"
    store, _ = _import(sqlite_url, cache, write_bundle(tmp_path))
    old, recent = cache / "index" / ".labels-old.marshal", cache / "index" / ".labels-new.marshal"
    for left in (old, recent):
        left.write_bytes(b"")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    worker = IndexWorker(cache)
    worker.start(_labels_of(store))
    worker.wait()
    assert not old.exists()
    assert recent.exists()  # perhaps another import's, not yet read by its worker
