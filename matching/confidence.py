"""Turn ranking scores into calibrated probabilities and decide when to abstain.

A raw score says how well words overlap, not how often the first candidate is right. A small
boosted-tree model (`confidence_model.json`: 60 trees of at most 8 leaves over the six features
below), fitted on a random half of the development set (benchmarks/match_quality.py
--calibrate), maps the evidence to the probability that the first candidate is the occupation
the job ad was tagged with. Trees, not a linear model, because the evidence interacts: a clear
lead in the ranking means more for an occupation ESCO gives many names than for a rare
specialisation. The abstention threshold was then chosen on out-of-fold predictions for that
same half, so that answers given without abstaining are right at least half the time; the other
half of the set confirms it (docs/matching.md). A wrong confident answer misleads a user, a "did
you mean" list costs a click.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matching.rank import BREADTH, LABEL_COVER, NAMES_COVER, Ranking, Scored

FEATURE_NAMES: tuple[str, ...] = (
    "top_share",
    "top_label_cover",
    "specificity",
    "top_breadth",
    "second_label_cover",
    "top_names_cover",
)
"""What the confidence model reads, in `features()` order; the model file names them too."""
MODEL_FILE = "confidence_model.json"
Tree = tuple[
    tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]
]
"""One fitted tree as (feature, threshold, left, right, value) per node."""
ANSWER_CONFIDENCE = 0.24
"""Commit to the first candidate at or above this calibrated confidence.

The lowest threshold that, with the rules below, keeps the precision of given answers >= 0.5 on
out-of-fold predictions for half A with a little room (0.22: 0.495, 0.24: 0.514; 57% of titles
then abstain). Held-out half B: 0.500 at 56% abstention.
"""
MIN_QUERY_COVER = 0.25
"""The answer must explain more than this share of the query's weight, however confident.

The tree model reads how much of the query the labels cover by itself; at one half, this rule
turned away a tenth of all titles, whose answers were right more than a third of the time.
Titles naming two jobs ("teacher plumber") are caught by `Ranking.other_job` instead.
"""
MIN_MARGIN = 0.02
"""Below this gap between the re-ranking scores of the first two candidates, ask instead."""
NO_MATCH_SCORE = 0.35
"""A best overlap score below this means no occupation is plausible at all."""
MIN_SPECIFICITY_SHARE = 0.25
"""Queries whose most specific word is this common ("manager", "assistant") stay ambiguous.

A share of the largest IDF the index can give, so the rule means the same on a store of three
occupations as on ESCO's 3,007 (where it is an IDF of 2.0).
"""
REST_SHARE = 0.35
"""Share of the remaining probability mass that ranks two and below hold on the dev set."""
SOFTMAX_DEPTH = 10
"""Candidates the re-ranking softmax is taken over (the ranking is at least this deep)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The calibrated confidences of the ranked candidates and what to do with them."""

    confidences: tuple[float, ...]
    status: str  # "match" | "ambiguous" | "no_match"


@dataclass(frozen=True, slots=True)
class TreeModel:
    """Gradient-boosted regression trees on the log-odds scale, evaluated in plain Python.

    Each tree is parallel lists, as scikit-learn lays them out: node i splits on
    `feature[i] <= threshold[i]` into `left[i]` / `right[i]`; a leaf has left == -1 and carries
    its contribution in `value[i]`.
    """

    prior: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_dict(cls, document: dict) -> TreeModel:
        """Check the file against `FEATURE_NAMES`: a model fitted on other features is a bug."""
        if tuple(document["features"]) != FEATURE_NAMES:
            raise ValueError(f"{MODEL_FILE} was fitted on other features: {document['features']}")
        rate = float(document["learning_rate"])
        return cls(
            prior=float(document["prior"]),
            trees=tuple(
                (
                    tuple(tree["feature"]),
                    tuple(tree["threshold"]),
                    tuple(tree["left"]),
                    tuple(tree["right"]),
                    tuple(rate * v for v in tree["value"]),
                )
                for tree in document["trees"]
            ),
        )

    def log_odds(self, x: tuple[float, ...]) -> float:
        """The prior plus every tree's leaf for `x`."""
        total = self.prior
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while left[node] != -1:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            total += value[node]
        return total


@cache
def model() -> TreeModel:
    """The shipped model, read once."""
    text = resources.files("matching").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return TreeModel.from_dict(json.loads(text))


def _top_share(ranking: Ranking) -> float:
    """Softmax share of the first candidate among the first `SOFTMAX_DEPTH` candidates."""
    scored = ranking.scored[:SOFTMAX_DEPTH]
    top = scored[0].score
    return 1.0 / sum(math.exp(max(-30.0, s.score - top)) for s in scored)


def _feature(scored: Sequence[Scored], rank: int, position: int) -> float:
    """One re-ranking feature of the candidate at `rank`.

    0 when there is no such candidate, or it has no features (a whole-string match).
    """
    if rank >= len(scored) or not scored[rank].features:
        return 0.0
    return scored[rank].features[position]


def features(ranking: Ranking) -> tuple[float, ...]:
    """Evidence about the first candidate, in `FEATURE_NAMES` order."""
    scored = ranking.scored
    return (
        math.log(_top_share(ranking)),
        _feature(scored, 0, LABEL_COVER),
        min(ranking.specificity, 8.0) / ranking.max_idf,
        _feature(scored, 0, BREADTH),
        _feature(scored, 1, LABEL_COVER),
        _feature(scored, 0, NAMES_COVER),
    )


def _sigmoid(x: float) -> float:
    """Logistic link, guarded against overflow from extreme inputs."""
    x = max(-30.0, min(30.0, x))
    return 1.0 / (1.0 + math.exp(-x))


def top_confidence(ranking: Ranking, trees: TreeModel | None = None) -> float:
    """Calibrated probability that the first candidate is right."""
    return _sigmoid((trees or model()).log_odds(features(ranking)))


def decide(ranking: Ranking) -> Decision:
    """Confidences for every candidate, and whether to answer, ask or give up."""
    if not plausible(ranking):
        return Decision((), "no_match")
    scored = ranking.scored
    first = top_confidence(ranking)
    weights = [math.exp(max(-30.0, s.score - scored[0].score)) for s in scored[1:]]
    total = sum(weights) or 1.0
    rest = [min(first, (1.0 - first) * REST_SHARE * w / total) for w in weights]
    confidences = tuple(round(c, 4) for c in (first, *rest))
    if first >= ANSWER_CONFIDENCE and may_answer(ranking):
        return Decision(confidences, "match")
    return Decision(confidences, "ambiguous")


def plausible(ranking: Ranking) -> bool:
    """Whether any candidate overlaps the query enough to be offered at all."""
    return bool(ranking.scored) and max(s.base for s in ranking.scored) >= NO_MATCH_SCORE


def may_answer(ranking: Ranking) -> bool:
    """The rules any answer must pass, however confident the model.

    A clear lead, a query the answer explains, and a query specific enough to name one
    occupation: "manager" alone stays a question.
    """
    scored = ranking.scored
    margin = scored[0].score - (scored[1].score if len(scored) > 1 else 0.0)
    return (
        margin >= MIN_MARGIN
        and scored[0].query_cover > MIN_QUERY_COVER + 1e-9
        and ranking.specificity >= MIN_SPECIFICITY_SHARE * ranking.max_idf
        and ranking.other_job is None
    )
