"""Finding the CSV files of an ESCO bundle in directories, zips and URLs.

ESCO ships its CSV download in two layouts (v1.1.x keeps the relation files, without a
language suffix, in a separate language-independent package; v1.2.x names them `…_en.csv`),
and users hand us either, so files are recognised by name wherever they sit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO

csv.field_size_limit(sys.maxsize)  # ESCO's concept-scheme file has fields over 128 KiB

# What each kind of file must hold; other columns (v1.2.x adds label columns) are ignored.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "occupations": (
        "conceptUri",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "iscoGroup",
        "code",
        "description",
    ),
    "occupations_labels": ("conceptUri", "preferredLabel"),
    "skills": (
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "description",
    ),
    "skills_labels": ("conceptUri", "preferredLabel"),
    "relations": ("occupationUri", "relationType", "skillUri"),
    "broader_skills": ("conceptUri", "broaderUri"),
    "hierarchy": tuple(f"Level {n} {part}" for n in range(4) for part in ("URI", "code")),
    "skill_groups": ("conceptUri", "preferredLabel", "code"),
    "isco_groups": ("conceptUri", "code", "preferredLabel"),
    "collection": ("conceptUri",),
}

# ESCO's own hierarchy file leaves trailing empty columns out of shallow rows.
RAGGED_KINDS = frozenset({"hierarchy"})

_LANGUAGE_FILES = {
    "occupations": "occupations",
    "skills": "skills",
    "skillshierarchy": "hierarchy",
    "skillgroups": "skill_groups",
    "iscogroups": "isco_groups",
}
_SHARED_FILES = {
    "occupationskillrelations": "relations",
    "broaderrelationsskillpillar": "broader_skills",
}
_COLLECTIONS = {
    "digitalskillscollection": "digital",
    "transversalskillscollection": "transversal",
    "greenskillscollection": "green",
    "languageskillscollection": "language",
    "digcompskillscollection": "digcomp",
    "researchskillscollection": "research",
}
_NAME = re.compile(r"^(?P<stem>[a-z]+?)(?:_(?P<lang>[a-z]{2}))?\.csv$")
_VERSION = re.compile(r"v(\d+\.\d+(?:\.\d+)?)", re.IGNORECASE)


class BundleError(Exception):
    """The source is not a usable ESCO bundle; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class CsvFile:
    """One CSV file of a bundle, opened lazily so nothing is read twice into memory."""

    kind: str  # key of REQUIRED_COLUMNS, or a collection name for collection files
    language: str | None
    name: str  # shown in messages, e.g. "en/occupations_en.csv"
    size: int
    opener: Callable[[], IO[bytes]]
    origin: str = ""  # the source it came from, as given (a directory, a zip, a URL)


@dataclass(slots=True)
class Bundle:
    """The files of one import, gathered from every source given."""

    sources: list[str] = field(default_factory=list)
    files: list[CsvFile] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[CsvFile]:
        """Files of one kind, in a stable order."""
        return sorted((f for f in self.files if f.kind == kind), key=lambda f: f.name)

    @property
    def base_language(self) -> str:
        """The language whose skills file carries the release (English unless absent)."""
        languages = sorted({f.language or "" for f in self.of_kind("skills")})
        if "en" in languages:
            return "en"
        if not languages:
            raise BundleError(_missing_message(self, "skills_<lang>.csv"))
        return languages[0]

    @property
    def total_bytes(self) -> int:
        """What progress counts against."""
        return sum(f.size for f in self.files)

    def checksum(self) -> str:
        """SHA-256 over every file, by name: equal bundles give equal sums, wherever they sit."""
        digest = hashlib.sha256()
        for csv_file in sorted(self.files, key=lambda f: (f.kind, f.language or "", f.name)):
            digest.update(f"{csv_file.kind}:{csv_file.language}\n".encode())
            with csv_file.opener() as stream:
                for chunk in iter(lambda s=stream: s.read(1 << 20), b""):
                    digest.update(chunk)
        return digest.hexdigest()

    def version(self) -> str:
        """ESCO version named by the sources (e.g. a `v1.1.1` folder or zip name).

        The source of the release's own skills file speaks first, so a labels-only source
        given before it (`v1.0.x-skill-labels`, `v1.2.0/de`) does not name the release.
        """
        try:
            own = [f.origin for f in self.base_files("skills") if f.origin]
        except BundleError:
            own = []
        for source in [*own, *self.sources]:
            found = _VERSION.findall(source)
            if found:
                return "v" + found[-1]
        return "unknown"

    def base_files(self, kind: str) -> list[CsvFile]:
        """Files of a kind that belong to this release: in its language, or language-free."""
        base = self.base_language
        return [f for f in self.of_kind(kind) if kind not in _LANGUAGE_KINDS or f.language == base]

    def base_file(self, kind: str) -> CsvFile | None:
        """The release's file of an optional kind, if given."""
        files = self.base_files(kind)
        return files[0] if files else None

    def required_file(self, kind: str) -> CsvFile:
        """The release's file of a kind it cannot do without, or a one-line refusal."""
        found = self.base_file(kind)
        if found is None:
            name = REQUIRED_FILES[kind].format(base=self.base_language)
            raise BundleError(_missing_message(self, name))
        return found

    def validate(self) -> None:
        """Refuse, with one line, a bundle that lacks a file or gives one twice."""
        for kind in REQUIRED_FILES:
            self.required_file(kind)
        for kind in ("relations", "broader_skills", "hierarchy", "skill_groups", "isco_groups"):
            names = [f.name for f in self.base_files(kind)]
            if len(names) > 1:
                raise BundleError(f"more than one {kind} file given: {', '.join(names)}")


