"""Placing each skill in the skills pillar: the group codes above it, levels 0 to 3.

ESCO links a skill to a broader skill or a group, and groups to broader groups; the codes
(S, S2, S2.2, S2.2.1; K06 …) live only in the hierarchy file, and knowledge groups are ISCED-F
URIs whose code is implied by their last digits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ISCED_PREFIX = "http://data.europa.eu/esco/isced-f/"


@dataclass(frozen=True, slots=True)
class GroupNode:
    """A skills-pillar group as the hierarchy file describes it."""

    uri: str
    code: str
    level: int
    label: str
    ancestors: tuple[tuple[str, int], ...] = ()  # (code, level) above it in the hierarchy


def groups_from_hierarchy(rows: Iterable[Mapping[str, str]]) -> dict[str, GroupNode]:
    """Every group named in skillsHierarchy, keyed by URI."""
    groups: dict[str, GroupNode] = {}
    for row in rows:
        above: list[tuple[str, int]] = []
        for level in range(4):
            uri = row.get(f"Level {level} URI", "")
            if not uri:
                break
            code = row.get(f"Level {level} code", "") or isced_code(uri)
            if code and uri not in groups:
                label = row.get(f"Level {level} preferred term", "")
                groups[uri] = GroupNode(uri, code, level, label, tuple(above))
            if code:
                above.append((code, level))
    return groups


def isced_code(uri: str) -> str:
    """ISCED-F field URIs become knowledge codes: …/isced-f/0613 -> K0613."""
    if uri.startswith(ISCED_PREFIX):
        digits = uri.removeprefix(ISCED_PREFIX)
        if digits.isdigit():
            return "K" + digits
    return ""


def isced_level(code: str) -> int:
    """K06 is level 1, K061 level 2, K0613 level 3, as the hierarchy nests them."""
    return max(0, min(3, len(code) - 2))


class PillarIndex:
    """Ancestor groups of skills, memoised: most skills share their parents' answer."""

    def __init__(self, groups: Mapping[str, GroupNode], parents: Mapping[str, list[str]]) -> None:
        self._groups = groups
        self._parents = parents
        self._memo: dict[str, frozenset[tuple[str, int]]] = {}

    def codes_of(self, uri: str) -> frozenset[tuple[str, int]]:
        """(code, level) of every group above `uri`, and of `uri` itself if it is a group."""
        cached = self._memo.get(uri)
        if cached is not None:
            return cached
        self._memo[uri] = frozenset()  # breaks cycles, should the data ever hold one
        found: set[tuple[str, int]] = set()
        node = self._groups.get(uri)
        if node is not None:
            found.add((node.code, node.level))
            found.update(node.ancestors)
        else:
            code = isced_code(uri)
            if code:
                found.add((code, isced_level(code)))
        for parent in self._parents.get(uri, ()):
            found |= self.codes_of(parent)
        if found:
            found |= {(code[0], 0) for code, _ in found if code}
        result = frozenset(found)
        self._memo[uri] = result
        return result
