"""The match index cache: written once, mapped back, and never trusted when it is damaged.

Every faulty cache (truncated, a byte changed, another release's, another matcher version's)
must be noticed, rebuilt, and answer exactly as a freshly built index does.
"""

from __future__ import annotations

import json
import logging
import mmap
import multiprocessing
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from matching import MatchIndex, stored
from matching.build import build_arrays
from matching.stored import DATA, MANIFEST, folder_name, index_identity, load, load_or_build
from tests.matching.conftest import small_inputs

RELEASE = {"release": "7", "checksum": "abc123"}
TITLES = [
    "nurse",
    "Krankenpfleger (m/w/d)",
    "senior software engineer",
    "acountant",
    "head of sales",
    "webdeveloper",
    "CTO",
    "waitress",
    "plumber london",
    "student",
]
PREFIXES = ["nu", "sales m", "kell", "off", "assist", "x"]


class Builds:
    """Counts how often the index is built: a build where a good cache exists is a miss."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self) -> dict:
        with self._lock:
            self.count += 1
        return build_arrays(*small_inputs())


def is_mapped(array) -> bool:
    """Whether the array's memory is a mapped file, however many views lie in between."""
    while array is not None and not isinstance(array, mmap.mmap):
        array = array.obj if isinstance(array, memoryview) else getattr(array, "base", None)
    return array is not None


def answers(index: MatchIndex) -> list:
    return [index.match(t) for t in TITLES] + [index.suggest(p) for p in PREFIXES]


@pytest.fixture(scope="module")
def fresh() -> list:
    return answers(MatchIndex.build(*small_inputs()))


def cached(root: Path | None, builds: Builds, release: dict | None = None) -> MatchIndex:
    return load_or_build(root, index_identity(release or RELEASE), builds, MatchIndex.from_arrays)


def cache_folder(root: Path, release: dict | None = None) -> Path:
    return root / folder_name(index_identity(release or RELEASE))


def test_a_cached_index_is_mapped_and_answers_as_a_fresh_one(tmp_path, fresh):
    builds = Builds()
    first = cached(tmp_path, builds)
    again = cached(tmp_path, builds)
    assert builds.count == 1
    assert answers(first) == fresh
    assert answers(again) == fresh
    assert is_mapped(again.arrays["postings"])
    assert not again.arrays["postings"].flags.writeable


def test_matchindex_cached_reads_its_inputs_only_to_build(tmp_path, fresh):
    reads = []

    def inputs():
        reads.append(1)
        return small_inputs()

    MatchIndex.cached(tmp_path, RELEASE, inputs)
    index = MatchIndex.cached(tmp_path, RELEASE, inputs)
    assert reads == [1]
    assert answers(index) == fresh


def test_without_a_root_the_index_is_built_in_memory(fresh):
    builds = Builds()
    assert answers(cached(None, builds)) == fresh
    assert builds.count == 1


def _truncate(folder: Path) -> None:
    data = folder / DATA
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 2])


def _flip_a_byte(folder: Path) -> None:
    data = folder / DATA
    content = bytearray(data.read_bytes())
    content[len(content) // 3] ^= 0x5A
    data.write_bytes(bytes(content))


def _garble_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text('{"format": 1, "identity": ', encoding="utf-8")


def _lose_the_manifest(folder: Path) -> None:
    (folder / MANIFEST).unlink()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_truncate, "truncated"),
        (_flip_a_byte, "checksum mismatch"),
        (_garble_manifest, "unreadable manifest"),
        (_lose_the_manifest, "none yet"),
    ],
)
def test_a_damaged_cache_is_rebuilt_and_answers_as_a_fresh_one(
    tmp_path, fresh, caplog, damage, reason
):
    builds = Builds()
    cached(tmp_path, builds)
    damage(cache_folder(tmp_path))
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        index = cached(tmp_path, builds)
    assert builds.count == 2
    assert answers(index) == fresh
    assert reason in caplog.text
    load(cache_folder(tmp_path), index_identity(RELEASE))  # the rebuilt cache checks out
    assert answers(cached(tmp_path, builds)) == fresh
    assert builds.count == 2