_LANGUAGE_KINDS = {"occupations", "skills", "hierarchy", "skill_groups", "isco_groups"}
REQUIRED_FILES = {
    "skills": "skills_{base}.csv",
    "occupations": "occupations_{base}.csv",
    "relations": "occupationSkillRelations.csv",
    "broader_skills": "broaderRelationsSkillPillar.csv",
    "hierarchy": "skillsHierarchy_{base}.csv",
}


def _missing_message(bundle: Bundle, name: str) -> str:
    where = ", ".join(bundle.sources) or "the source"
    return f"{where}: no {name} found; is this an ESCO CSV bundle (classification, CSV)?"


def classify(filename: str) -> tuple[str, str | None] | None:
    """The kind and language of a bundle file from its name, or None for files we skip."""
    match = _NAME.match(Path(filename).name.lower())
    if not match:
        return None
    stem, language = match["stem"], match["lang"]
    if stem in _LANGUAGE_FILES and language:
        return _LANGUAGE_FILES[stem], language
    if stem in _SHARED_FILES:
        return _SHARED_FILES[stem], None
    if stem in _COLLECTIONS:
        return _COLLECTIONS[stem], language
    return None


def add_directory(bundle: Bundle, directory: Path, origin: str | None = None) -> int:
    """Add every recognised CSV anywhere below a directory; returns how many.

    `origin` is the source as the user gave it (default: the directory).
    """
    origin = str(directory) if origin is None else origin
    found = 0
    for path in sorted(directory.rglob("*.csv")):
        kind = classify(path.name)
        if kind and path.is_file():
            name = str(path.relative_to(directory))
            bundle.files.append(
                CsvFile(
                    kind[0],
                    kind[1],
                    name,
                    path.stat().st_size,
                    lambda p=path: p.open("rb"),
                    origin,
                )
            )
            found += 1
    return found


def add_zip(bundle: Bundle, path: Path, origin: str | None = None) -> int:
    """Add every recognised CSV inside a zip, as ESCO publishes it; returns how many.

    `origin` is the source as the user gave it (default: the zip's path).
    """
    origin = str(path) if origin is None else origin
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{path}: not a readable zip file ({exc})") from None
    if bad is not None:
        raise BundleError(f"{path}: the zip is damaged (bad CRC in {bad})")
    found = 0
    for member in members:
        kind = classify(member.filename)
        if kind:
            bundle.files.append(
                CsvFile(
                    kind[0],
                    kind[1],
                    f"{path.name}:{member.filename}",
                    member.file_size,
                    lambda p=path, m=member.filename: _open_member(p, m),
                    origin,
                )
            )
            found += 1
    return found


def _open_member(path: Path, member: str) -> IO[bytes]:
    archive = zipfile.ZipFile(path)
    stream = archive.open(member)
    original_close = stream.close

    def close() -> None:
        original_close()
        archive.close()

    stream.close = close  # type: ignore[method-assign]
    return stream


def read_rows(
    csv_file: CsvFile,
    kind: str,
    columns: Sequence[str],
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, ...]]:
    """Stream the chosen `columns` of a file's rows as tuples, checking the header first.

    Tuples, not dicts: building a dict per row cost more than parsing on the largest files.
    Columns of `columns` that the kind does not require may be absent and read as "".
    A truncated or malformed file raises BundleError naming the file and line, so the import
    stops before anything is switched.
    """
    with csv_file.opener() as raw:
        counted = _CountingReader(raw, on_bytes)
        text = io.TextIOWrapper(counted, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise BundleError(f"{csv_file.name}: the file is empty")
            missing = [c for c in REQUIRED_COLUMNS[kind] if c not in header]
            if missing:
                raise BundleError(
                    f"{csv_file.name}: missing column(s) {', '.join(missing)}; "
                    f"found {', '.join(header[:8])}"
                )
            width = len(header)
            # Absent optional columns point one past the row, where a "" is appended.
            picks = [header.index(c) if c in header else width for c in columns]
            pick = itemgetter(*picks) if len(picks) > 1 else (lambda r, i=picks[0]: (r[i],))
            pad = width in picks
            ragged = kind in RAGGED_KINDS
            for row in reader:
                if len(row) != width:
                    if not any(row):
                        continue
                    if not (ragged and len(row) < width):
                        raise BundleError(
                            f"{csv_file.name}, line {reader.line_num}: expected {width} "
                            f"fields, found {len(row)} (truncated or malformed file)"
                        )
                    row.extend([""] * (width - len(row)))
                if pad:
                    row.append("")
                yield pick(row)
        except csv.Error as exc:
            raise BundleError(
                f"{csv_file.name}, line {reader.line_num}: malformed CSV ({exc})"
            ) from None
        except UnicodeDecodeError:
            raise BundleError(f"{csv_file.name}: not UTF-8 text") from None
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise BundleError(f"{csv_file.name}: cannot read ({exc})") from None


class _CountingReader(io.RawIOBase):
    """Reports bytes as they are read, so progress follows the parser without a second pass."""

    def __init__(self, raw: IO[bytes], on_bytes: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        if self._on_bytes and size:
            self._on_bytes(size)
        return size
