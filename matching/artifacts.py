"""The one file format of every fitted model the matcher ships.

Four models are fitted offline (`benchmarks/match_quality.py --refit`) and read at start-up:
the linear re-ranker, the learned re-ranker (trees), the confidence model (trees) and the
commonness prior. Each is a JSON document in the `matching` package:

    {"format": 1, "model": "<name>", "about": "...",
     "features": [names, in the order the parameters use them],
     "parameters": {...what the model needs...},
     "provenance": {"fitted": date, "dev_set_sha256": ..., "everyday_fit_sha256": ...,
                    "split_seed": ..., "willai": version, "scikit_learn": version, ...},
     "held_out": {figures on the held-out halves the model was accepted on}}

The feature names are checked against the record the code computes (`features`) when the file
is read: a file whose names or order differ is refused with one clear error, since its
weights would land on the wrong evidence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

FORMAT = 1
REFIT = "python benchmarks/match_quality.py --refit"


class ModelFileError(ValueError):
    """A model file this code cannot use as it is: another format, or other features."""


@dataclass(frozen=True, slots=True)
class ModelFile:
    """One fitted model as read from its file."""

    name: str
    features: tuple[str, ...]
    parameters: Mapping[str, Any]
    provenance: Mapping[str, Any]
    held_out: Mapping[str, Any]


def check_features(name: str, found: Sequence[str], expected: Sequence[str]) -> None:
    """Refuse a model fitted on other features, naming the first place they differ."""
    found, expected = tuple(found), tuple(expected)
    if found == expected:
        return
    for position, (theirs, ours) in enumerate(zip(found, expected, strict=False)):
        if theirs != ours:
            where = f"feature {position} is {theirs!r} in the file but {ours!r} in the code"
            break
    else:
        where = f"the file has {len(found)} features, the code computes {len(expected)}"
    raise ModelFileError(f"{name} was fitted on other features ({where}); refit: {REFIT}")


def parse(name: str, document: Mapping[str, Any], features: Sequence[str]) -> ModelFile:
    """Read a model document, checking its format and its feature names."""
    if document.get("format") != FORMAT:
        raise ModelFileError(
            f"{name} is in model file format {document.get('format')!r}, this code reads "
            f"format {FORMAT}; refit: {REFIT}"
        )
    check_features(name, document["features"], features)
    return ModelFile(
        name,
        tuple(document["features"]),
        document["parameters"],
        document.get("provenance", {}),
        document.get("held_out", {}),
    )


def packaged(name: str, features: Sequence[str]) -> ModelFile:
    """A model file shipped inside the `matching` package."""
    text = resources.files("matching").joinpath(name).read_text(encoding="utf-8")
    return parse(name, json.loads(text), features)


def document(
    model: str,
    *,
    about: str,
    features: Sequence[str],
    parameters: Mapping[str, Any],
    provenance: Mapping[str, Any],
    held_out: Mapping[str, Any],
) -> dict[str, Any]:
    """A model file's content, in the order a reader meets it."""
    return {
        "format": FORMAT,
        "model": model,
        "about": about,
        "features": list(features),
        "parameters": dict(parameters),
        "provenance": dict(provenance),
        "held_out": dict(held_out),
    }


def dumps(content: Mapping[str, Any]) -> str:
    """The file's text: one fixed layout, so the same model always gives the same bytes."""
    return json.dumps(content, separators=(",", ":"), ensure_ascii=False) + "\n"
