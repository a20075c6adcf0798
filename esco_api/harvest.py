"""Enumerate one ESCO version through the web service into an in-memory :class:`Harvest`.

Strategy (see docs/esco-api.md): page the bulk-by-scheme listings (``member-occupations``,
``member-skills``) because full resources come 50 to a request; crawl the ``isco`` and
``skills-hierarchy`` concept schemes top-down with bulk ``uris`` requests; then close the
gaps (skills an occupation links but the scheme listing missed, broader skills and skill
groups outside the hierarchy, ISCO groups) with more bulk requests. Pages are fetched
concurrently by *number* (``offset`` is a page index), so the order of requests is fixed
and a resumed run hits the same cache keys.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from esco_api.client import EscoClient
from esco_api.errors import EscoApiError
from esco_api.resources import (
    ISCO_PREFIX,
    SCHEME,
    Resource,
    embedded_resources,
    isco_code,
    link_uris,
    links,
)

PAGE_SIZE = 50
BULK_SIZE = 25
MAX_CLOSURE_ROUNDS = 12
HIERARCHY_DEPTH = 3

Progress = Callable[[str, int, int], None]
SKILL_RELATIONS = (("hasEssentialSkill", "essential"), ("hasOptionalSkill", "optional"))
BROADER_SKILL_RELS = ("broaderSkill",)
BROADER_GROUP_RELS = ("broaderHierarchyConcept", "broaderSkillGroup")
T = TypeVar("T")


@dataclass
class Tree:
    """A concept scheme crawled top-down: resources plus the parent/level of each node."""

    nodes: dict[str, Resource] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)


@dataclass
class Harvest:
    """Everything the bundle writer needs, keyed by concept URI."""

    version: str
    occupations: dict[str, Resource] = field(default_factory=dict)
    skills: dict[str, Resource] = field(default_factory=dict)
    skill_groups: Tree = field(default_factory=Tree)
    isco_groups: Tree = field(default_factory=Tree)
    warnings: list[str] = field(default_factory=list)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


async def _all(coros: Iterable[Awaitable[T]]) -> list[T]:
    """Run concurrently; on failure cancel the rest and raise the first EscoApiError itself.

    A TaskGroup cancels siblings (gather would leave them running) but wraps errors in an
    ExceptionGroup, which the CLI should never have to unpack.
    """
    tasks: list[asyncio.Task[T]] = []
    try:
        async with asyncio.TaskGroup() as group:
            tasks.extend(group.create_task(_as_coroutine(c)) for c in coros)
    except ExceptionGroup as failures:
        api_errors = failures.subgroup(EscoApiError)
        if api_errors is not None:
            leaf: BaseException = api_errors
            while isinstance(leaf, BaseExceptionGroup):
                leaf = leaf.exceptions[0]
            raise leaf from None
        raise
    return [task.result() for task in tasks]


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


class Harvester:
    """One harvest run; ``language`` is the request language (``title`` fields only)."""

    def __init__(
        self,
        client: EscoClient,
        *,
        version: str,
        language: str = "en",
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.language = language
        self.progress = progress
        self.harvest = Harvest(version=version)
        self._counts: dict[str, list[int]] = {}

    def _advance(self, stage: str, done: int = 0, total: int = 0) -> None:
        counts = self._counts.setdefault(stage, [0, 0])
        counts[0] += done
        counts[1] += total
        if self.progress is not None:
            self.progress(stage, counts[0], counts[1])

    async def run(self) -> Harvest:
        """Fetch the version; raises :class:`EscoApiError` when the listing is incomplete."""
        occupations, skills, isco, hierarchy = await _all(
            [
                self._scheme("occupation", SCHEME + "member-occupations", "occupations"),
                self._scheme("skill", SCHEME + "member-skills", "skills"),
                self._tree(SCHEME + "isco", "ISCO groups", lambda u: u.startswith(ISCO_PREFIX)),
                self._tree(SCHEME + "skills-hierarchy", "skill groups", lambda _u: True),
            ]
        )
        h = self.harvest
        h.occupations, total = occupations
        if not h.occupations:
            raise EscoApiError(
                f"ESCO web service at {self.client.base_url} listed no occupations "
                f"for version {h.version}"
            )
        if len(h.occupations) != total:
            raise EscoApiError(
                f"ESCO web service at {self.client.base_url} listed {len(h.occupations)} "
                f"distinct occupations but reported total {total} (version {h.version}); "
                "refusing to write an incomplete bundle"
            )
        h.skills = skills[0]
        h.isco_groups = isco
        h.skill_groups = hierarchy
        await self._close_skills()
        await self._close_isco()
        return h

    async def _scheme(self, kind: str, scheme: str, stage: str) -> tuple[dict[str, Resource], int]:
        """All resources of a scheme via bulk-by-scheme pages, fetched concurrently."""
        path = f"/resource/{kind}"

        def params(page: int) -> list[tuple[str, str]]:
            return [
                ("isInScheme", scheme),
                ("language", self.language),
                ("limit", str(PAGE_SIZE)),
                ("offset", str(page)),
            ]

        found: dict[str, Resource] = {}
        first = await self.client.get_json(path, params(0))
        total = int(first.get("total") or 0)
        items = embedded_resources(first)
        found.update((r["uri"], r) for r in items)
        # A server that caps ``limit`` below PAGE_SIZE still pages by number; size pages by it.
        page_size = len(items) if 0 < len(items) < PAGE_SIZE and total > len(items) else PAGE_SIZE
        pages = max(1, math.ceil(total / page_size))
        self._advance(stage, len(items), total)

        async def one(page: int) -> None:
            data = await self.client.get_json(path, params(page))
            got = embedded_resources(data)
            found.update((r["uri"], r) for r in got)
            self._advance(stage, len(got))

        await _all(one(page) for page in range(1, pages))
        return found, total

    async def _bulk(self, kind: str, uris: Iterable[str], stage: str) -> dict[str, Resource]:
        """Full resources for ``uris`` (sorted, so chunks and cache keys are reproducible)."""
        wanted = sorted(set(uris))
        found: dict[str, Resource] = {}
        if not wanted:
            return found
        self._advance(stage, 0, len(wanted))

        async def one(chunk: list[str]) -> None:
            query = [("uris", uri) for uri in chunk] + [("language", self.language)]
            data = await self.client.get_json(f"/resource/{kind}", query)
            got = embedded_resources(data)
            found.update((r["uri"], r) for r in got if r.get("uri") in chunk)
            self._advance(stage, len(chunk))

        await _all(one(chunk) for chunk in _chunks(wanted, BULK_SIZE))
        return found

    async def _tree(self, scheme: str, stage: str, accept: Callable[[str], bool]) -> Tree:
        """Crawl a concept scheme: top concepts, then ``narrowerConcept`` level by level."""
        taxonomy = await self.client.get_json(
            "/resource/taxonomy", [("uri", scheme), ("language", self.language)]
        )
        holders = [taxonomy, *embedded_resources(taxonomy)]
        tops = [u for holder in holders for u in link_uris(holder, "hasTopConcept") if accept(u)]
        tree = Tree()
        frontier = list(dict.fromkeys(tops))
        for uri in frontier:
            tree.level[uri] = 0
        depth = 0
        while frontier and depth <= HIERARCHY_DEPTH:
            fetched = await self._bulk("concept", frontier, stage)
            children: list[str] = []
            for uri in frontier:
                node = fetched.get(uri)
                if node is None or node.get("className") in ("Skill", "Occupation"):
                    tree.level.pop(uri, None)
                    tree.parent.pop(uri, None)
                    continue
                tree.nodes[uri] = node
                for child in link_uris(node, "narrowerConcept"):
                    if accept(child) and child not in tree.level:
                        tree.level[child] = depth + 1
                        tree.parent[child] = uri
                        children.append(child)
            frontier = children
            depth += 1
        for uri in frontier:  # deeper than the hierarchy allows: not part of it
            tree.level.pop(uri, None)
            tree.parent.pop(uri, None)
        return tree

    async def _close_skills(self) -> None:
        """Fetch skills and skill groups that are linked but not yet known, until closed."""
        h = self.harvest
        wanted_skills = {
            uri
            for occupation in h.occupations.values()
            for uri in link_uris(occupation, *(rel for rel, _ in SKILL_RELATIONS))
        }
        unresolved: set[str] = set()
        for _ in range(MAX_CLOSURE_ROUNDS):
            groups = h.skill_groups.nodes
            for skill in h.skills.values():
                wanted_skills.update(link_uris(skill, *BROADER_SKILL_RELS))
            missing_skills = wanted_skills - h.skills.keys() - groups.keys() - unresolved
            wanted_groups = {
                uri for skill in h.skills.values() for uri in link_uris(skill, *BROADER_GROUP_RELS)
            }
            wanted_groups.update(
                uri for group in groups.values() for uri in link_uris(group, "broaderConcept")
            )
            missing_groups = wanted_groups - groups.keys() - h.skills.keys() - unresolved
            if not missing_skills and not missing_groups:
                return
            new_skills, new_groups = await _all(
                [
                    self._bulk("skill", missing_skills, "skills"),
                    self._bulk("concept", missing_groups, "skill groups"),
                ]
            )
            for uri, node in new_groups.items():
                if node.get("className") == "Skill":
                    new_skills.setdefault(uri, node)
                else:
                    groups[uri] = node
            h.skills.update(new_skills)
            gone = (missing_skills - new_skills.keys()) | (
                missing_groups - new_groups.keys() - new_skills.keys()
            )
            if gone:
                unresolved |= gone
                h.warnings.append(
                    f"{len(gone)} linked skill/skill-group URIs were not served, "
                    f"e.g. {sorted(gone)[0]}"
                )

    async def _close_isco(self) -> None:
        """Fetch ISCO groups occupations point at that the scheme crawl did not reach."""
        h = self.harvest
        wanted: set[str] = set()
        for occupation in h.occupations.values():
            wanted.update(u for u in link_uris(occupation, "broaderIscoGroup"))
            code = isco_code(occupation)
            if code:
                wanted.add(f"{ISCO_PREFIX}C{code}")
        missing = wanted - h.isco_groups.nodes.keys()
        if not missing:
            return
        found = await self._bulk("concept", missing, "ISCO groups")
        h.isco_groups.nodes.update(found)
        if missing - found.keys():
            h.warnings.append(
                f"{len(missing - found.keys())} ISCO groups linked by occupations were not served"
            )


def skill_links(occupation: Resource) -> list[tuple[str, str, str]]:
    """``(relationType, skillUri, skill-type link value)`` of an occupation, in link order."""
    result: list[tuple[str, str, str]] = []
    for rel, relation_type in SKILL_RELATIONS:
        for item in links(occupation, rel):
            uri = item.get("uri")
            if isinstance(uri, str) and uri:
                result.append((relation_type, uri, str(item.get("skillType") or "")))
    return result
