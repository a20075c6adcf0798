"""Read fields out of ESCO HAL resources, tolerating the shape variations seen in the wild.

Real clients report ``_links.<rel>`` as an array *or* a lone object, labels as language maps,
and descriptions as ``{literal, mimetype}`` objects or plain strings; the harvest and the CSV
writer go through these helpers so that tolerance lives in one place.
"""

from __future__ import annotations

from typing import Any

ESCO = "http://data.europa.eu/esco/"
SCHEME = ESCO + "concept-scheme/"
ISCO_PREFIX = ESCO + "isco/"

Resource = dict[str, Any]

SKILL_TYPES = {"skill": "skill/competence", "knowledge": "knowledge"}
REUSE_LEVELS = ("transversal", "cross-sector", "sector-specific", "occupation-specific")


def links(resource: Resource, rel: str) -> list[dict[str, Any]]:
    """The ``_links[rel]`` entries as a list of dicts (array, lone object or absent)."""
    value = (resource.get("_links") or {}).get(rel)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def link_uris(resource: Resource, *rels: str) -> list[str]:
    """URIs linked under any of ``rels``, first occurrence order, without duplicates."""
    seen: dict[str, None] = {}
    for rel in rels:
        for item in links(resource, rel):
            uri = item.get("uri")
            if isinstance(uri, str) and uri:
                seen.setdefault(uri, None)
    return list(seen)


def embedded_resources(page: Resource) -> list[Resource]:
    """Resources of a bulk answer: ``_embedded`` keyed by URI (documented) or a list."""
    embedded = page.get("_embedded") or {}
    if isinstance(embedded, list):
        return [item for item in embedded if isinstance(item, dict)]
    found: list[Resource] = []
    for value in embedded.values():
        if isinstance(value, dict) and "uri" in value:
            found.append(value)
        elif isinstance(value, list):
            found.extend(item for item in value if isinstance(item, dict) and "uri" in item)
    return found


def label(resource: Resource, language: str) -> str:
    """Preferred label in ``language``; the ``title`` only stands in for the request language."""
    labels = resource.get("preferredLabel")
    if isinstance(labels, dict) and isinstance(labels.get(language), str):
        return labels[language]
    if isinstance(labels, dict):
        return ""
    if language == "en" and isinstance(resource.get("title"), str):
        return resource["title"]
    return ""


def label_list(resource: Resource, key: str, language: str) -> list[str]:
    """A multi-valued label field (``alternativeLabel``, ``hiddenLabel``) in ``language``."""
    labels = resource.get(key)
    value = labels.get(language) if isinstance(labels, dict) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def text(resource: Resource, key: str, language: str) -> str:
    """A note field (``description``, ``definition``, ``scopeNote``) in ``language``."""
    value = resource.get(key)
    if isinstance(value, dict):
        value = value.get(language)
    if isinstance(value, dict):
        value = value.get("literal")
    return value if isinstance(value, str) else ""


def languages_present(resource: Resource) -> set[str]:
    """Languages that have a preferred label, for the "no labels in X" warning."""
    labels = resource.get("preferredLabel")
    return set(labels) if isinstance(labels, dict) else set()


def skill_type(resource: Resource) -> str:
    """CSV ``skillType`` of a skill resource (``skill/competence``, ``knowledge`` or empty)."""
    for uri in link_uris(resource, "hasSkillType"):
        mapped = csv_skill_type(uri)
        if mapped:
            return mapped
    return ""


def csv_skill_type(uri_or_title: str | None) -> str:
    """Map an API skill-type URI or title to the CSV vocabulary."""
    if not uri_or_title:
        return ""
    return SKILL_TYPES.get(uri_or_title.rstrip("/").rsplit("/", 1)[-1].strip().lower(), "")


def reuse_level(resource: Resource) -> str:
    """CSV ``reuseLevel`` from the reuse-level link URI, else from its long title."""
    for item in links(resource, "hasReuseLevel"):
        tail = str(item.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
        if tail in REUSE_LEVELS:
            return tail
        title = str(item.get("title") or "").lower().replace("-", " ")
        for level in REUSE_LEVELS:
            if title.startswith(level.replace("-", " ")):
                return level
    return ""


def isco_code(resource: Resource) -> str:
    """The 4-digit ISCO group of an occupation.

    Level-5 occupations link ``broaderIscoGroup``; deeper ones only have ``broaderOccupation``,
    so fall back to the first four digits of the occupation's ``code``.
    """
    for item in links(resource, "broaderIscoGroup"):
        code = item.get("code")
        if isinstance(code, str) and code:
            return code
        uri = str(item.get("uri") or "")
        if uri.startswith(ISCO_PREFIX + "C"):
            return uri.removeprefix(ISCO_PREFIX + "C")
    code = str(resource.get("code") or "")
    head = code.split(".", 1)[0]
    return head if head.isdigit() else ""
