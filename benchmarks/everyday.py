"""The matcher on everyday titles (tests/matching/everyday), and the fit of its commonness prior.

Figures per kind of title, on either half:

* `first`: the first candidate is one the person would accept (rows that have an answer);
* `answered`: the matcher answered instead of asking (rows that have one clear answer);
* `precision`: answers that are right, over every answer given (a non-job answered is wrong);
* `no_match`: non-jobs answered with "no match".

`fit_prior` learns the choice among a name's occupations (`matching.prior`) from the fitting
half only, for `matching/prior_model.json`.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matching import MatchIndex, MatchStatus
from matching.prior import choice_shares
from tests.matching.everyday import KINDS, EverydayTitle

L2 = 0.1
"""Ridge penalty on the choice weights: a handful of weights over a few hundred titles."""
WRONG_ANSWER_COST = 4.0
"""How many right answers one wrong answer (or an answer where a question was due) costs."""


PROBES_CSV = Path(__file__).resolve().parent.parent / "tests/matching/probes.csv"


def not_probed(rows: Sequence[EverydayTitle]) -> list[EverydayTitle]:
    """The rows whose title is not also a probe of the tables (tests/matching/probes.csv).

    The probes were written without the held-out half, but by hand about the same common
    jobs, so many titles are in both, and a table entry a probe needed answers that held-out
    row too. The rest show how the matcher does on titles no table entry was written for.
    """
    with PROBES_CSV.open(newline="", encoding="utf-8") as handle:
        probes = csv.DictReader(line for line in handle if not line.startswith("#"))
        probed = {row["title"].strip().casefold() for row in probes}
    return [row for row in rows if row.title.strip().casefold() not in probed]


def evaluate(index: MatchIndex, rows: Sequence[EverydayTitle]) -> dict[str, dict[str, float]]:
    """Figures per kind, plus "all"."""
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        result = index.match(row.title)
        first = result.candidates[0].label.strip() if result.candidates else None
        answered = result.status is MatchStatus.MATCH
        right = first in row.accept
        for kind in (row.kind, "all"):
            tally = tallies[kind]
            tally["n"] += 1
            if row.expect != "none":
                tally["with_answer"] += 1
                tally["first"] += right
            if row.expect == "answer":
                tally["clear"] += 1
                tally["answered"] += answered
            if answered:
                tally["answers"] += 1
                tally["right_answers"] += right
            if row.expect == "none":
                tally["nonjobs"] += 1
                tally["no_match"] += result.status is MatchStatus.NO_MATCH
    return {kind: _figures(tally) for kind, tally in tallies.items()}


def _figures(tally: Counter[str]) -> dict[str, float]:
    def share(part: str, whole: str) -> float:
        return tally[part] / tally[whole] if tally[whole] else math.nan

    return {
        "n": tally["n"],
        "first": share("first", "with_answer"),
        "answered": share("answered", "clear"),
        "precision": share("right_answers", "answers"),
        "no_match": share("no_match", "nonjobs"),
    }


def print_figures(name: str, figures: Mapping[str, Mapping[str, float]]) -> None:
    """One line per kind, in the set's kind order, "all" last."""
    print(f"everyday, {name}:  kind          n   first  answered  precision  no_match")
    for kind in (*KINDS, "all"):
        if kind in figures:
            f = figures[kind]
            cells = "  ".join(
                "   -  " if math.isnan(f[k]) else f"{f[k]:6.3f}"
                for k in ("first", "answered", "precision", "no_match")
            )
            print(f"  {kind:<14} {int(f['n']):4d}  {cells}")


def _uri_of(index: MatchIndex) -> dict[str, str]:
    """Occupation URI by English preferred label, stripped as the set's loader strips it.

    A few ESCO labels carry stray spaces (" food service worker").
    """
    data = index._data
    return {label.strip(): uri for uri, label in zip(data.occ_uris, data.occ_labels, strict=True)}


def tagged(index: MatchIndex, rows: Sequence[EverydayTitle]) -> list[tuple[str, frozenset[str]]]:
    """(title, URIs of every accepted occupation) for the rows that have an answer."""
    uri_of = _uri_of(index)
    return [
        (row.title, frozenset(uri_of[a] for a in row.accept if a in uri_of))
        for row in rows
        if row.accept
    ]


def everyday_counts(rows: Sequence[EverydayTitle], uri_of: Mapping[str, str]) -> Counter[str]:
    """How many rows mean each occupation first: the prior's `everyday` evidence."""
    return Counter(uri_of[row.accept[0]] for row in rows if row.accept and row.accept[0] in uri_of)


