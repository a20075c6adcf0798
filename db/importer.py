"""Loading an ESCO bundle into the store as a new release, switched in atomically.

The whole load runs in one transaction that ends by making the new release the serving one:
readers keep the old release until the commit, and a failure or a kill at any moment rolls
back to exactly what was serving before.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, exists, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from db import schema
from db.bulk import BulkWriter
from db.bundle import Bundle, BundleError, CsvFile, read_rows
from db.changes import RELEASE, announce
from db.scores import SCORE_COLUMNS, ScoreRows, compute_scores
from db.skill_groups import PillarIndex, groups_from_hierarchy
from scoring import MODEL_VERSION

IMPORT_LOCK_KEY = 0x77696C6C  # "will": the advisory lock imports take on PostgreSQL
LABEL_COLUMNS = ("release_id", "occupation_uri", "label", "kind", "language")
Progress = Callable[[str, int, int], None]  # (phase, bytes done, bytes in all)
OccupationRow = tuple[str, str, str, str, str]  # uri, label, code, ISCO group, description
LabelRow = tuple[str, str, str, str]  # occupation uri, label, kind, language


@dataclass(frozen=True, slots=True)
class LoadedLabels:
    """What the match index is built from, as this import parsed it, before it is committed.

    Handed out (`import_bundle`'s ``labels_loaded``) once the occupation files are in and
    while relations, scores and the commit are still to come: the index can be laid out
    meanwhile, on another core, instead of after the commit from rows read back. The rows are
    those `Store.match_inputs` reads back once the release serves, in the same order:
    occupations by URI, labels in the order they were stored.
    """

    release_id: int
    checksum: str
    occupations: list[OccupationRow]
    labels: list[LabelRow]


LabelsLoaded = Callable[[LoadedLabels], None]


MISENCODED_NBSP = "\u00c2\u00a0"
"""A no-break space's UTF-8 bytes read as Latin-1 and encoded again: "Â" and the space."""


def repaired(text: str) -> str:
    """The text with ESCO's mis-encoded no-break spaces made plain spaces again.

    ESCO v1.1.1's English occupation descriptions hold eight ("provide education toÂ
    students"), which the answer would otherwise show as they are. A "Â" before anything
    else is left alone: it may be a real letter.
    """
    return text.replace(MISENCODED_NBSP, " ") if "\u00c2" in text else text


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the summary line and `data status`."""

    status: str  # "imported" | "unchanged"
    version: str
    checksum: str
    release_id: int | None
    counts: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase


class _Tally:
    """Counts data quirks so the summary can say what was skipped and why."""

    def __init__(self) -> None:
        self.quirks: Counter[str] = Counter()

    def note(self, what: str, n: int = 1) -> None:
        self.quirks[what] += n

    def warnings(self) -> list[str]:
        return [f"{n:,} {what}" for what, n in sorted(self.quirks.items())]


class _ProgressMeter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress, self.phase = total, 0, progress, ""

    def file(self, csv_file: CsvFile) -> Callable[[int], None]:
        self.phase = csv_file.name
        return self.advance

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        if self.progress:
            self.progress(self.phase, self.done, self.total)

    def announce(self, phase: str) -> None:
        self.phase = phase
        if self.progress:
            self.progress(phase, self.done, self.total)

    def counter(self, phase: str) -> Callable[[int, int], None]:
        """A step counted in its own units (occupations, rows) rather than bundle bytes."""

        def report(done: int, total: int) -> None:
            if self.progress:
                self.progress(phase, done, total)

        return report

    def step(self, phase: str) -> None:
        """A step whose length is unknown (total 0): shown by name alone."""
        if self.progress:
            self.progress(phase, 0, 0)


def serving_release(conn: Connection) -> schema.Release | None:
    """The release answers come from, if any."""
    row = conn.execute(
        select(schema.Release.__table__).where(
            schema.Release.__table__.c.status == schema.ReleaseStatus.SERVING
        )
    ).first()
    return schema.Release.model_validate(row._mapping) if row else None


class StoreRefusedError(Exception):
    """The database would not take the import; the previous release still serves."""


def import_bundle(
    engine: Engine,
    bundle: Bundle,
    *,
    version: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
    labels_loaded: LabelsLoaded | None = None,
) -> ImportReport:
    """Load `bundle` as the new serving release, or report that it is already serving.

    `labels_loaded` is called once with the occupations and labels, before the commit (see
    `LoadedLabels`); not at all when the release is already serving or the load fails first.
    """
    started = time.perf_counter()
    bundle.validate()
    checksum = bundle.checksum()
    version = version or bundle.version()

    meter = _ProgressMeter(bundle.total_bytes, progress)
    tally = _Tally()
    try:
        return _import_locked(
            engine, bundle, checksum, version, meter, tally, force, started, labels_loaded
        )
    except OperationalError as exc:  # disk full, read-only file, lost server: said in one line
        reason = str(exc.orig or exc).splitlines()[0]
        raise StoreRefusedError(f"the store refused the import: {reason}") from exc
    except _AlreadyServing as serving:
        current = serving.release
        return ImportReport(
            "unchanged",
            current.version,
            checksum,
            current.id,
            json.loads(current.counts_json),
            [],
            time.perf_counter() - started,
        )


class _AlreadyServing(Exception):  # noqa: N818 - a signal that rolls the transaction back
    """The same data and model already serve: the import's transaction rolls back."""

    def __init__(self, release: schema.Release) -> None:
        super().__init__(release.version)
        self.release = release


def _import_locked(  # noqa: PLR0917 - the one caller passes what it measured
    engine: Engine,
    bundle: Bundle,
    checksum: str,
    version: str,
    meter: _ProgressMeter,
    tally: _Tally,
    force: bool,
    started: float,
    labels_loaded: LabelsLoaded | None,
) -> ImportReport:
    """The import proper, holding the store's import lock from its first statement.

    The "already serving" check runs under the lock: two imports of the same data started
    together do the work once, and the second reports "unchanged".
    """
    timings = {"checksum": time.perf_counter() - started}
    with engine.begin() as conn:
        _serialise_imports(conn)
        release_id = conn.execute(
            insert(schema.Release.__table__).values(
                version=version,
                source=" ".join(bundle.sources),
                checksum=checksum,
                status=schema.ReleaseStatus.LOADING,
                imported_at=datetime.now(UTC),
                model_version=MODEL_VERSION,
            )
        ).inserted_primary_key[0]  # on SQLite, this first write takes the writer's lock
        current = serving_release(conn)
        if (
            current
            and not force
            and current.checksum == checksum
            and current.model_version == MODEL_VERSION
        ):
            raise _AlreadyServing(current)
        with BulkWriter(conn) as writer:
            loader = _ReleaseLoader(writer, release_id, bundle, meter, tally)
            if labels_loaded is not None:
                loader.hand_out_labels(
                    lambda occupations, labels: labels_loaded(
                        LoadedLabels(release_id, checksum, occupations, labels)
                    )
                )
            phase = time.perf_counter()
            counts = loader.load()
            timings["load"] = time.perf_counter() - phase  # parse and insert
            phase = time.perf_counter()
            scored = compute_scores(loader.score_rows(), meter.counter("scoring occupations"))
            timings["score"] = time.perf_counter() - phase
            phase = time.perf_counter()
            writer.insert(
                schema.OccupationScore.__table__,
                SCORE_COLUMNS,
                scored.rows(release_id, meter.counter("storing scores")),
            )
            counts["scores"] = scored.count
            timings["store_scores"] = time.perf_counter() - phase
        meter.step("committing")
        phase = time.perf_counter()
        seconds = time.perf_counter() - started
        release_table = schema.Release.__table__
        conn.execute(
            update(release_table)
            .where(release_table.c.status == schema.ReleaseStatus.SERVING)
            .values(status=schema.ReleaseStatus.RETIRED)
        )
        conn.execute(
            update(release_table)
            .where(release_table.c.id == release_id)
            .values(
                status=schema.ReleaseStatus.SERVING,
                counts_json=json.dumps(counts),
                warnings_json=json.dumps(tally.warnings()),
                seconds=round(seconds, 3),
            )
        )
        announce(conn, RELEASE)  # the other bot processes switch when this commits
    timings["commit"] = time.perf_counter() - phase
    meter.step("removing older releases")
    phase = time.perf_counter()
    purge_retired(engine)
    timings["purge"] = time.perf_counter() - phase
    return ImportReport(
        "imported",
        version,
        checksum,
        release_id,
        counts,
        tally.warnings(),
        time.perf_counter() - started,
        {name: round(value, 3) for name, value in timings.items()},
    )


def _serialise_imports(conn: Connection) -> None:
    """One import at a time per store, even across processes and shards.

    SQLite already serialises writers; PostgreSQL gets a transaction-scoped advisory lock.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL statement_timeout = 0"))  # an import may wait and take long
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})


def record_failure(engine: Engine, sources: list[str], error: str) -> None:
    """Keep a trace of a failed import for `status`; the serving release is untouched."""
    with engine.begin() as conn:
        conn.execute(
            insert(schema.Release.__table__).values(
                version="",
                source=" ".join(sources),
                status=schema.ReleaseStatus.FAILED,
                imported_at=datetime.now(UTC),
                error=error[:2000],
            )
        )


def purge_retired(engine: Engine) -> None:
    """Drop the rows of releases no longer serving; harmless to repeat after a crash."""
    release_table = schema.Release.__table__
    serving = select(release_table.c.id).where(
        release_table.c.status == schema.ReleaseStatus.SERVING
    )
    # One statement per table, reading the serving id itself: a release switched in by another
    # process meanwhile is never mistaken for an old one.
    with engine.begin() as conn:
        for model in schema.RELEASE_TABLES:
            table: Table = model.__table__  # type: ignore[attr-defined]
            conn.execute(table.delete().where(table.c.release_id.not_in(serving), exists(serving)))
        conn.execute(
            release_table.delete().where(release_table.c.status == schema.ReleaseStatus.LOADING)
        )


def _split(values: str) -> list[str]:
    """ESCO multi-valued fields are newline-separated (some exports use ' | ')."""
    if not values:
        return []
    parts = values.split("\n") if "\n" in values else values.split(" | ")
    return [part.strip() for part in parts if part.strip()]


class _ReleaseLoader:
    """Reads each file once, inserting as it goes and keeping only what scoring needs."""

    def __init__(
        self,
        writer: BulkWriter,
        release_id: int,
        bundle: Bundle,
        meter: _ProgressMeter,
        tally: _Tally,
    ) -> None:
        self.writer, self.release_id, self.bundle = writer, release_id, bundle
        self.meter, self.tally = meter, tally
        self.base = bundle.base_language
        self.skills: dict[str, dict[str, str]] = {}
        self.skill_codes: dict[str, tuple[str, ...]] = {}
        self.collections: dict[str, set[str]] = defaultdict(set)
        self.occupations: dict[str, dict[str, str]] = {}
        self.relations: dict[str, tuple[list[str], list[str]]] = {}
        self.label_counts: Counter[str] = Counter()
        self.description_counts: Counter[str] = Counter()
        self._labels_loaded: Callable[[list[OccupationRow], list[LabelRow]], None] | None = None
        self._label_rows: list[LabelRow] = []

    def hand_out_labels(
        self, receiver: Callable[[list[OccupationRow], list[LabelRow]], None]
    ) -> None:
        """Have `load` keep every occupation label and pass them on as soon as all are in."""
        self._labels_loaded = receiver

    def rows(self, csv_file: CsvFile, kind: str, *columns: str) -> Iterator[tuple[str, ...]]:
        return read_rows(csv_file, kind, columns, self.meter.file(csv_file))

    def load(self) -> dict[str, Any]:
        """Every file, occupations and their labels first: they are what can be handed out."""
        self._load_occupations()
        self._load_other_labels()
        if self._labels_loaded is not None:
            occupations = [
                (uri, o["label"], o["code"], o["isco_group"], o["description"])
                for uri, o in sorted(self.occupations.items())
            ]
            self._labels_loaded(occupations, self._label_rows)
            self._label_rows = []
        pillar = self._load_pillar()
        self._load_skills(pillar)
        self._load_collections()
        skill_labels = self._load_skill_labels()
        isco = self._load_isco()
        relation_count = self._load_relations()
        return {
            "occupations": len(self.occupations),
            "skills": len(self.skills),
            "relations": relation_count,
            "isco_groups": isco,
            "labels": dict(sorted(self.label_counts.items())),
            "descriptions": dict(sorted(self.description_counts.items())),
            "language": self.base,
            "skill_labels": skill_labels,
        }

    def _load_pillar(self) -> PillarIndex:
        hierarchy = self.bundle.required_file("hierarchy")
        columns = [
            f"Level {n} {part}" for n in range(4) for part in ("URI", "code", "preferred term")
        ]
        groups = groups_from_hierarchy(
            dict(zip(columns, row, strict=True))
            for row in self.rows(hierarchy, "hierarchy", *columns)
        )
        labels: dict[str, str] = {}
        group_file = self.bundle.base_file("skill_groups")
        if group_file is not None:
            labels = dict(self.rows(group_file, "skill_groups", "conceptUri", "preferredLabel"))
        self.writer.insert(
            schema.SkillGroup.__table__,
            ("release_id", "uri", "code", "level", "label"),
            (
                (self.release_id, g.uri, g.code, g.level, labels.get(g.uri) or g.label)
                for g in groups.values()
            ),
        )
        parents: dict[str, list[str]] = defaultdict(list)
        broader = self.bundle.required_file("broader_skills")
        for child, parent in self.rows(broader, "broader_skills", "conceptUri", "broaderUri"):
            parents[child].append(parent)
        return PillarIndex(groups, parents)

    def _load_skills(self, pillar: PillarIndex) -> None:
        skills_file = self.bundle.required_file("skills")
        memberships: list[tuple[int, str, str, int]] = []

        def skill_rows() -> Iterator[tuple[Any, ...]]:
            for uri, skill_type, reuse, label, alt_labels, description in self.rows(
                skills_file,
                "skills",
                "conceptUri",
                "skillType",
                "reuseLevel",
                "preferredLabel",
                "altLabels",
                "description",
            ):
                if uri in self.skills:
                    self.tally.note("duplicate skill rows skipped")
                    continue
                if not skill_type:
                    self.tally.note("skills with an empty skillType (kept)")
                self.skills[uri] = {
                    "label": label,
                    "description": description,
                    "skill_type": skill_type,
                    "reuse_level": reuse,
                }
                codes = sorted(pillar.codes_of(uri), key=lambda c: (c[1], c[0]))
                self.skill_codes[uri] = tuple(code for code, _ in codes)
                memberships.extend((self.release_id, uri, code, level) for code, level in codes)
                yield self.release_id, uri, skill_type, reuse, label, alt_labels, description

        self.writer.insert(
            schema.Skill.__table__,
            (
                "release_id",
                "uri",
                "skill_type",
                "reuse_level",
                "preferred_label",
                "alt_labels",
                "description",
            ),
            skill_rows(),
        )
        self.writer.insert(
            schema.SkillGroupMembership.__table__,
            ("release_id", "skill_uri", "group_code", "level"),
            memberships,
        )
        if not self.skills:
            raise BundleError(f"{skills_file.name}: holds no skills")

    def _load_collections(self) -> None:
        rows: list[tuple[int, str, str]] = []
        for kind in ("digital", "transversal", "green", "language", "digcomp", "research"):
            for csv_file in self.bundle.of_kind(kind):
                if csv_file.language not in (self.base, None):
                    continue
                for (uri,) in self.rows(csv_file, "collection", "conceptUri"):
                    if uri in self.skills and kind not in self.collections[uri]:
                        self.collections[uri].add(kind)
                        rows.append((self.release_id, uri, kind))
        self.writer.insert(
            schema.SkillCollection.__table__,
            ("release_id", "skill_uri", "collection"),
            rows,
        )

    def _load_skill_labels(self) -> dict[str, dict[str, int]]:
        """Preferred and alternative skill labels from skills_XX.csv in other languages.

        Such a file may come from another ESCO version (the v1.0.x French and Spanish labels
        beside a v1.1.1 release): rows of skills the release lacks, a second row of a skill,
        and rows with no preferred label are counted and skipped, never an error. Returns,
        per language, the skills labelled and the labels stored.
        """
        seen: set[tuple[str, str]] = set()
        counts: dict[str, Counter[str]] = defaultdict(Counter)

        def label_rows() -> Iterator[tuple[int, str, str, str, str]]:
            for csv_file in self.bundle.of_kind("skills"):
                language = csv_file.language or ""
                if language == self.base:
                    continue
                for uri, label, alt_labels in self.rows(
                    csv_file, "skills_labels", "conceptUri", "preferredLabel", "altLabels"
                ):
                    if uri not in self.skills:
                        self.tally.note(f"{language} rows of skills not in the release skipped")
                        continue
                    if not label.strip():
                        self.tally.note(f"{language} skill rows without a preferredLabel skipped")
                        continue
                    if (language, uri) in seen:
                        self.tally.note(f"duplicate {language} skill rows skipped")
                        continue
                    seen.add((language, uri))
                    counts[language]["skills"] += 1
                    values = dict.fromkeys([label.strip(), *_split(alt_labels)])
                    for number, value in enumerate(values):
                        counts[language]["labels"] += 1
                        kind = "preferred" if number == 0 else "alt"
                        yield self.release_id, uri, value, kind, language

        self.writer.insert(
            schema.SkillLabel.__table__,
            ("release_id", "skill_uri", "label", "kind", "language"),
            label_rows(),
        )
        return {
            language: {"skills": n["skills"], "labels": n["labels"]}
            for language, n in sorted(counts.items())
        }

    def _load_isco(self) -> int:
        isco_file = self.bundle.base_file("isco_groups")
        if isco_file is None:
            return 0
        seen: set[str] = set()

        def isco_rows() -> Iterator[tuple[int, str, str, str, str]]:
            for uri, code, label, description in self.rows(
                isco_file,
                "isco_groups",
                "conceptUri",
                "code",
                "preferredLabel",
                "description",
            ):
                if code in seen:
                    self.tally.note("duplicate ISCO group rows skipped")
                    continue
                seen.add(code)
                yield self.release_id, code, uri, label, description

        return self.writer.insert(
            schema.IscoGroup.__table__,
            ("release_id", "code", "uri", "label", "description"),
            isco_rows(),
        )

    def _labels(
        self, uri: str, preferred: str, alt: str, hidden: str, language: str
    ) -> Iterator[tuple[int, str, str, str, str]]:
        seen: set[str] = set()
        for kind, values in (
            ("preferred", [preferred]),
            ("alt", _split(alt)),
            ("hidden", _split(hidden)),
        ):
            for value in values:
                if value and value not in seen:
                    seen.add(value)
                    self.label_counts[language] += 1
                    if self._labels_loaded is not None:
                        self._label_rows.append((uri, value, kind, language))
                    yield self.release_id, uri, value, kind, language

    def _load_occupations(self) -> None:
        occupations_file = self.bundle.required_file("occupations")
        labels: list[tuple[int, str, str, str, str]] = []

        def occupation_rows() -> Iterator[tuple[int, str, str, str, str, str, str]]:
            for uri, label, alt, hidden, isco, code, raw_description, regulated in self.rows(
                occupations_file,
                "occupations",
                "conceptUri",
                "preferredLabel",
                "altLabels",
                "hiddenLabels",
                "iscoGroup",
                "code",
                "description",
                "regulatedProfessionNote",
            ):
                if uri in self.occupations:
                    self.tally.note("duplicate occupation rows skipped")
                    continue
                description = repaired(raw_description)
                self.occupations[uri] = {
                    "label": label,
                    "code": code,
                    "isco_group": isco,
                    "description": description,
                }
                labels.extend(self._labels(uri, label, alt, hidden, self.base))
                yield self.release_id, uri, code, isco, label, description, regulated

        self.writer.insert(
            schema.Occupation.__table__,
            (
                "release_id",
                "uri",
                "code",
                "isco_group",
                "preferred_label",
                "description",
                "regulated_note",
            ),
            occupation_rows(),
        )
        self.writer.insert(schema.OccupationLabel.__table__, LABEL_COLUMNS, labels)
        if not self.occupations:
            raise BundleError(f"{occupations_file.name}: holds no occupations")

    def _load_other_labels(self) -> None:
        """Labels and descriptions from occupations_XX.csv in the other languages.

        The first description of an occupation in a language is kept; label files without a
        ``description`` column (older ESCO versions) add labels only.
        """
        descriptions: dict[tuple[str, str], str] = {}

        def label_rows() -> Iterator[tuple[int, str, str, str, str]]:
            for csv_file in self.bundle.of_kind("occupations"):
                if csv_file.language == self.base:
                    continue
                language = csv_file.language or ""
                for uri, label, alt, hidden, description in self.rows(
                    csv_file,
                    "occupations_labels",
                    "conceptUri",
                    "preferredLabel",
                    "altLabels",
                    "hiddenLabels",
                    "description",
                ):
                    if uri not in self.occupations:
                        self.tally.note(
                            f"{language} rows of occupations not in the release skipped"
                        )
                        continue
                    if description.strip():
                        descriptions.setdefault((language, uri), repaired(description).strip())
                    yield from self._labels(uri, label, alt, hidden, language)

        self.writer.insert(schema.OccupationLabel.__table__, LABEL_COLUMNS, label_rows())
        self.writer.insert(
            schema.OccupationDescription.__table__,
            ("release_id", "occupation_uri", "language", "description"),
            (
                (self.release_id, uri, language, text)
                for (language, uri), text in descriptions.items()
            ),
        )
        self.description_counts.update(language for language, _ in descriptions)

    def _load_relations(self) -> int:
        relations_file = self.bundle.required_file("relations")
        seen: set[tuple[str, str]] = set()
        # Each URI as the one string the occupation or skill is keyed by, not this row's copy:
        # what `seen` and the relations keep would otherwise hold 124,000 copies of each
        # (~40 MB of the import's peak, which its index worker's adds to on the host).
        occupation_uris = {uri: uri for uri in self.occupations}
        skill_uris = {uri: uri for uri in self.skills}

        def relation_rows() -> Iterator[tuple[int, str, str, str, str]]:
            for occupation_row, relation, skill_row, given_type in self.rows(
                relations_file,
                "relations",
                "occupationUri",
                "relationType",
                "skillUri",
                "skillType",
            ):
                occupation = occupation_uris.get(occupation_row)
                if occupation is None:
                    self.tally.note("relations to unknown occupations skipped")
                    continue
                skill = skill_uris.get(skill_row)
                if skill is None:
                    self.tally.note("relations to unknown skills skipped")
                    continue
                if relation not in ("essential", "optional"):
                    self.tally.note("relations with an unknown relationType skipped")
                    continue
                if (occupation, skill) in seen:
                    self.tally.note("duplicate relations skipped")
                    continue
                seen.add((occupation, skill))
                skill_type = given_type or self.skills[skill]["skill_type"]
                if not skill_type:
                    self.tally.note("relations with an empty skillType (kept)")
                essential, optional = self.relations.setdefault(occupation, ([], []))
                (essential if relation == "essential" else optional).append(skill)
                yield self.release_id, occupation, skill, relation, skill_type

        return self.writer.insert(
            schema.OccupationSkill.__table__,
            ("release_id", "occupation_uri", "skill_uri", "relation_type", "skill_type"),
            relation_rows(),
        )

    def score_rows(self) -> ScoreRows:
        """Hand the in-memory release to the scorer, sparing a read back from the store."""
        return ScoreRows(
            self.occupations, self.skills, self.skill_codes, self.collections, self.relations
        )
