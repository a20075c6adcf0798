"""Refit every model the matcher ships, check each export, and write the four model files.

    python -m benchmarks.match_quality --refit

What each model learns from; the held-out halves (JobBERT dev half B, everyday held_out.csv)
shape none of them and give the figures each file records under `held_out`:

* linear re-ranker (`linear_model.json`): a conditional logit over each title's candidates,
  fitted here with Newton steps on JobBERT dev half A;
* commonness prior (`prior_model.json`): a conditional logit over a name's occupations, on the
  everyday fitting half (`benchmarks.everyday.fit_prior`);
* learned re-ranker (`rerank_model.json`): LightGBM's boosted trees on the linear ranking's
  first candidates of dev half A (job ads only: fitted on everyday titles too
  it cost a point of top-1 on the job-ad held-out half);
* confidence model (`confidence_model.json`) and its answer threshold: LightGBM's boosted trees
  on dev half A, each title ranked by a re-ranker fitted on the other folds (stacking), plus the
  everyday fitting half weighted `EVERYDAY_WEIGHT`; the threshold is chosen on out-of-fold
  confidences of the everyday fitting half (`choose_threshold`).

Trees are exported from LightGBM's documented JSON dump (`Booster.dump_model`), and every export
must give the estimator's own raw score on every training row (within `TOLERANCE`); LightGBM
runs single-threaded and deterministic, so a refit on the same data gives the same trees. A
refit that gives the same numbers keeps the file's fit date, so the shipped files are reproduced
byte for byte; otherwise it prints what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import platform
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.everyday import WRONG_ANSWER_COST, evaluate, fit_prior, tagged
from benchmarks.match_quality import SEED, metrics, run_matcher
from matching import MatchIndex, artifacts, confidence, prior, rank
from matching.features import BOOSTER_FEATURES, LINEAR_FEATURES
from matching.normalise import query_terms
from matching.trees import TreeEnsemble
from tests.matching.everyday import HERE as EVERYDAY
from tests.matching.everyday import EverydayTitle

TOLERANCE = 1e-9
"""Largest difference allowed between an export and the estimator it came from, per row."""
FOLDS = 5
L2 = 1.0
"""Ridge penalty of the linear re-ranker's conditional logit."""
_DETERMINISTIC = {"deterministic": True, "force_row_wise": True, "n_jobs": 1, "verbose": -1}
"""LightGBM gives the same trees on every run only single-threaded, with these switches."""
BOOSTER_SETTINGS = {
    "n_estimators": 150,
    "learning_rate": 0.1,
    "num_leaves": 31,
    "max_depth": 6,
    "min_child_samples": 20,
    "reg_lambda": 0.0,
    "random_state": 0,
    **_DETERMINISTIC,
}
CONFIDENCE_SETTINGS = {
    "n_estimators": 60,
    "learning_rate": 0.1,
    "num_leaves": 8,
    "min_child_samples": 20,
    "random_state": 0,
    **_DETERMINISTIC,
}
EVERYDAY_WEIGHT = 5.0
"""Weight of one everyday fitting title against one job-ad title in the confidence model.

Real users type everyday titles; job ads are the larger set (7,731 against the few hundred
everyday titles the name rules leave to the model), so each everyday title counts five times.
"""
THRESHOLDS = np.round(np.arange(0.15, 0.60, 0.01), 3)
"""Answer thresholds the confidence sweep tries."""

Tagged = tuple[str, frozenset[str]]
"""A title and every occupation URI that counts as right for it."""
TrainingRows = list[tuple[list[tuple[float, ...]], list[bool]]]
"""Per title: the booster's rows for its first candidates, and which candidate is the tag."""


@dataclass(frozen=True, slots=True)
class Halves:
    """The data the refit reads, split once."""

    dev_fit: Sequence[tuple[str, str]]
    dev_held_out: Sequence[tuple[str, str]]
    everyday_fit: Sequence[EverydayTitle]
    everyday_held_out: Sequence[EverydayTitle]
    dev_path: Path


