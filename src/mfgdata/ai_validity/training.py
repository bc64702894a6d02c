"""Train the baseline on the training part, score the test part, and draw the learning curve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mfgdata.ai_validity.metrics import PRIMARY, Comparison, best_f1_threshold, compare, metric_functions
from mfgdata.ai_validity.models import Model, ModelSpec, fit_lightgbm, fit_logistic
from mfgdata.ai_validity.splitting import TEST, TRAIN, VALID, Split
from mfgdata.ai_validity.target import Target

LEARNING_FRACTIONS = (0.25, 0.5, 1.0)
MAX_TRAIN_ROWS = 500_000  # a baseline needs no more; keeps large products within minutes on one thread


@dataclass(frozen=True)
class Problem:
    """Features, target and model settings; `units` are the bootstrap / subsampling units (rows or groups)."""

    x: np.ndarray
    names: tuple[str, ...]
    categorical: tuple[int, ...]
    target: Target
    split: Split
    spec: ModelSpec
    units: np.ndarray
    seed: int
    resamples: int

    def rows(self, part: str) -> np.ndarray:
        """Labelled rows of a part; the training part is subsampled by unit beyond MAX_TRAIN_ROWS (seeded)."""
        rows = np.flatnonzero(self.split.mask(part) & self.target.present)
        if part != TRAIN or len(rows) <= MAX_TRAIN_ROWS:
            return rows
        return _subsample(self, rows, MAX_TRAIN_ROWS / len(rows))

    def labels(self, rows: np.ndarray) -> np.ndarray:
        y = self.target.y[rows]
        return (y == self.target.positive).astype(int) if self.target.task == "binary" else y


@dataclass(frozen=True)
class Outcome:
    comparison: Comparison
    threshold: float | None
    importance: np.ndarray
    learning_curve: list[dict[str, Any]]
    rows: dict[str, int]
    model: Any = None
    test_predictions: np.ndarray | None = None


def fit(problem: Problem, rows: np.ndarray) -> Any:
    """Train the problem's model on these rows."""
    x, y = problem.x[rows], problem.labels(rows)
    if problem.spec.kind == "lightgbm":
        return fit_lightgbm(problem.spec, x, y, problem.names, problem.categorical)
    return fit_logistic(problem.spec, x, y, len(problem.target.classes))


def baseline_prediction(problem: Problem, train: np.ndarray, count: int) -> np.ndarray:
    """The trivial model: the training share of positives, the class shares (argmax: majority), or the mean."""
    y = problem.labels(train)
    if problem.target.task == "binary":
        return np.full(count, y.mean())
    if problem.target.task == "multiclass":
        shares = np.bincount(y, minlength=len(problem.target.classes)) / len(y)
        return np.tile(shares, (count, 1))
    return np.full(count, float(np.mean(y)))


def _threshold(problem: Problem, model: Model) -> float | None:
    if problem.target.task != "binary":
        return None
    valid = problem.rows(VALID)
    return best_f1_threshold(problem.labels(valid), model.predict(problem.x[valid])) if len(valid) else 0.5


def _subsample(problem: Problem, train: np.ndarray, fraction: float) -> np.ndarray:
    if fraction >= 1.0:
        return train
    units = np.unique(problem.units[train])
    rng = np.random.default_rng(problem.seed + int(fraction * 1000))
    chosen = rng.choice(units, size=max(1, round(len(units) * fraction)), replace=False)
    return train[np.isin(problem.units[train], chosen)]


def _curve_point(problem: Problem, fraction: float, model: Model, threshold: float | None) -> dict[str, Any]:
    train, test = problem.rows(TRAIN), problem.rows(TEST)
    rows = _subsample(problem, train, fraction)
    primary = PRIMARY[problem.target.task]
    point: dict[str, Any] = {"fraction": fraction, "train_rows": len(rows), "metric": primary, "value": None}
    if problem.target.is_classification and len(np.unique(problem.labels(rows))) < 2:
        return point
    fitted = model if fraction >= 1.0 else fit(problem, rows)
    metric = metric_functions(problem.target.task, threshold or 0.5)[primary]
    point["value"] = round(float(metric(problem.labels(test), fitted.predict(problem.x[test]))), 6)
    return point


def train_and_test(problem: Problem) -> Outcome:
    """Fit on training rows, choose the F1 threshold on the validation rows, compare with the baseline on test."""
    train, test = problem.rows(TRAIN), problem.rows(TEST)
    model = fit(problem, train)
    threshold = _threshold(problem, model)
    task = problem.target.task
    predictions = model.predict(problem.x[test])
    comparison = compare(
        metric_functions(task, threshold or 0.5),
        metric_functions(task, 0.5),
        problem.labels(test),
        predictions,
        baseline_prediction(problem, train, len(test)),
        problem.units[test],
        problem.resamples,
        problem.seed,
    )
    curve = [_curve_point(problem, fraction, model, threshold) for fraction in LEARNING_FRACTIONS]
    rows = {"train_used": len(train)}
    return Outcome(comparison, threshold, model.importance(), curve, rows, model, predictions)
