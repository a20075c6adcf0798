"""The layers docs/architecture.md draws, checked against every import in the code.

The table's "may import" column is read from the document itself, so the picture and the
check cannot drift apart. Imports inside functions and under TYPE_CHECKING count too: a lazy
import is still an edge. Inside a package, the modules' imports must not go round in a circle:
a cycle, even one hidden under TYPE_CHECKING, means two modules that cannot be read, tested or
split apart alone.
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
PACKAGES = ("scoring", "matching", "db", "esco_api", "languages", "willai", "bot")
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


def module_name(root: Path, path: Path) -> str:
    """Dotted name of a module file ("bot/cogs/ask.py" -> "bot.cogs.ask")."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _targets(
    node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: set[str]
) -> Iterator[str]:
    """Modules one import statement loads: ``from bot import views`` is bot.views, not bot."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        here = importer.split(".") if is_package else importer.split(".")[:-1]
        base = ".".join([*here[: len(here) - node.level + 1], *([base] if base else [])])
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in modules else base


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the other modules of the same package it imports, wherever the import sits."""
    files = {module_name(root, path): path for path in sorted((root / package).rglob("*.py"))}
    modules = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = {
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _targets(node, name, path.name == "__init__.py", modules)
            if target in modules and target != name
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[str]:
    """Each import cycle once, as "a -> b -> a", starting from its first module by name."""
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for target in sorted(graph[path[-1]]):
            if target == path[0]:
                found.add(tuple(path))
            elif target > path[0] and target not in path:
                walk([*path, target])

    for start in sorted(graph):
        walk([start])
    return [" -> ".join((*cycle, cycle[0])) for cycle in sorted(found)]


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


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_inside_a_package(package: str) -> None:
    assert cycles(import_graph(REPO, package)) == []


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        (
            {
                "client.py": "from bot import errors, views\n",
                "views.py": "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from bot.client import WillaiBot\n",
            },
            "bot.client -> bot.views -> bot.client",
        ),
        (
            {
                "a.py": "def later():\n    import bot.b\n",
                "b.py": "from bot.c import x\n",
                "c.py": "from .a import y\n",
            },
            "bot.a -> bot.b -> bot.c -> bot.a",
        ),
    ],
)
def test_an_import_cycle_is_caught(tmp_path: Path, files: dict[str, str], cycle: str) -> None:
    (tmp_path / "bot").mkdir()
    for name in ("__init__.py", "errors.py", *files):
        (tmp_path / "bot" / name).write_text(files.get(name, ""), encoding="utf-8")
    assert cycles(import_graph(tmp_path, "bot")) == [cycle]
