"""Small hand-written ESCO bundles, in both layouts ESCO has published, for the tests.

Written by hand (not derived from ESCO files) so tests can check exact counts and quirks.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

ESCO = "http://data.europa.eu/esco"
OCC = f"{ESCO}/occupation/"
SKILL = f"{ESCO}/skill/"

OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
RELATION_COLUMNS = ["occupationUri", "relationType", "skillType", "skillUri"]
RELATION_COLUMNS_V12 = [
    "occupationUri",
    "occupationLabel",
    "relationType",
    "skillType",
    "skillUri",
    "skillLabel",
]
BROADER_COLUMNS = ["conceptType", "conceptUri", "broaderType", "broaderUri"]
HIERARCHY_COLUMNS = [
    "Level 0 URI",
    "Level 0 preferred term",
    "Level 1 URI",
    "Level 1 preferred term",
    "Level 2 URI",
    "Level 2 preferred term",
    "Level 3 URI",
    "Level 3 preferred term",
    "Description",
    "Scope note",
    "Level 0 code",
    "Level 1 code",
    "Level 2 code",
    "Level 3 code",
]

# (uri suffix, isco, label, alt labels, description, code)
OCCUPATIONS = [
    (
        "clerk",
        "4132",
        "data entry clerk",
        ["data entry operator", "data typist", "clerk"],
        "Data entry clerks key in, update and back up records.",
        "4132.1",
    ),
    (
        "nurse",
        "2221",
        "specialist nurse",
        ["nurse specialist", "RN", "nurse"],
        "Specialist nurses care for patients and counsel families.",
        "2221.3",
    ),
    (
        "roofer",
        "7121",
        "roofer",
        ["roofing worker"],
        "Roofers cover buildings with roofs and repair them.",
        "7121.1",
    ),
]
# (uri suffix, type, reuse, label, description, broader group)
SKILLS = [
    (
        "process-data",
        "skill/competence",
        "cross-sector",
        "process data",
        "Enter, retrieve and sort data in a database.",
        "grp-s5-1-1",
    ),
    (
        "back-up",
        "skill/competence",
        "cross-sector",
        "perform backups",
        "Copy data to keep it safe.",
        "grp-s5-1-1",
    ),
    (
        "care",
        "skill/competence",
        "sector-specific",
        "care for patients",
        "Look after patients and counsel their families.",
        "grp-s3-1-1",
    ),
    (
        "anatomy",
        "knowledge",
        "sector-specific",
        "human anatomy",
        "The structure of the human body.",
        "isced-0912",
    ),
    (
        "roofing",
        "skill/competence",
        "occupation-specific",
        "install roof covering",
        "Lay tiles on a roof.",
        "grp-s6-1-1",
    ),
    (
        "teamwork",
        "skill/competence",
        "transversal",
        "work in teams",
        "Collaborate with colleagues.",
        "grp-t-1",
    ),
    ("odd", "", "", "untyped skill", "A skill ESCO left without a type.", "grp-s5-1-1"),
]
GROUPS = [  # (suffix, level codes, labels)
    ("grp-s5-1-1", ("S", "S5", "S5.1", "S5.1.1"), "working with computers"),
    ("grp-s3-1-1", ("S", "S3", "S3.1", "S3.1.1"), "assisting and caring"),
    ("grp-s6-1-1", ("S", "S6", "S6.1", "S6.1.1"), "handling and moving"),
    ("grp-t-1", ("T", "T1", "", ""), "core skills and competences"),
]
RELATIONS = [
    ("clerk", "essential", "process-data"),
    ("clerk", "essential", "back-up"),
    ("clerk", "optional", "teamwork"),
    ("clerk", "optional", "odd"),
    ("nurse", "essential", "care"),
    ("nurse", "essential", "anatomy"),
    ("nurse", "essential", "teamwork"),
    ("nurse", "optional", "process-data"),
    ("roofer", "essential", "roofing"),
    ("roofer", "optional", "teamwork"),
    ("ghost", "essential", "care"),  # quirk: an occupation the bundle does not have
    ("clerk", "essential", "process-data"),  # quirk: a duplicate
]
GERMAN = {
    "nurse": "Fachkrankenpfleger/Fachkrankenpflegerin",
    "roofer": "Dachdecker/Dachdeckerin",
    "ghost": "Geisterberuf",
}


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, columns, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _occupation_rows(labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    rows = []
    for suffix, isco, label, alts, description, code in OCCUPATIONS:
        if labels is not None and suffix not in labels:
            continue
        rows.append(
            {
                "conceptType": "Occupation",
                "conceptUri": OCC + suffix,
                "iscoGroup": isco,
                "preferredLabel": labels[suffix] if labels else label,
                "altLabels": "" if labels else "\n".join(alts),
                "status": "released",
                "description": description,
                "code": code,
            }
        )
    if labels and "ghost" in labels:
        rows.append(
            {
                "conceptType": "Occupation",
                "conceptUri": OCC + "ghost",
                "iscoGroup": "9999",
                "preferredLabel": labels["ghost"],
                "code": "9999.1",
            }
        )
    return rows


def write_bundle(root: Path, *, layout: str = "v1.1", version: str = "v1.1.1") -> Path:
    """Write a bundle under root/<version>/; returns that directory."""
    base = root / version
    lang_dir = base / "en" if layout == "v1.1" else base
    rel_dir = base / "relations" if layout == "v1.1" else base
    suffix = "" if layout == "v1.1" else "_en"
    _write(lang_dir / "occupations_en.csv", OCCUPATION_COLUMNS, _occupation_rows())
    _write(
        lang_dir / "skills_en.csv",
        SKILL_COLUMNS,
        [
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": SKILL + s,
                "skillType": t,
                "reuseLevel": r,
                "preferredLabel": label,
                "description": d,
                "status": "released",
            }
            for s, t, r, label, d, _ in SKILLS
        ],
    )
    hierarchy = []
    for suffix_, codes, label in GROUPS:
        row = {
            "Level 0 URI": SKILL + "root-" + codes[0],
            "Level 0 preferred term": codes[0],
            "Level 0 code": codes[0],
        }
        depth = max(i for i, code in enumerate(codes) if code)
        for level in range(1, depth + 1):
            uri = SKILL + (suffix_ if level == depth else f"{suffix_}-l{level}")
            row |= {
                f"Level {level} URI": uri,
                f"Level {level} preferred term": label,
                f"Level {level} code": codes[level],
            }
        hierarchy.append(row)
    hierarchy.append(
        {
            "Level 0 URI": SKILL + "root-K",
            "Level 0 preferred term": "knowledge",
            "Level 0 code": "K",
            "Level 1 URI": f"{ESCO}/isced-f/09",
            "Level 1 preferred term": "health and welfare",
        }
    )
    _write(lang_dir / "skillsHierarchy_en.csv", HIERARCHY_COLUMNS, hierarchy)
    broader = [
        {
            "conceptType": "KnowledgeSkillCompetence",
            "conceptUri": SKILL + s,
            "broaderType": "SkillGroup",
            "broaderUri": f"{ESCO}/isced-f/0912" if g.startswith("isced") else SKILL + g,
        }
        for s, _, _, _, _, g in SKILLS
    ]
    broader += [
        {
            "conceptType": "SkillGroup",
            "conceptUri": f"{ESCO}/isced-f/0912",
            "broaderType": "SkillGroup",
            "broaderUri": f"{ESCO}/isced-f/091",
        },
        {
            "conceptType": "SkillGroup",
            "conceptUri": f"{ESCO}/isced-f/091",
            "broaderType": "SkillGroup",
            "broaderUri": f"{ESCO}/isced-f/09",
        },
    ]
    _write(rel_dir / f"broaderRelationsSkillPillar{suffix}.csv", BROADER_COLUMNS, broader)
    skill_types = {s: t for s, t, *_ in SKILLS}
    columns = RELATION_COLUMNS if layout == "v1.1" else RELATION_COLUMNS_V12
    _write(
        rel_dir / f"occupationSkillRelations{suffix}.csv",
        columns,
        [
            {
                "occupationUri": OCC + o,
                "relationType": r,
                "skillType": skill_types[s],
                "skillUri": SKILL + s,
                "occupationLabel": o,
                "skillLabel": s,
            }
            for o, r, s in RELATIONS
        ],
    )
    _write(
        lang_dir / "digitalSkillsCollection_en.csv",
        ["conceptType", "conceptUri"],
        [{"conceptType": "KnowledgeSkillCompetence", "conceptUri": SKILL + "process-data"}],
    )
    _write(
        lang_dir / "transversalSkillsCollection_en.csv",
        ["conceptType", "conceptUri"],
        [{"conceptType": "KnowledgeSkillCompetence", "conceptUri": SKILL + "teamwork"}],
    )
    return base


def write_german_labels(root: Path) -> Path:
    """A language-only source: occupations_de.csv, including one occupation not in the release."""
    directory = root / "de"
    _write(directory / "occupations_de.csv", OCCUPATION_COLUMNS, _occupation_rows(GERMAN))
    return directory


def zip_directory(directory: Path, target: Path) -> Path:
    """Zip a bundle the way ESCO ships it: the files under one top folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.rglob("*.csv")):
            archive.write(path, f"ESCO dataset/{path.relative_to(directory)}")
    return target


