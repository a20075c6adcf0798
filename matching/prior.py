"""How likely each occupation is to be the one meant, when a title names many of them.

"teacher" is a word in the names of some two hundred ESCO occupations, and ESCO itself lists it
as an alternative name of *politics lecturer*. A person who types it almost always means a
school teacher. Word overlap cannot tell these apart; how common each occupation is can. The
choice among the occupations a name reaches (`names.name_evidence`) is a conditional logit over
these facts about each of them:

* `narrower`: log(1 + the number of ESCO occupations below it). ESCO's codes are its hierarchy
  ("2330.1" secondary school teacher has 18 subject teachers below it, "2330.1.5" ...): an
  occupation many others specialise is the family's everyday head.
* `specialisation`: 1 for an occupation that is itself a specialisation (a code three levels
  deep, `index.IndexData.occ_depth`), which is rarer than the occupation it specialises.
* `breadth`: how many names ESCO gives it, on a 0-1 scale (`index.IndexData.occ_breadth`).
* `everyday`: log(1 + how often people mean it), counted over the fitting half of the hand-made
  everyday title set (tests/matching/everyday/fit.csv): first accepted occupation of each row.
* `exact`: the name typed is, word for word, a name of this occupation.
* `extra_words`: how many words its closest name adds to the ones typed ("school" in "primary
  school teacher" for "teacher"), capped at 4.
* `foreign_only`: the occupation is reached only through a label in another language.
* `alt_only`: no preferred name of the occupation holds the words typed, only alternative ones
  ("security manager" names *security guard*; "manager" should offer *shop manager* first).
* `everyday_alt`: `everyday` where `alt_only` holds, else 0. People mean *mechanical engineer*
  by "engineer" often, which says little of what they mean by "adviser", a word it holds only
  in its alternative name "mechanical engineering adviser"; with this column the weights can
  tell the two apart (cross-validated on the fitting half's name choices: first choice right
  188 -> 197 of 226, and +4 and +5 on two other fold splits).

The weights are fitted on the everyday fitting half (`benchmarks/match_quality.py --refit`)
and stored with the everyday counts in `prior_model.json`. The held-out half never shapes them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import artifacts

PRIOR_FILE = "prior_model.json"
OCCUPATION_FEATURES: tuple[str, ...] = ("narrower", "specialisation", "breadth", "everyday")
"""What the prior knows of an occupation before any title is typed, in column order."""
CHOICE_FEATURES: tuple[str, ...] = (
    *OCCUPATION_FEATURES,
    "exact",
    "extra_words",
    "foreign_only",
    "alt_only",
    "everyday_alt",
)
"""What the choice among an ambiguous name's occupations reads, in `PriorModel.weights` order."""
MAX_EXTRA_WORDS = 4


@dataclass(frozen=True, slots=True)
class PriorModel:
    """Fitted weights of the choice model, and the everyday counts its `everyday` column reads."""

    weights: tuple[float, ...]
    everyday: Mapping[str, int]  # occupation URI -> rows of the fitting half that meant it
    answer_ratio: float  # answer without asking when the first choice is this many times the second

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> PriorModel:
        """The model file's `parameters`, its weights in `CHOICE_FEATURES` order."""
        return cls(
            tuple(float(w) for w in parameters["weights"]),
            {str(uri): int(n) for uri, n in parameters["everyday"].items()},
            float(parameters["answer_ratio"]),
        )


@cache
def packaged_prior() -> PriorModel:
    """The shipped model, read once; refused if fitted on other features."""
    return PriorModel.from_parameters(artifacts.packaged(PRIOR_FILE, CHOICE_FEATURES).parameters)


def narrower_counts(codes: Sequence[str]) -> list[int]:
    """For each ESCO code, how many codes lie below it ("2330.1" is above "2330.1.5")."""
    below: Counter[str] = Counter()
    for code in codes:
        parts = (code or "").split(".")
        for cut in range(2, len(parts)):
            below[".".join(parts[:cut])] += 1
    return [below.get(code, 0) if code else 0 for code in codes]


def occupation_features(
    uris: Sequence[str],
    codes: Sequence[str],
    depth: Sequence[float],
    breadth: Sequence[float],
    everyday: Mapping[str, int],
) -> npt.NDArray[np.float64]:
    """One row of `OCCUPATION_FEATURES` per occupation.

    `depth` and `breadth` are the index's own (`IndexData.occ_depth`, `occ_breadth`).
    """
    narrower = narrower_counts(codes)
    return np.array(
        [
            (math.log1p(n), d, b, math.log1p(everyday.get(uri, 0)))
            for uri, n, d, b in zip(uris, narrower, depth, breadth, strict=True)
        ],
        dtype=np.float64,
    ).reshape(len(uris), len(OCCUPATION_FEATURES))


def choice_shares(
    weights: Sequence[float], rows: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Softmax of the choice model's scores over one name's occupations (rows in any order)."""
    scores = rows @ np.asarray(weights, dtype=np.float64)
    scores = np.exp(scores - scores.max())
    return scores / scores.sum()