def test_a_damaged_cache_is_refused_for_its_checksum_whatever_use_made_of_it(tmp_path, caplog):
    builds = Builds()
    cached(tmp_path, builds)
    _flip_a_byte(cache_folder(tmp_path))
    made = []

    def refuse(arrays: dict) -> MatchIndex:  # what damaged arrays may do to the object made
        made.append(arrays)
        raise KeyError("postings")

    with caplog.at_level(logging.INFO, logger="matching.stored"):
        found, refused = stored._try(
            cache_folder(tmp_path), index_identity(RELEASE), refuse, "index"
        )
    assert found is None
    assert not refused  # damaged, not refused: nothing sound to replace
    assert made  # used while the checksum was computed, and then dropped
    assert "checksum mismatch" in caplog.text
    assert "do not fit" not in caplog.text


def test_a_sound_cache_the_reader_refuses_is_replaced_once(tmp_path, fresh, caplog):
    stored.save(cache_folder(tmp_path), index_identity(RELEASE), {"unknown": np.arange(3)})
    builds = Builds()
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        first = cached(tmp_path, builds)
    assert "arrays do not fit" in caplog.text
    assert answers(first) == fresh
    again = cached(tmp_path, builds)
    assert builds.count == 1  # the refused cache was replaced, not left for every process
    assert is_mapped(again.arrays["postings"])
    assert answers(again) == fresh


def test_without_a_thread_to_spare_the_checksum_is_computed_at_once(tmp_path, fresh, monkeypatch):
    builds = Builds()
    cached(tmp_path, builds)

    def no_thread(self) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    assert answers(cached(tmp_path, builds)) == fresh
    _flip_a_byte(cache_folder(tmp_path))
    assert answers(cached(tmp_path, builds)) == fresh
    assert builds.count == 2


def test_a_checksum_started_ahead_is_the_one_the_load_uses(tmp_path, fresh, monkeypatch):
    builds = Builds()
    cached(tmp_path, builds)
    stored.check_ahead(tmp_path / "no-such-cache")  # nothing to check: left to the load
    stored.check_ahead(cache_folder(tmp_path))
    assert len(stored._AHEAD) == 1
    started = []
    monkeypatch.setattr(stored._BackgroundCrc, "__init__", lambda *_: started.append(1))
    assert answers(cached(tmp_path, builds)) == fresh
    assert not stored._AHEAD  # taken by the load, which started no checksum of its own
    assert not started
    assert builds.count == 1


