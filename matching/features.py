"""The evidence the learned models read, as named records.

Each fitted model file lists the names of the features it was fitted on, and the code that
computes them is the record below: a model is read by name, checked against these fields when
it loads (`artifacts`), and a reordered or renamed feature fails at start-up instead of
silently landing on another feature's weight.
"""

from __future__ import annotations

from typing import NamedTuple


class CandidateFeatures(NamedTuple):
    """Evidence that one ranked occupation is the one meant (`rank.candidate_features`)."""

    query_cover: float  # share of the query's IDF mass found in the label
    label_cover: float  # share of the label's IDF mass found in the query
    both_covers: float  # both at once: the label says what the query says, no more, no less
    exact: float  # the label, normalised, is the query
    alt_label: float  # the matched label is an alternative label
    hidden_label: float  # ... a hidden label (odd spellings)
    foreign_label: float  # ... a label in another language than English
    second_label: float  # score of the occupation's second-best label
    description: float  # share of the query's words in the occupation's description
    token_sort: float  # rapidfuzz token_sort_ratio of query and label, 0-1
    breadth: float  # how many names ESCO gives the occupation, 0-1
    specialisation: float  # the occupation is a specialisation (ESCO code below level one)
    lacks_head: float  # the label lacks the query's head noun
    names_cover: float  # share of the query some name of the occupation holds


LINEAR_FEATURES: tuple[str, ...] = ("base", *CandidateFeatures._fields)
"""What the linear re-ranker weighs: the first stage's overlap score, then each candidate
feature. Its file also holds one prior per ISCO major group, added as they are."""

BOOSTER_FEATURES: tuple[str, ...] = (*LINEAR_FEATURES, "specificity", "linear_rank")
"""What the learned re-ranker reads of each candidate: the linear re-ranker's inputs, the
query's specificity and the candidate's place in the linear ranking (`rank.booster_rows`).

Not the ISCO major group: the dev set's tags lean to assistant-level roles, and a booster given
the group learns that lean ("nurse" became *nurse assistant*); the linear part keeps a mild
prior."""


class ConfidenceFeatures(NamedTuple):
    """Evidence that the first candidate of a ranking is right (`confidence.features`)."""

    top_share: float  # log softmax share of the first candidate among the first ten
    top_label_cover: float
    specificity: float  # the query's rarest word, as a share of the largest IDF
    top_breadth: float
    second_label_cover: float
    top_names_cover: float
    top_learned: float  # the learned re-ranker's log-odds for the first candidate
    second_learned: float  # ... for the second