def fit_prior(
    index: MatchIndex, rows: Sequence[EverydayTitle]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the choice weights and the answer share on the fitting half.

    Returns the model file's parameters and what its provenance adds (the choices counted).
    The exported weights must give the fitted weights' shares on every choice.

    A row's own title is left out of the `everyday` count it is fitted with, so the weights do
    not learn that an occupation is common because this very row says so.
    """
    from scipy.optimize import minimize

    from matching.names import holders, key_words
    from matching.normalise import query_terms
    from matching.prior import CHOICE_FEATURES

    data = index._data
    uri_of = _uri_of(index)
    counts = everyday_counts(rows, uri_of)
    everyday_col = CHOICE_FEATURES.index("everyday")
    base = data.occ_prior.copy()  # the columns build_index laid out, with this half's counts
    base[:, everyday_col] = [math.log1p(counts.get(uri, 0)) for uri in data.occ_uris]
    cases = []
    for row in rows:
        if not row.accept:
            continue
        key = key_words(data, query_terms(row.title))
        if key is None:
            continue
        own = uri_of.get(row.accept[0])
        table = base
        if own is not None:
            table = base.copy()
            occ = data.uri_index[own]
            table[occ, everyday_col] = math.log1p(counts[own] - 1)
        found = holders(data, key, table)
        if found is None or len(found.occs) < 2:
            continue
        accepted = {data.uri_index[uri_of[a]] for a in row.accept if a in uri_of}
        positive = np.array([int(o) in accepted for o in found.occs])
        if positive.any():
            cases.append((found.rows, positive, row, bool(found.preferred.sum() == 1)))

    def loss(w: np.ndarray) -> float:
        total = 0.5 * L2 * float(w @ w)
        for x, pos, _, _ in cases:
            z = x @ w
            top = z.max()
            total -= math.log(np.exp(z[pos] - top).sum()) - math.log(np.exp(z - top).sum())
        return total

    fitted = minimize(loss, np.zeros(len(CHOICE_FEATURES)), method="L-BFGS-B")
    weights = [float(w) for w in fitted.x]
    drift = max(
        float(np.abs(choice_shares(weights, x) - choice_shares(fitted.x, x)).max())
        for x, _, _, _ in cases
    )
    if drift > 1e-9:
        raise SystemExit(f"the exported prior disagrees with the fitted one by {drift:.3g}")
    ratio, sweep = _answer_ratio(cases, weights)
    print(f"prior: {len(cases)} name choices from {len(rows)} fitting titles; weights:")
    for name, w in zip(CHOICE_FEATURES, weights, strict=True):
        print(f"  {name:<15} {w:+.3f}")
    print("answer ratio sweep (first over second, right answers, wrong or premature answers):")
    for line in sweep:
        print(f"  {line}")
    print(f"chosen answer ratio {ratio:g}")
    parameters = {
        "weights": weights,
        "answer_ratio": ratio,
        "everyday": dict(sorted(counts.items())),
    }
    return parameters, {"everyday_titles": len(rows), "choices": len(cases)}


ANSWER_RATIOS = (1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 30.0, 50.0)
"""How many times as likely as the second the first choice must be to be given at once."""


def _answer_ratio(
    cases: Sequence[tuple[np.ndarray, np.ndarray, EverydayTitle, bool]], weights: Sequence[float]
) -> tuple[float, list[str]]:
    """The lead over the second choice above which the first is given as the answer.

    A lead, not a share: "nurse" reaches dozens of occupations, and the general nurse's share
    is diluted by all of them, yet it is eleven times as likely as the next. Counted on the
    fitting half's names without a single preferred owner (those answer anyway): right answers
    to clear titles, less `WRONG_ANSWER_COST` per wrong answer or answer to a title whose
    honest reply is a question.
    """
    firsts = []
    for x, pos, row, single_owner in cases:
        if single_owner:
            continue
        shares = choice_shares(weights, x)
        order = np.argsort(-shares, kind="stable")
        lead = float(shares[order[0]] / max(float(shares[order[1]]), 1e-12))
        firsts.append((lead, bool(pos[order[0]]), row.expect == "answer"))
    best, lines = (-math.inf, 0.0), []
    for ratio in ANSWER_RATIOS:
        given = [(right, clear) for lead, right, clear in firsts if lead >= ratio]
        good = sum(1 for right, clear in given if right and clear)
        bad = len(given) - good
        lines.append(f"{ratio:5g}  {good:4d}  {bad:4d}")
        best = max(best, (good - WRONG_ANSWER_COST * bad, ratio))
    return best[1], lines


def single_owner_alt_labels(labels: Sequence[Any]) -> list[tuple[str, str]]:
    """(folded text, URI) of English alt labels that no other occupation's label spells."""
    from matching.normalise import fold

    owners: dict[str, set[str]] = defaultdict(set)
    alts: set[str] = set()
    for label in labels:
        if label.language == "en":
            owners[fold(label.label.strip())].add(label.occupation_uri)
            if label.kind == "alt":
                alts.add(fold(label.label.strip()))
    return sorted((text, next(iter(owners[text]))) for text in alts if len(owners[text]) == 1)


def exact_labels(index: MatchIndex, labels: Sequence[Any], listing: Path | None = None) -> None:
    """Type every English preferred label, and every alt label of one occupation, as it is.

    Prints how many are answered with their own occupation and the first exceptions; writes
    every exception to ``listing`` (CSV: kind, label, status, first candidate) when given.
    """
    rows: list[tuple[str, str, str, str]] = []
    data = index._data
    kinds = {
        "preferred": list(zip(data.occ_labels, data.occ_uris, strict=True)),
        "alt, no other occupation's label": single_owner_alt_labels(labels),
    }
    for kind, pairs in kinds.items():
        misses = [
            (text, result.status.value, result.candidates[0].label if result.candidates else "-")
            for text, uri in pairs
            for result in [index.match(text)]
            if result.status is not MatchStatus.MATCH or result.candidates[0].uri != uri
        ]
        print(f"exact labels, {kind}: {len(pairs) - len(misses)} of {len(pairs)} answered as own")
        for text, status, first in misses[:25]:
            print(f"  {text!r}: {status}, first {first!r}")
        if len(misses) > 25:
            print(f"  ... and {len(misses) - 25} more")
        rows.extend((kind, *miss) for miss in misses)
    if listing is not None:
        with listing.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["kind", "label", "status", "first"])
            writer.writerows(rows)
        print(f"every exception ({len(rows)}) written to {listing}")
