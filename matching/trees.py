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
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import artifacts


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
        """
        rate = float(parameters["learning_rate"])
        feature: list[int] = []
        threshold: list[float] = []
        children: list[tuple[int, int]] = []
        value: list[float] = []
        roots: list[int] = []
        depth = 0
        for tree in parameters["trees"]:
            offset = len(feature)
            roots.append(offset)
            levels = [0] * len(tree["left"])
            for i, (left, right) in enumerate(zip(tree["left"], tree["right"], strict=True)):
                me = offset + i
                if left == -1:
                    feature.append(0)
                    threshold.append(float("inf"))
                    children.append((me, me))
                    value.append(rate * float(tree["value"][i]))
                    depth = max(depth, levels[i])
                else:
                    feature.append(int(tree["feature"][i]))
                    threshold.append(float(tree["threshold"][i]))
                    children.append((offset + right, offset + left))
                    value.append(0.0)
                    levels[left] = levels[right] = levels[i] + 1
        return cls(
            features=tuple(features),
            prior=float(parameters["prior"]),
            feature=np.array(feature, dtype=np.intp),
            threshold=np.array(threshold, dtype=np.float64),
            children=np.array(children, dtype=np.intp).ravel(),
            value=np.array(value, dtype=np.float64),
            roots=np.array(roots, dtype=np.intp),
            depth=depth,
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
