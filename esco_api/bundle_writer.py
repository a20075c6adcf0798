"""Write a :class:`Harvest` as an ESCO CSV bundle in the v1.2.x layout.

The output is what the bundle importer already validates and loads, so the web service is
"just another bundle source": official file names with ``_<lang>`` suffixes, official column
names, multi-valued cells newline-separated. Each file is written to a temp file and renamed;
``VERSION`` and ``manifest.json`` are written last, so a directory without them is incomplete.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from esco_api.harvest import (
    BROADER_GROUP_RELS,
    BROADER_SKILL_RELS,
    Harvest,
    Tree,
    skill_links,
)
from esco_api.resources import (
    Resource,
    csv_skill_type,
    isco_code,
    label,
    label_list,
    link_uris,
    reuse_level,
    skill_type,
    text,
)

OCCUPATION_COLUMNS = (
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme",
    "description", "code",
)  # fmt: skip
SKILL_COLUMNS = (
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
    "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description",
)  # fmt: skip
SKILL_GROUP_COLUMNS = (
    "conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status",
    "modifiedDate", "scopeNote", "inScheme", "description", "code",
)  # fmt: skip
ISCO_COLUMNS = (
    "conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels", "inScheme",
    "description",
)  # fmt: skip
RELATION_COLUMNS = ("occupationUri", "relationType", "skillType", "skillUri")
BROADER_COLUMNS = ("conceptType", "conceptUri", "broaderType", "broaderUri")
HIERARCHY_COLUMNS = (
    *(f"Level {i} {part}" for i in range(4) for part in ("URI", "preferred term")),
    "Description", "Scope note",
    *(f"Level {i} code" for i in range(4)),
)  # fmt: skip

SKILL_CONCEPT = "KnowledgeSkillCompetence"
GROUP_CONCEPT = "SkillGroup"


def _join(values: Iterable[str]) -> str:
    return "\n".join(v for v in values if v)


def _str(resource: Resource, key: str) -> str:
    value = resource.get(key)
    return value if isinstance(value, str) else ""


def _first_link(resource: Resource, rel: str) -> str:
    uris = link_uris(resource, rel)
    return uris[0] if uris else _str(resource, rel)


def _common(resource: Resource, lang: str) -> dict[str, str]:
    return {
        "conceptUri": resource["uri"],
        "preferredLabel": label(resource, lang),
        "altLabels": _join(label_list(resource, "alternativeLabel", lang)),
        "hiddenLabels": _join(label_list(resource, "hiddenLabel", lang)),
        "status": _str(resource, "status"),
        "modifiedDate": _str(resource, "modifiedDate"),
        "scopeNote": text(resource, "scopeNote", lang),
        "definition": text(resource, "definition", lang),
        "inScheme": _join(link_uris(resource, "isInScheme")),
        "description": text(resource, "description", lang),
        "code": _str(resource, "code"),
    }


def occupation_row(resource: Resource, lang: str) -> dict[str, str]:
    """One occupations_<lang>.csv row."""
    row = _common(resource, lang)
    row["conceptType"] = "Occupation"
    row["iscoGroup"] = isco_code(resource)
    row["regulatedProfessionNote"] = _first_link(resource, "regulatedProfessionNote")
    return row


def skill_row(resource: Resource, lang: str) -> dict[str, str]:
    """One skills_<lang>.csv row."""
    row = _common(resource, lang)
    row["conceptType"] = SKILL_CONCEPT
    row["skillType"] = skill_type(resource)
    row["reuseLevel"] = reuse_level(resource)
    return row


def group_row(resource: Resource, lang: str) -> dict[str, str]:
    """One skillGroups_<lang>.csv row."""
    row = _common(resource, lang)
    row["conceptType"] = GROUP_CONCEPT
    return row


def isco_row(resource: Resource, lang: str) -> dict[str, str]:
    """One ISCOGroups_<lang>.csv row."""
    row = _common(resource, lang)
    row["conceptType"] = "ISCOGroup"
    return row


def relation_rows(harvest: Harvest) -> list[dict[str, str]]:
    """Rows of occupationSkillRelations; skill type from the link, else from the skill."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for occ_uri in sorted(harvest.occupations):
        for relation_type, skill_uri, link_type in skill_links(harvest.occupations[occ_uri]):
            skill = harvest.skills.get(skill_uri)
            kind = csv_skill_type(link_type) or (skill_type(skill) if skill else "")
            rows.setdefault(
                (occ_uri, skill_uri),
                {
                    "occupationUri": occ_uri,
                    "relationType": relation_type,
                    "skillType": kind,
                    "skillUri": skill_uri,
                },
            )
    return list(rows.values())


def broader_skill_rows(harvest: Harvest) -> list[dict[str, str]]:
    """Rows of broaderRelationsSkillPillar: skill → broader skill/group, group → parent group."""
    groups = harvest.skill_groups
    rows: list[dict[str, str]] = []

    def kind(uri: str, hint: str) -> str:
        if uri in groups.nodes:
            return GROUP_CONCEPT
        return SKILL_CONCEPT if uri in harvest.skills else hint

    for uri in sorted(harvest.skills):
        skill = harvest.skills[uri]
        targets = [(u, SKILL_CONCEPT) for u in link_uris(skill, *BROADER_SKILL_RELS)]
        targets += [(u, GROUP_CONCEPT) for u in link_uris(skill, *BROADER_GROUP_RELS)]
        seen: set[str] = set()
        for target, hint in targets:
            if target not in seen:
                seen.add(target)
                rows.append(_broader(SKILL_CONCEPT, uri, kind(target, hint), target))
    for uri in sorted(groups.nodes):
        parents = dict.fromkeys(link_uris(groups.nodes[uri], "broaderConcept"))
        if uri in groups.parent:
            parents.setdefault(groups.parent[uri])
        rows.extend(_broader(GROUP_CONCEPT, uri, GROUP_CONCEPT, p) for p in parents)
    return rows