# ---------------------------------------------------------------------------------------------
# provenance and files


def provenance(dev_path: Path, **extra: Any) -> dict[str, Any]:
    """Which data, code and fitting library made a model, for whoever reads the file later."""
    return {
        "fitted": dt.date.today().isoformat(),
        "dev_set_sha256": _sha256(dev_path),
        "everyday_fit_sha256": _sha256(EVERYDAY / "fit.csv"),
        "split_seed": SEED,
        "willai": metadata.version("willai"),
        "scikit_learn": _version("scikit-learn"),
        "scipy": _version("scipy"),
        "numpy": np.__version__,
        "python": platform.python_version(),
        **extra,
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def model_path(name: str) -> Path:
    """Where a model file lives in the source tree."""
    import matching

    return Path(matching.__file__).with_name(name)


def write_model(name: str, content: Mapping[str, Any], before: str | None) -> str:
    """Write `content`, keeping the old fit date when nothing else changed; say what changed.

    `before` is the file's text before the refit began.
    """
    old = json.loads(before) if before is not None else None
    new = json.loads(artifacts.dumps(content))
    if old is not None and _without_date(old) == _without_date(new):
        new["provenance"]["fitted"] = old["provenance"]["fitted"]
    text = artifacts.dumps(new)
    model_path(name).write_text(text, encoding="utf-8")
    if before == text:
        return f"{name}: reproduced byte for byte"
    return f"{name}: changed\n" + _describe_change(old, new)


def _without_date(document: Mapping[str, Any]) -> dict[str, Any]:
    stripped = json.loads(json.dumps(document))
    stripped.get("provenance", {}).pop("fitted", None)
    return stripped


def _describe_change(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> str:
    """The parts of a model file that differ, and the likeliest reason."""
    if old is None:
        return "  (a new file)"
    lines = []
    if old.get("format") != new["format"]:
        lines.append(f"  format {old.get('format')} -> {new['format']}")
    if old.get("features") != new["features"]:
        lines.append("  features differ")
    old_numbers, new_numbers = _numbers(old.get("parameters", {})), _numbers(new["parameters"])
    if len(old_numbers) != len(new_numbers):
        lines.append(f"  parameters: {len(old_numbers)} numbers -> {len(new_numbers)}")
    else:
        differ = [abs(a - b) for a, b in zip(old_numbers, new_numbers, strict=True) if a != b]
        if differ:
            lines.append(
                f"  parameters: {len(differ)} of {len(new_numbers)} numbers differ "
                f"(largest by {max(differ):.3g})"
            )
    old_prov, new_prov = old.get("provenance", {}), new["provenance"]
    for key in sorted(set(old_prov) | set(new_prov) - {"fitted"}):
        if old_prov.get(key) != new_prov.get(key):
            lines.append(f"  provenance {key}: {old_prov.get(key)} -> {new_prov.get(key)}")
    for key in sorted(new.get("held_out", {})):
        before, after = old.get("held_out", {}).get(key), new["held_out"][key]
        if before != after:
            lines.append(f"  held-out {key}: {before} -> {after}")
    return "\n".join(lines) or "  only the layout of the file"


def _numbers(value: Any) -> list[float]:
    """Every number in a parameters block, in document order."""
    if isinstance(value, bool):
        return [float(value)]
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, Mapping):
        return [n for key in sorted(value) for n in _numbers(value[key])]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return []


def reload_models() -> None:
    """Forget the model files read so far, so the next ranking reads the new ones."""
    for cached in (rank.linear, rank.booster, confidence.shipped, prior.packaged_prior):
        cached.cache_clear()


# ---------------------------------------------------------------------------------------------
# the linear re-ranker


def fit_linear(index: MatchIndex, half: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A conditional logit (softmax over each title's candidates) with Newton steps.

    Returns the model file's parameters, checked: the exported weights score every training
    candidate as the fitted vector does.
    """
    data = index._data
    groups = []
    for title, uri in half:
        ranking = rank.rank(
            data, query_terms(title), depth=rank.RERANK_DEPTH, trees=rank.NO_BOOSTER
        )
        scored = [s for s in ranking.scored if s.features]
        gold = np.array([data.occ_uris[s.occ] == uri for s in scored])
        if not gold.any():
            continue
        rows = []
        for s in scored:
            major = [0.0] * rank.MAJOR_GROUPS
            major[data.occ_major[s.occ]] = 1.0
            rows.append((s.base, *(s.features or ()), *major))
        groups.append((np.array(rows), gold))
    # Rounded as the fit's last step: BLAS sums in an order that can change with memory
    # alignment, moving the 14th digit between runs; at nine decimals a refit on the same data
    # gives the same bytes, and the ranking does not notice.
    w = np.round(_newton_logit(groups), 9)
    parameters = {
        "weights": [float(v) for v in w[: len(LINEAR_FEATURES)]],
        "major_prior": [float(v) for v in w[len(LINEAR_FEATURES) :]],
    }
    model = rank.LinearModel.from_parameters(parameters)
    exported = np.array([model.base, *model.weights, *model.major_prior])
    x = np.concatenate([rows for rows, _ in groups])
    _check("linear re-ranker", x @ exported, x @ w)
    print(f"linear re-ranker: {len(groups)} titles of {len(half)} have the tag among candidates")
    return parameters


def _newton_logit(groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Maximise the L2-penalised conditional log-likelihood of the tagged candidates."""

    def loglik(w: np.ndarray) -> float:
        total = -0.5 * L2 * float(w @ w)
        for x, y in groups:
            z = x @ w
            top = z.max()
            total += z[y].mean() - top - math.log(np.exp(z - top).sum())
        return total

    k = groups[0][0].shape[1]
    w = np.zeros(k)
    current = loglik(w)
    for _ in range(40):
        grad, hess = -L2 * w, L2 * np.eye(k)
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad += x[y].mean(0) - mean
            hess += (x * p[:, None]).T @ x - np.outer(mean, mean)
        step, t = np.linalg.solve(hess, grad), 1.0
        while t > 1e-4 and loglik(w + t * step) < current:
            t /= 2
        w = w + t * step
        new = loglik(w)
        if abs(new - current) < 1e-6:
            break
        current = new
    return w


# ---------------------------------------------------------------------------------------------
# trees


def tree_parameters(fitted: Any) -> dict[str, Any]:
    """A fitted LGBMClassifier as `TreeEnsemble` parameters, from its documented JSON dump.

    `Booster.dump_model()` gives each tree as nested nodes; they are laid out flat, root first.
    Leaf values already hold the learning rate, and the first tree holds the starting log-odds
    (LightGBM's `boost_from_average`), so the prior is 0.
    """
    return {
        "learning_rate": 1.0,
        "prior": 0.0,
        "trees": [
            _flat_tree(tree["tree_structure"]) for tree in fitted.booster_.dump_model()["tree_info"]
        ],
    }


def _flat_tree(root: Mapping[str, Any]) -> dict[str, list[Any]]:
    """One dumped tree as parallel lists; `left == -1` marks a leaf."""
    tree: dict[str, list[Any]] = {k: [] for k in ("feature", "threshold", "left", "right", "value")}

    def visit(node: Mapping[str, Any]) -> int:
        at = len(tree["feature"])
        for key, blank in (("feature", -2), ("threshold", -2.0), ("left", -1), ("right", -1)):
            tree[key].append(blank)
        tree["value"].append(float(node.get("leaf_value", 0.0)))
        if "leaf_value" not in node:
            if node["decision_type"] != "<=":
                raise SystemExit(f"a split of type {node['decision_type']} cannot be exported")
            tree["feature"][at] = int(node["split_feature"])
            tree["threshold"][at] = float(node["threshold"])
            tree["left"][at] = visit(node["left_child"])
            tree["right"][at] = visit(node["right_child"])
        return at

    visit(root)
    return tree


def exported_trees(
    name: str, features: Sequence[str], fitted: Any, x: np.ndarray
) -> tuple[dict[str, Any], TreeEnsemble]:
    """Export `fitted` and check it gives scikit-learn's log-odds on every row of `x`."""
    parameters = tree_parameters(fitted)
    trees = TreeEnsemble.from_parameters(features, parameters)
    _check(name, trees.log_odds(x), fitted.predict(x, raw_score=True))
    return parameters, trees


def _check(name: str, exported: np.ndarray, fitted: np.ndarray) -> None:
    drift = float(np.abs(exported - fitted).max()) if len(fitted) else 0.0
    if drift > TOLERANCE:
        raise SystemExit(f"the exported {name} disagrees with the fitted one by {drift:.3g}")
    print(f"{name}: export matches the fitted model on {len(fitted)} rows (max drift {drift:.1e})")


def booster_training_rows(index: MatchIndex, titles: Sequence[Tagged]) -> TrainingRows:
    """The booster learns to reorder the linear ranking, so its rows come from that ranking."""
    data = index._data
    per_title: TrainingRows = []
    for title, uris in titles:
        ranking = rank.rank(
            data, query_terms(title), depth=rank.RERANK_DEPTH, trees=rank.NO_BOOSTER
        )
        scored = [s for s in ranking.scored if s.features]
        rows = rank.booster_rows(scored, ranking.specificity_share)
        per_title.append((rows, [data.occ_uris[s.occ] in uris for s in scored[: len(rows)]]))
    return per_title


def fit_booster(
    training: TrainingRows, titles: np.ndarray, *, check: bool = False
) -> tuple[dict[str, Any], TreeEnsemble]:
    """Fit the learned re-ranker on the rows of `titles`; `check` the export on all of them."""
    from lightgbm import LGBMClassifier

    chosen = [training[i] for i in titles if training[i][0]]
    x = np.array([row for rows, _ in chosen for row in rows], dtype=np.float64)
    y = np.array([hit for _, hits in chosen for hit in hits])
    fitted = LGBMClassifier(**BOOSTER_SETTINGS).fit(x, y)
    if check:
        return exported_trees("learned re-ranker", BOOSTER_FEATURES, fitted, x)
    parameters = tree_parameters(fitted)
    return parameters, TreeEnsemble.from_parameters(BOOSTER_FEATURES, parameters)


# ---------------------------------------------------------------------------------------------
# the confidence model


@dataclass(frozen=True)
class ConfidenceRows:
    """What the confidence model learns from: one row per plausible title not named outright."""

    x: np.ndarray
    right: np.ndarray  # the first candidate is one the title accepts
    allowed: np.ndarray  # the abstention rules let the first candidate be given
    which: np.ndarray  # the title's position in the list it came from


def confidence_rows(
    index: MatchIndex, titles: Sequence[Tagged], booster: TreeEnsemble
) -> ConfidenceRows:
    """The model's rows: titles the name and no-job rules settle never reach it, so are left out.

    (`MatchIndex.settled_by_rules`)
    """
    data = index._data
    rows, right, allowed, which = [], [], [], []
    for i, (title, uris) in enumerate(titles):
        if index.settled_by_rules(title):
            continue
        terms = query_terms(title)
        ranking = rank.rank(data, terms, depth=rank.RERANK_DEPTH, trees=booster)
        if not confidence.plausible(ranking):
            continue
        rows.append(confidence.features(ranking))
        right.append(int(data.occ_uris[ranking.scored[0].occ] in uris))
        allowed.append(confidence.may_answer(ranking))
        which.append(i)
    return ConfidenceRows(
        np.array(rows), np.array(right), np.array(allowed, dtype=bool), np.array(which, int)
    )


def stacked_rows(
    index: MatchIndex, titles: Sequence[Tagged], training: TrainingRows, job_ads: int
) -> ConfidenceRows:
    """`confidence_rows` of each title as ranked by a re-ranker fitted on the other folds.

    Ranked by the re-ranker fitted on all of the half, a title would look easier than a new
    one (the re-ranker has seen its tag), and the model would learn to trust it too much. The
    re-rankers learn from job ads only (the first `job_ads` titles).
    """
    order = np.arange(len(titles))
    folds = order % FOLDS
    np.random.default_rng(SEED).shuffle(folds)
    parts = []
    for fold in range(FOLDS):
        members = order[folds == fold]
        _, booster = fit_booster(training, order[(folds != fold) & (order < job_ads)])
        part = confidence_rows(index, [titles[i] for i in members], booster)
        parts.append(ConfidenceRows(part.x, part.right, part.allowed, members[part.which]))
    columns = zip(*(_columns(part) for part in parts), strict=True)
    return ConfidenceRows(*(np.concatenate(column) for column in columns))


def choose_threshold(
    probs: np.ndarray, rows: ConfidenceRows, titles: int, everyday: np.ndarray
) -> float:
    """The answer threshold that serves people best: on the everyday fitting titles.

    `probs` are out-of-fold; `everyday` marks the rows of the everyday fitting half, the rest
    are job-ad half A. Each threshold is scored by the everyday titles it answers, a right
    answer counting one and a wrong one `WRONG_ANSWER_COST` (the commonness prior's answer
    ratio is chosen at the same price); ties go to the lower threshold. The job-ad figures are
    printed beside it: the two job-ad targets of issue 4 (answer half, be right half the time)
    cannot both be kept by any threshold since the everyday rules came in, so they no longer
    choose it.
    """
    best = (-math.inf, 0.5)
    print("  threshold  job ads: answered  precision | everyday: answered  precision  score")
    for t in THRESHOLDS:
        chosen = (probs >= t) & rows.allowed
        ads, people = chosen & ~everyday, chosen & everyday
        answered = ads.sum() / titles
        precision = rows.right[ads].mean() if ads.any() else math.nan
        right = int(rows.right[people].sum())
        wrong = int(people.sum()) - right
        score = right - WRONG_ANSWER_COST * wrong
        best = max(best, (score, -float(t)))
        print(
            f"  {t:.3f}      {answered:.3f}     {precision:.3f}   |  {people.sum():5d}    "
            f"{right / max(people.sum(), 1):.3f}    {score:+.0f}"
        )
    return -best[1]


def fit_confidence(
    index: MatchIndex, halves: Halves, everyday: Sequence[Tagged]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The learned re-ranker and the confidence model with its threshold: both parameters."""
    from lightgbm import LGBMClassifier
    from sklearn.model_selection import cross_val_predict

    dev = [(title, frozenset([uri])) for title, uri in halves.dev_fit]
    titles = [*dev, *everyday]
    training = booster_training_rows(index, titles)
    booster_parameters, _ = fit_booster(training, np.arange(len(dev)), check=True)
    rows = stacked_rows(index, titles, training, len(dev))
    weight = np.where(rows.which < len(dev), 1.0, EVERYDAY_WEIGHT)
    fitted = LGBMClassifier(**CONFIDENCE_SETTINGS).fit(rows.x, rows.right, sample_weight=weight)
    parameters, _ = exported_trees("confidence model", confidence.FEATURE_NAMES, fitted, rows.x)
    out_of_fold = cross_val_predict(
        LGBMClassifier(**CONFIDENCE_SETTINGS),
        rows.x,
        rows.right,
        cv=FOLDS,
        method="predict_proba",
        params={"sample_weight": weight},
    )[:, 1]
    print("confidence calibration, out of fold (predicted, observed), by decile:")
    for part in np.array_split(np.argsort(out_of_fold), 10):
        print(f"  {out_of_fold[part].mean():.2f}  {rows.right[part].mean():.2f}")
    print("answer threshold sweep, out of fold (job-ad half A, everyday fitting half):")
    everyday_rows = rows.which >= len(dev)
    threshold = choose_threshold(out_of_fold, rows, len(dev), everyday_rows)
    print(f"chosen answer threshold {threshold:.3f} (on the everyday fitting half)")
    parameters["answer_confidence"] = threshold
    return booster_parameters, parameters


def _columns(rows: ConfidenceRows) -> tuple[np.ndarray, ...]:
    return rows.x, rows.right, rows.allowed, rows.which


# ---------------------------------------------------------------------------------------------
# the whole refit


def held_out_figures(
    build: Callable[[prior.PriorModel | None], MatchIndex],
    halves: Halves,
) -> dict[str, float]:
    """The shipped matcher's figures on both held-out halves, as each model file records them."""
    index = build(None)
    titles = [title for title, _ in halves.dev_held_out]
    dev = metrics(run_matcher(index, titles), [uri for _, uri in halves.dev_held_out])
    everyday = evaluate(index, halves.everyday_held_out)["all"]
    return {
        **{f"dev_b_{key}": round(value, 4) for key, value in dev.items()},
        **{
            f"everyday_held_out_{key}": round(everyday[key], 4)
            for key in ("first", "answered", "precision", "no_match")
        },
    }


def refit(
    build: Callable[[prior.PriorModel | None], MatchIndex],
    halves: Halves,
) -> None:
    """Fit all four models in dependency order, then write each with its held-out figures.

    Order matters: the booster learns to reorder the linear ranking, and the confidence model
    sees only titles the name rules (which read the prior) leave to it. Each stage's file is
    written at once, without figures, so the next stage fits on top of it.
    """
    originals = {name: _read(name) for name in ABOUT}
    staged: dict[str, dict[str, Any]] = {}

    def stage(
        name: str, model: str, features: Sequence[str], parameters: Any, **extra: Any
    ) -> None:
        staged[name] = artifacts.document(
            model,
            about=ABOUT[name],
            features=features,
            parameters=parameters,
            provenance=provenance(halves.dev_path, **extra),
            held_out={},
        )
        model_path(name).write_text(artifacts.dumps(staged[name]), encoding="utf-8")
        reload_models()

    try:
        # The shipped prior may be fitted on other features: start from one that knows nothing.
        blank = prior.PriorModel((0.0,) * len(prior.CHOICE_FEATURES), {}, math.inf)
        index = build(blank)
        linear = fit_linear(index, halves.dev_fit)
        stage(rank.LINEAR_FILE, "linear re-ranker", LINEAR_FEATURES, linear)
        prior_parameters, prior_extra = fit_prior(index, halves.everyday_fit)
        stage(
            prior.PRIOR_FILE,
            "commonness prior",
            prior.CHOICE_FEATURES,
            prior_parameters,
            **prior_extra,
        )
        index = build(None)  # the new prior's everyday counts are part of the index
        booster, conf = fit_confidence(index, halves, tagged(index, halves.everyday_fit))
        stage(rank.BOOSTER_FILE, "learned re-ranker", BOOSTER_FEATURES, booster)
        stage(confidence.MODEL_FILE, "confidence", confidence.FEATURE_NAMES, conf)
        figures = held_out_figures(build, halves)
    except BaseException:
        for name, text in originals.items():  # a failed refit leaves the shipped files
            if text is not None:
                model_path(name).write_text(text, encoding="utf-8")
        raise
    print("--- what changed ---")
    for name, content in staged.items():
        print(write_model(name, {**content, "held_out": figures}, originals[name]))
    reload_models()


ABOUT = {
    rank.LINEAR_FILE: "re-ranking score: weights over the features, plus a prior per ISCO major "
    "group (matching/rank.py LinearModel)",
    prior.PRIOR_FILE: "commonness prior: conditional logit over a name's occupations "
    "(matching/prior.py)",
    rank.BOOSTER_FILE: "learned re-ranker: log-odds that a candidate is the tagged occupation "
    "(matching/rank.py, walked by matching/trees.py)",
    confidence.MODEL_FILE: "P(first candidate right) and the threshold to answer at "
    "(matching/confidence.py)",
}


def _read(name: str) -> str | None:
    path = model_path(name)
    return path.read_text(encoding="utf-8") if path.exists() else None
