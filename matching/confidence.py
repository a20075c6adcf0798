"""Turn ranking scores into calibrated probabilities and decide when to abstain.

A raw score says how well words overlap, not how often the first candidate is right. A small
boosted-tree model (`confidence_model.json`: 60 trees of at most 8 leaves over the eight
features below), fitted on a random half of the development set and the everyday fitting half
(benchmarks/match_quality.py --refit), maps the evidence to the probability that the first
candidate is the occupation meant. It learns from rankings made by re-rankers that had not seen the
title (stacking), so it does not inherit the re-ranker's optimism about titles it was fitted on.
Trees, not a linear model, because the evidence interacts: a clear lead in the ranking means
more for an occupation ESCO gives many names than for a rare specialisation. The abstention
threshold (`answer_confidence`) keeps answers right at least half the time while answering at
least half of the titles (docs/matching.md). A wrong confident answer misleads a user, a "did
you mean" list costs a click.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from matching import artifacts
from matching.features import CandidateFeatures, ConfidenceFeatures
from matching.rank import Ranking, Scored
from matching.results import MatchStatus
from matching.trees import TreeEnsemble

FEATURE_NAMES: tuple[str, ...] = ConfidenceFeatures._fields
"""What the confidence model reads; its file must name the same, in the same order."""
MODEL_FILE = "confidence_model.json"
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
NO_SECOND_LEARNED = -10.0
"""The re-ranker's log-odds standing in for a second candidate when there is none."""
SOFTMAX_DEPTH = 10
"""Candidates the re-ranking softmax is taken over (the ranking is at least this deep)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The calibrated confidences of the ranked candidates and what to do with them."""

    confidences: tuple[float, ...]
    status: MatchStatus


@cache
def shipped() -> artifacts.ModelFile:
    """The shipped model file, read once; refused if fitted on other features."""
    return artifacts.packaged(MODEL_FILE, FEATURE_NAMES)


@cache
def model() -> TreeEnsemble:
    """The shipped model's trees (mapped from the index cache when `trees.map_packaged` ran)."""
    return TreeEnsemble.packaged(MODEL_FILE, FEATURE_NAMES)


def answer_confidence() -> float:
    """Commit to the first candidate at or above this calibrated confidence.

    Chosen with the model, on out-of-fold confidences of dev half A alone: of the thresholds
    tried, the one that keeps both targets (answer at least half of the job-ad titles, be right
    at least half the time when answering) by the widest margin, counted in standard errors
    (`benchmarks/fitting.py`).
    """
    return float(shipped().parameters["answer_confidence"])


def _top_share(ranking: Ranking) -> float:
    """Softmax share of the first candidate among the first `SOFTMAX_DEPTH` candidates."""
    scored = ranking.scored[:SOFTMAX_DEPTH]
    top = scored[0].score
    return 1.0 / sum(math.exp(max(-30.0, s.score - top)) for s in scored)


_NO_FEATURES = CandidateFeatures(*[0.0] * len(CandidateFeatures._fields))
"""What a missing candidate, or a whole-string match, contributes: nothing."""


def _candidate(scored: Sequence[Scored], rank: int) -> CandidateFeatures:
    """The re-ranking features of the candidate at `rank`, or all zeros."""
    if rank >= len(scored):
        return _NO_FEATURES
    return scored[rank].features or _NO_FEATURES


def features(ranking: Ranking) -> ConfidenceFeatures:
    """Evidence about the first candidate."""
    scored = ranking.scored
    first, second = _candidate(scored, 0), _candidate(scored, 1)
    return ConfidenceFeatures(
        top_share=math.log(_top_share(ranking)),
        top_label_cover=first.label_cover,
        specificity=ranking.specificity_share,
        top_breadth=first.breadth,
        second_label_cover=second.label_cover,
        top_names_cover=first.names_cover,
        top_learned=scored[0].learned,
        second_learned=scored[1].learned if len(scored) > 1 else NO_SECOND_LEARNED,
    )


def _sigmoid(x: float) -> float:
    """Logistic link, guarded against overflow from extreme inputs."""
    x = max(-30.0, min(30.0, x))
    return 1.0 / (1.0 + math.exp(-x))


def top_confidence(ranking: Ranking, trees: TreeEnsemble | None = None) -> float:
    """Calibrated probability that the first candidate is right."""
    return _sigmoid(float((trees or model()).log_odds([features(ranking)])[0]))


def decide(ranking: Ranking, trees: TreeEnsemble | None = None) -> Decision:
    """Confidences for every candidate, and whether to answer, ask or give up.

    `trees` replaces the shipped confidence model (tests pin the confidence with it).
    """
    if not plausible(ranking):
        return Decision((), MatchStatus.NO_MATCH)
    scored = ranking.scored
    first = top_confidence(ranking, trees)
    weights = [math.exp(max(-30.0, s.score - scored[0].score)) for s in scored[1:]]
    total = sum(weights) or 1.0
    rest = [min(first, (1.0 - first) * REST_SHARE * w / total) for w in weights]
    confidences = tuple(round(c, 4) for c in (first, *rest))
    if first >= answer_confidence() and may_answer(ranking):
        return Decision(confidences, MatchStatus.MATCH)
    return Decision(confidences, MatchStatus.AMBIGUOUS)


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