def broader_occupation_rows(harvest: Harvest) -> list[dict[str, str]]:
    """Rows of broaderRelationsOccPillar: occupation → ISCO group/occupation, ISCO → parent."""
    rows: list[dict[str, str]] = []
    for uri in sorted(harvest.occupations):
        occ = harvest.occupations[uri]
        rows.extend(
            _broader("Occupation", uri, "ISCOGroup", u) for u in link_uris(occ, "broaderIscoGroup")
        )
        rows.extend(
            _broader("Occupation", uri, "Occupation", u)
            for u in link_uris(occ, "broaderOccupation")
        )
    isco = harvest.isco_groups
    for uri in sorted(isco.nodes):
        parents = dict.fromkeys(link_uris(isco.nodes[uri], "broaderConcept"))
        if uri in isco.parent:
            parents.setdefault(isco.parent[uri])
        rows.extend(_broader("ISCOGroup", uri, "ISCOGroup", p) for p in parents)
    return rows


def _broader(kind: str, uri: str, broader_kind: str, broader: str) -> dict[str, str]:
    return {
        "conceptType": kind,
        "conceptUri": uri,
        "broaderType": broader_kind,
        "broaderUri": broader,
    }


def hierarchy_rows(tree: Tree, lang: str) -> list[dict[str, str]]:
    """Rows of skillsHierarchy: one per hierarchy node, with its path from level 0, depth-first."""
    children: dict[str | None, list[str]] = {}
    for uri in tree.level:
        if uri in tree.nodes:
            children.setdefault(tree.parent.get(uri), []).append(uri)

    def order(uri: str) -> tuple[str, str]:
        return (_str(tree.nodes[uri], "code"), uri)

    rows: list[dict[str, str]] = []

    def visit(uri: str, path: list[str]) -> None:
        path = [*path, uri]
        row = dict.fromkeys(HIERARCHY_COLUMNS, "")
        for level, node_uri in enumerate(path):
            node = tree.nodes[node_uri]
            row[f"Level {level} URI"] = node_uri
            row[f"Level {level} preferred term"] = label(node, lang)
            row[f"Level {level} code"] = _str(node, "code")
        node = tree.nodes[uri]
        row["Description"] = text(node, "description", lang)
        row["Scope note"] = text(node, "scopeNote", lang)
        rows.append(row)
        for child in sorted(children.get(uri, []), key=order):
            if len(path) < 4:
                visit(child, path)

    for top in sorted(children.get(None, []), key=order):
        visit(top, [])
    return rows


def _publish(tmp: str, path: Path) -> None:
    """Give the temp file normal permissions (mkstemp makes it 0600), then rename it."""
    umask = os.umask(0)
    os.umask(umask)
    Path(tmp).chmod(0o666 & ~umask)
    Path(tmp).replace(path)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> int:
    """Write one CSV atomically (temp file + rename); returns the row count."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                count += 1
        _publish(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    return count


def write_bundle(
    harvest: Harvest, dest_dir: Path, languages: Sequence[str], *, base_url: str
) -> dict[str, int]:
    """Write every file of the bundle; returns rows per file name."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    for marker in ("VERSION", "manifest.json"):  # a rewrite in progress is not complete
        (dest_dir / marker).unlink(missing_ok=True)
    counts: dict[str, int] = {}

    def put(name: str, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
        counts[name] = write_csv(dest_dir / name, columns, rows)

    def by_uri(resources: dict[str, Resource]) -> list[Resource]:
        return [resources[uri] for uri in sorted(resources)]

    for lang in languages:
        occupations = by_uri(harvest.occupations)
        put(
            f"occupations_{lang}.csv",
            OCCUPATION_COLUMNS,
            (occupation_row(r, lang) for r in occupations),
        )
        put(
            f"skills_{lang}.csv",
            SKILL_COLUMNS,
            (skill_row(r, lang) for r in by_uri(harvest.skills)),
        )
        groups = by_uri(harvest.skill_groups.nodes)
        put(f"skillGroups_{lang}.csv", SKILL_GROUP_COLUMNS, (group_row(r, lang) for r in groups))
        isco = by_uri(harvest.isco_groups.nodes)
        put(f"ISCOGroups_{lang}.csv", ISCO_COLUMNS, (isco_row(r, lang) for r in isco))
        put(
            f"skillsHierarchy_{lang}.csv",
            HIERARCHY_COLUMNS,
            hierarchy_rows(harvest.skill_groups, lang),
        )
    put("occupationSkillRelations_en.csv", RELATION_COLUMNS, relation_rows(harvest))
    put("broaderRelationsSkillPillar_en.csv", BROADER_COLUMNS, broader_skill_rows(harvest))
    put("broaderRelationsOccPillar_en.csv", BROADER_COLUMNS, broader_occupation_rows(harvest))
    manifest: dict[str, Any] = {
        "source": "esco-api",
        "version": harvest.version,
        "base_url": base_url,
        "languages": list(languages),
        "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rows": counts,
        "warnings": harvest.warnings,
    }
    _write_text(
        dest_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    )
    _write_text(dest_dir / "VERSION", harvest.version + "\n")
    return counts


def _write_text(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    _publish(tmp, path)