# skills_fr.csv as ESCO's v1.0.x label files have it: (uri suffix, preferred, alt labels).
FRENCH_SKILLS = [
    ("process-data", "traiter des données", ["traitement de données", "traiter des données"]),
    ("care", "soigner des patients", []),
    ("back-up", "", ["sauvegarder"]),  # quirk: no preferred label
    ("care", "prendre soin des patients", []),  # quirk: a second row of one skill
    ("ghost-skill", "compétence fantôme", []),  # quirk: a skill the release does not have
]
_NOT_IN_LABEL_FILES = {
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
}
LABEL_FILE_COLUMNS = [c for c in SKILL_COLUMNS if c not in _NOT_IN_LABEL_FILES]
"""The skill columns ESCO's older label files keep (no hidden labels, status or notes)."""


def write_french_skill_labels(root: Path, folder: str = "v1.0.x-skill-labels") -> Path:
    """A labels-only source in the layout of ESCO's older skill label files: fr/skills_fr.csv."""
    directory = root / folder
    _write(
        directory / "fr" / "skills_fr.csv",
        LABEL_FILE_COLUMNS,
        [
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": SKILL + suffix,
                "skillType": "skill/competence",
                "preferredLabel": label,
                "altLabels": "\n".join(alts),
            }
            for suffix, label, alts in FRENCH_SKILLS
        ],
    )
    return directory


def write_occupation_words(root: Path, language: str, rows: dict[str, tuple[str, str]]) -> Path:
    """A labels-only source as ESCO ships one language: names and descriptions in XX/."""
    directory = root / language
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"occupations_{language}.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, OCCUPATION_COLUMNS, restval="")
        writer.writeheader()
        for suffix, (name, description) in rows.items():
            writer.writerow(
                {
                    "conceptType": "Occupation",
                    "conceptUri": OCC + suffix,
                    "preferredLabel": name,
                    "status": "released",
                    "description": description,
                }
            )
    return directory


def write_multilingual(root: Path, words: dict[str, dict[str, tuple[str, str]]]) -> list[Path]:
    """Sources of a store where every table a language reads has rows, in import order.

    The small bundle, German labels, names and descriptions in each language of `words`, and
    French skill labels.
    """
    return [
        write_bundle(root),
        write_german_labels(root),
        *(write_occupation_words(root, language, rows) for language, rows in words.items()),
        write_french_skill_labels(root),
    ]
