"""The layers docs/architecture.md draws, checked against every import in the code.

The table's "may import" column is read from the document itself, so the picture and the
check cannot drift apart. Imports inside functions and under TYPE_CHECKING count too: a lazy
import is still an edge.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARCHITECTURE = REPO / "docs" / "architecture.md"
#: Our packages; anything else imported (the standard library, discord, numpy) is not checked.
PACKAGES = ("scoring", "matching", "db", "esco_api", "willai", "bot")
_ROW = re.compile(r"^\| `(?P<package>\w+)/` \|.*\| (?P<allowed>[^|]*) \|$")


def allowed_imports(document: str) -> dict[str, tuple[str, ...]]:
    """Package -> the modules it may import, from the table ("nothing of ours" is none)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in document.splitlines():
        row = _ROW.match(line.strip())
        if row and row["package"] in PACKAGES:
            table[row["package"]] = tuple(re.findall(r"`([\w.]+)`", row["allowed"]))
    return table


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every absolute import in a file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def violations(root: Path, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Every import of one of our packages that the importing package may not make."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            for line, module in imports_of(path):
                target = module.split(".")[0]
                if target not in PACKAGES or target == package:
                    continue
                if not any(module == a or module.startswith(a + ".") for a in table[package]):
                    where = path.relative_to(root)
                    found.append(
                        f"{where}:{line} imports {module} ({package} may import: "
                        f"{', '.join(table[package]) or 'nothing of ours'})"
                    )
    return found


def test_the_table_names_every_package() -> None:
    assert set(allowed_imports(ARCHITECTURE.read_text(encoding="utf-8"))) == set(PACKAGES)


def test_no_import_crosses_a_layer_the_table_does_not_allow() -> None:
    table = allowed_imports(ARCHITECTURE.read_text(encoding="utf-8"))
    assert violations(REPO, table) == []


@pytest.mark.parametrize(
    ("package", "source"),
    [
        ("scoring", "from db.store import Store\n"),
        ("matching", "def later():\n    import willai.service\n"),
        ("db", "from matching import MatchIndex\n"),
        ("willai", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot import x\n"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path: Path, package: str, source: str) -> None:
    for name in PACKAGES:
        (tmp_path / name).mkdir()
    (tmp_path / package / "intruder.py").write_text(source, encoding="utf-8")
    table = allowed_imports(ARCHITECTURE.read_text(encoding="utf-8"))
    (problem,) = violations(tmp_path, table)
    assert problem.startswith(f"{package}/intruder.py:")