def test_a_checksum_started_ahead_of_a_file_since_replaced_is_not_used(tmp_path, fresh, caplog):
    builds = Builds()
    cached(tmp_path, builds)
    folder = cache_folder(tmp_path)
    stored.check_ahead(folder)
    content = bytearray((folder / DATA).read_bytes())  # the same length, another file
    content[len(content) // 3] ^= 0x5A
    (folder / "damaged").write_bytes(bytes(content))
    (folder / "damaged").replace(folder / DATA)
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        assert answers(cached(tmp_path, builds)) == fresh
    assert "checksum mismatch" in caplog.text
    assert builds.count == 2
    stored._AHEAD.clear()


def test_a_cache_of_another_release_is_not_used(tmp_path, caplog):
    other = {"release": "6", "checksum": "old"}
    other_inputs = (small_inputs()[0][:3], small_inputs()[1])
    cached(tmp_path, lambda: build_arrays(*other_inputs), release=other)
    # The other release's folder, under this release's name: its manifest gives it away.
    shutil.copytree(cache_folder(tmp_path, other), cache_folder(tmp_path))
    builds = Builds()
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        index = cached(tmp_path, builds)
    assert builds.count == 1
    assert "stale" in caplog.text
    assert answers(index) == answers(MatchIndex.build(*small_inputs()))
    assert len(index) == len(small_inputs()[0])


def test_a_cache_of_another_matcher_version_is_not_used(tmp_path, monkeypatch, fresh, caplog):
    builds = Builds()
    with monkeypatch.context() as older:
        older.setattr(stored, "matcher_version", lambda: "an-older-matcher")
        cached(tmp_path, builds)
        old_folder = cache_folder(tmp_path)
    assert old_folder != cache_folder(tmp_path)  # another version, another folder
    shutil.copytree(old_folder, cache_folder(tmp_path))  # and if it were in ours:
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        index = cached(tmp_path, builds)
    assert builds.count == 2
    assert "stale" in caplog.text
    assert answers(index) == fresh


def test_the_matcher_version_is_a_digest_of_the_matcher():
    version = stored.matcher_version()
    assert len(version) == 20
    assert int(version, 16) >= 0
    assert index_identity(RELEASE)["matcher"] == version


def test_threads_building_at_once_build_once_and_agree(tmp_path, fresh):
    builds = Builds()
    start = threading.Barrier(4)
    found: list = []

    def worker() -> None:
        start.wait()
        found.append(answers(cached(tmp_path, builds)))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds.count == 1  # the others waited for the lock, then mapped its cache
    assert found == [fresh] * 4
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == [cache_folder(tmp_path).name]


def _build_in_a_process(root: str, log: str, start) -> None:
    def build() -> dict:
        with Path(log).open("a") as handle:
            handle.write("built\n")
        return build_arrays(*small_inputs())

    start.wait()
    index = load_or_build(Path(root), index_identity(RELEASE), build, MatchIndex.from_arrays)
    with Path(log).open("a") as handle:
        handle.write(json.dumps([c.uri for c in index.match("nurse").candidates]) + "\n")


def test_processes_building_at_once_build_once_and_agree(tmp_path, fresh):
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    log = tmp_path / "log.txt"
    processes = [
        context.Process(target=_build_in_a_process, args=(str(tmp_path / "c"), str(log), start))
        for _ in range(3)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    lines = log.read_text().splitlines()
    assert lines.count("built") == 1
    nurse = json.dumps([c.uri for c in fresh[0].candidates])
    assert sorted(line for line in lines if line != "built") == [nurse] * 3
    load(cache_folder(tmp_path / "c"), index_identity(RELEASE))


def test_an_unwritable_root_builds_in_memory_with_a_log_line(tmp_path, fresh, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    builds = Builds()
    with caplog.at_level(logging.WARNING, logger="matching.stored"):
        index = cached(blocker / "cache", builds)
    assert answers(index) == fresh
    assert "built in memory" in caplog.text
    assert builds.count == 1


def test_a_cache_that_cannot_be_written_builds_in_memory(tmp_path, monkeypatch, fresh, caplog):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(stored, "save", refuse)
    builds = Builds()
    with caplog.at_level(logging.WARNING, logger="matching.stored"):
        index = cached(tmp_path, builds)
    assert answers(index) == fresh
    assert "cannot be written" in caplog.text
    assert not cache_folder(tmp_path).exists()


def test_old_releases_caches_are_pruned_beyond_a_few(tmp_path):
    for release in range(1, 6):
        cached(tmp_path, Builds(), release={"release": str(release), "checksum": "x"})
    left = sorted(p.name.split("-")[1] for p in tmp_path.iterdir() if p.is_dir())
    assert left == ["3", "4", "5"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_arrays_outside_the_data_file_are_refused(tmp_path):
    cached(tmp_path, Builds())
    folder = cache_folder(tmp_path)
    manifest = json.loads((folder / MANIFEST).read_text())
    first = next(iter(manifest["arrays"]))
    manifest["arrays"][first]["offset"] = manifest["size"]
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(stored.CacheFaultError, match="outside"):
        load(folder, index_identity(RELEASE))


@pytest.mark.full_data
def test_the_full_index_answers_the_same_mapped(tmp_path, full_store, full_index):
    from tests.matching.everyday import load as everyday

    titles = [row.title for row in everyday("fit")][:400] + TITLES
    release = full_store.require_release()
    named = {"release": str(release.id), "checksum": release.checksum}
    identity = index_identity(named)
    stored.save(tmp_path / folder_name(identity), identity, full_index.arrays)
    again = MatchIndex.cached(tmp_path, named, lambda: pytest.fail("a good cache was rebuilt"))
    assert is_mapped(again.arrays["lab_occ"])
    assert not is_mapped(full_index.arrays["lab_occ"])
    for title in titles:
        assert again.match(title) == full_index.match(title)
        assert again.suggest(title[:4]) == full_index.suggest(title[:4])


def test_an_index_without_labels_is_cached_too(tmp_path):
    occupations, _ = small_inputs()

    def build() -> dict:
        return build_arrays(occupations, [])

    first = load_or_build(tmp_path, index_identity(RELEASE), build, MatchIndex.from_arrays)
    again = load_or_build(
        tmp_path, index_identity(RELEASE), lambda: pytest.fail("rebuilt"), MatchIndex.from_arrays
    )
    assert is_mapped(again.arrays["occ_prior"])
    for index in (first, again):
        assert len(index) == len(occupations)
        assert index.match("nurse").status == "no_match"
        assert index.suggest("nur") == []
