"""Boosted regression trees, fitted offline with LightGBM and walked here with numpy.

Both learned parts of the matcher are tree ensembles on the log-odds scale: the re-ranker
(`rerank_model.json`, which candidate the job ad was tagged with) and the confidence model
(`confidence_model.json`, whether the first candidate is right). LightGBM is a fitting tool, not
a dependency: `benchmarks/fitting.py` writes each model's trees, read from LightGBM's documented
JSON dump, as plain parallel lists (`artifacts` holds the file format), and this module
evaluates many rows against all trees at once, one tree level per numpy step. A query re-ranks
30 candidates through a few hundred trees; a Python loop per node would cost milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import artifacts

_NODE_LISTS = ("feature", "threshold", "left", "right", "value")
"""The parallel lists each tree of a model file holds, one item per node."""


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
        """A model file shipped inside the `matching` package; other features are refused."""
        return cls.from_parameters(features, artifacts.packaged(name, features).parameters)

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
