"""Turn ranking scores into calibrated probabilities and decide when to abstain.

A raw score says how well words overlap, not how often the first candidate is right. A small
logistic model, fitted on a random half of the development set (benchmarks/match_quality.py
--calibrate), maps the evidence to the probability that the first candidate is the occupation
the job ad was tagged with. The abstention thresholds below were then chosen on that same half
so that answers given without abstaining are right at least half the time; the other half of
the set confirms it (docs/matching.md). On these noisy silver labels that costs a high
abstention rate: a wrong confident answer misleads a user, a "did you mean" list costs a click.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matching.rank import Ranking

# Logistic model of P(first candidate correct); features in `features()` order.
COEFFICIENTS: tuple[float, ...] = (-3.296, 0.901, 0.238, 2.638, -1.011, 0.203, 1.893)
ANSWER_CONFIDENCE = 0.29
"""Commit to the first candidate at or above this calibrated confidence.

The lowest threshold that, with the rules below, keeps precision of given answers >= 0.5 on half
A with a little room (0.28: 0.500, 0.29: 0.508).
"""
MIN_QUERY_COVER = 0.5
"""The answer must explain more than this share of the query's weight: "clerk nurse" asks."""
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
MAX_MARGIN = 5.0


@dataclass(frozen=True, slots=True)
class Decision:
    """The calibrated confidences of the ranked candidates and what to do with them."""

    confidences: tuple[float, ...]
    status: str  # "match" | "ambiguous" | "no_match"


def _shares(ranking: Ranking) -> list[float]:
    """Softmax of the re-ranking scores (a conditional logit) over the first candidates."""
    scored = ranking.scored[:SOFTMAX_DEPTH]
    top = scored[0].score
    weights = [math.exp(max(-30.0, s.score - top)) for s in scored]
    total = sum(weights)
    return [w / total for w in weights]


def features(ranking: Ranking) -> tuple[float, ...]:
    """Evidence about the first candidate, read by the logistic model (intercept first)."""
    scored = ranking.scored
    top = scored[0].score
    second = scored[1].score if len(scored) > 1 else top - MAX_MARGIN
    return (
        1.0,
        math.log(_shares(ranking)[0]),
        min(top - second, MAX_MARGIN),
        scored[0].base,
        scored[0].query_cover,
        ranking.known_share,
        min(ranking.specificity, 8.0) / ranking.max_idf,
    )


def _sigmoid(x: float) -> float:
    """Logistic link, guarded against overflow from extreme inputs."""
    x = max(-30.0, min(30.0, x))
    return 1.0 / (1.0 + math.exp(-x))


def top_confidence(ranking: Ranking, coefficients: Sequence[float] = COEFFICIENTS) -> float:
    """Calibrated probability that the first candidate is right."""
    return _sigmoid(sum(c * f for c, f in zip(coefficients, features(ranking), strict=True)))


def decide(ranking: Ranking) -> Decision:
    """Confidences for every candidate, and whether to answer, ask or give up."""
    scored = ranking.scored
    if not scored or max(s.base for s in scored) < NO_MATCH_SCORE:
        return Decision((), "no_match")
    first = top_confidence(ranking)
    weights = [math.exp(max(-30.0, s.score - scored[0].score)) for s in scored[1:]]
    total = sum(weights) or 1.0
    rest = [min(first, (1.0 - first) * REST_SHARE * w / total) for w in weights]
    confidences = tuple(round(c, 4) for c in (first, *rest))
    margin = scored[0].score - (scored[1].score if len(scored) > 1 else 0.0)
    if (
        first >= ANSWER_CONFIDENCE
        and margin >= MIN_MARGIN
        and scored[0].query_cover > MIN_QUERY_COVER + 1e-9
        and ranking.specificity >= MIN_SPECIFICITY_SHARE * ranking.max_idf
    ):
        return Decision(confidences, "match")
    return Decision(confidences, "ambiguous")
