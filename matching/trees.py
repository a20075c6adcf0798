"""Boosted regression trees, fitted offline with LightGBM and walked here with numpy.

Both learned parts of the matcher are tree ensembles on the log-odds scale: the re-ranker
(`rerank_model.json`, which candidate the job ad was tagged with) and the confidence model
(`confidence_model.json`, whether the first candidate is right). LightGBM is a fitting tool, not
a dependency: `benchmarks/fitting.py` writes each model's trees, read from LightGBM's documented
JSON dump, as plain parallel lists (`artifacts` holds the file format), and this module
evaluates many rows against all trees at once, one tree level per numpy step. A query re-ranks
30 candidates through a few hundred trees; a Python loop per node would cost milliseconds.

Reading the re-ranker's file costs ~8 ms (300 kB of JSON parsed, 9,000 nodes laid out), in
every process. Whoever keeps an index cache (`willai.caches`) calls `map_packaged` first: the
laid-out arrays are then mapped from that cache (`matching.stored`, keyed by the matcher's
version, which digests the model files), and `TreeEnsemble.packaged` hands those out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import artifacts, stored
from matching.features import BOOSTER_FEATURES, ConfidenceFeatures
from matching.tables import Arrays, StringTable, pack_strings

_NODE_LISTS = ("feature", "threshold", "left", "right", "value")
"""The parallel lists each tree of a model file holds, one item per node."""
_ARRAYS = ("feature", "threshold", "children", "value", "roots")
"""The ensemble's node arrays, as a cache holds them (beside its features, prior and depth)."""
_MAPPED: dict[str, TreeEnsemble] = {}
"""Packaged models mapped from a cache (`map_packaged`), by file name."""
SHIPPED: Mapping[str, tuple[str, ...]] = {
    "rerank_model.json": BOOSTER_FEATURES,  # `rank.BOOSTER_FILE`, `rank.booster`
    "confidence_model.json": ConfidenceFeatures._fields,  # `confidence.MODEL_FILE`, `.model`
}
"""Every tree model the matcher ships, with its features: what `map_packaged` lays out.

Named here rather than read from `rank` and `confidence`, so an import lays them out without
loading the ranker (tests/matching/test_trees.py checks that the names agree).
"""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """All trees' nodes in flat arrays; leaves point at themselves, so extra steps stay put.

    Node i sends a row to `children[2i + 1]` when `row[feature[i]] <= threshold[i]`, else to
    `children[2i]`; a leaf's threshold is +inf and both children are itself. `value` holds a
    leaf's contribution with the learning rate already applied (0 on inner nodes).
    """

    features: tuple[str, ...]
    prior: float
    feature: npt.NDArray[np.intp]
    threshold: npt.NDArray[np.float64]
    children: npt.NDArray[np.intp]  # [right, left] of node i at 2i and 2i + 1
    value: npt.NDArray[np.float64]
    roots: npt.NDArray[np.intp]
    depth: int  # the longest root-to-leaf path, in steps

    @classmethod
    def from_parameters(
        cls, features: Sequence[str], parameters: Mapping[str, Any]
    ) -> TreeEnsemble:
        """Build the arrays from a model file's `parameters`.

        Each tree is parallel lists, node 0 its root: `left[i] == -1` marks a leaf, and a row
        goes left when `row[feature[i]] <= threshold[i]`, as LightGBM's `<=` splits decide.
        Every list of every tree is read into one array at once and the nodes are laid out
        with whole-array steps: the re-ranker's ~9,000 nodes, one by one in Python, took most
        of the milliseconds `willai ask` spends loading it.
        """
        trees = parameters["trees"]
        sizes = [len(tree["left"]) for tree in trees]
        for tree, size in zip(trees, sizes, strict=True):
            if any(len(tree[key]) != size for key in _NODE_LISTS):
                raise ValueError("a tree's node lists differ in length")
        count = sum(sizes)
        roots = np.zeros(len(trees), dtype=np.intp)
        np.cumsum(sizes[:-1], out=roots[1:])
        offset = np.repeat(roots, sizes)  # each node's tree's first node

        def nodes(key: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
            lists = (tree[key] for tree in trees)
            return np.fromiter(chain.from_iterable(lists), dtype=dtype, count=count)

        left, right = nodes("left", np.intp), nodes("right", np.intp)
        leaf = left == -1
        me = np.arange(count, dtype=np.intp)
        children = np.empty((count, 2), dtype=np.intp)  # [right, left] of each node
        children[:, 0] = np.where(leaf, me, offset + right)
        children[:, 1] = np.where(leaf, me, offset + left)
        rate = float(parameters["learning_rate"])
        return cls(
            features=tuple(features),
            prior=float(parameters["prior"]),
            feature=np.where(leaf, 0, nodes("feature", np.intp)),
            threshold=np.where(leaf, np.inf, nodes("threshold", np.float64)),
            children=children.ravel(),
            value=np.where(leaf, rate * nodes("value", np.float64), 0.0),
            roots=roots,
            depth=_depth(roots, children, leaf),
        )

    @classmethod
    def constant(cls, log_odds: float, features: Sequence[str]) -> TreeEnsemble:
        """No trees: every row gets `log_odds` (a model switched off, for fitting the rest)."""
        return cls.from_parameters(features, {"learning_rate": 1.0, "prior": log_odds, "trees": []})

    @classmethod
    def packaged(cls, name: str, features: Sequence[str]) -> TreeEnsemble:
        """A model file shipped inside the `matching` package; other features are refused.

        Mapped from the cache when `map_packaged` put it there, read from its file otherwise.
        """
        mapped = _MAPPED.get(name)
        if mapped is not None and mapped.features == tuple(features):
            return mapped
        return cls.from_parameters(features, artifacts.packaged(name, features).parameters)

    def to_arrays(self, prefix: str) -> Arrays:
        """The ensemble as named arrays for a cache (`stored.save`), each name after `prefix`."""
        arrays: Arrays = {f"{prefix}{key}": getattr(self, key) for key in _ARRAYS}
        arrays[f"{prefix}prior"] = np.array([self.prior], dtype=np.float64)
        arrays[f"{prefix}depth"] = np.array([self.depth], dtype=np.int64)
        pack_strings(arrays, f"{prefix}features", self.features)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Arrays, prefix: str) -> TreeEnsemble:
        """The ensemble `to_arrays` wrote under `prefix` (KeyError when it is not there)."""
        return cls(
            features=tuple(StringTable(arrays, f"{prefix}features").to_list()),
            prior=float(arrays[f"{prefix}prior"][0]),
            depth=int(arrays[f"{prefix}depth"][0]),
            **{key: arrays[f"{prefix}{key}"] for key in _ARRAYS},
        )

    def log_odds(self, rows: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """The prior plus every tree's leaf, for each row (shape: rows x features)."""
        x = np.asarray(rows, dtype=np.float64)
        n_rows, n_features = x.shape
        n_trees = len(self.roots)
        if not n_trees or not n_rows:
            return np.full(n_rows, self.prior)
        flat = x.ravel()
        # One entry per (row, tree); 1-D `take` is several times faster than 2-D fancy indexing.
        row_start = np.repeat(np.arange(n_rows, dtype=np.intp) * n_features, n_trees)
        node = np.tile(self.roots, n_rows)
        for _ in range(self.depth):
            column = self.feature.take(node)
            column += row_start
            goes_left = flat.take(column) <= self.threshold.take(node)
            node = self.children.take(node * 2 + goes_left)
        return self.prior + self.value.take(node).reshape(n_rows, n_trees).sum(axis=1)


def _depth(
    roots: npt.NDArray[np.intp], children: npt.NDArray[np.intp], leaf: npt.NDArray[np.bool_]
) -> int:
    """The longest root-to-leaf path of any tree, in steps: one level of every tree at a time."""
    depth = 0
    level = roots
    while True:
        inner = level[~leaf[level]]
        if not len(inner):
            return depth
        depth += 1
        level = children[inner].ravel()


def map_packaged(root: Path | None, models: Mapping[str, Sequence[str]] = SHIPPED) -> None:
    """Have `TreeEnsemble.packaged` hand out `models` (file name -> features) mapped from `root`.

    The first process lays them out from their files in a cache folder under `root`; later
    ones map it. The folder is keyed by the matcher's version, a digest of every model file
    and of the code, so a refitted model is never read from an old layout, and a cache whose
    features differ from `models` is refused and laid out again. Without a `root` the files
    are read as `packaged` would read them.
    """
    names = sorted(models)
    identity = {"kind": "trees", "models": ",".join(names), "matcher": stored.matcher_version()}

    def lay_out() -> Arrays:
        arrays: Arrays = {}
        for name in names:
            ensemble = TreeEnsemble.from_parameters(
                models[name], artifacts.packaged(name, models[name]).parameters
            )
            arrays.update(ensemble.to_arrays(f"{name}:"))
        return arrays

    def read(arrays: Arrays) -> dict[str, TreeEnsemble]:
        found = {name: TreeEnsemble.from_arrays(arrays, f"{name}:") for name in names}
        for name, ensemble in found.items():
            if ensemble.features != tuple(models[name]):
                raise ValueError(f"{name} was laid out with other features")
        return found

    _MAPPED.update(stored.load_or_build(root, identity, lay_out, read, what="tree models"))
