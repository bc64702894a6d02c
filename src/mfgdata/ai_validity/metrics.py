"""Test metrics with seeded bootstrap confidence intervals, and the same metrics for a trivial baseline.

Binary: PR-AUC (average precision, the headline for rare failures), ROC-AUC, F1, precision, recall at the
threshold chosen on the validation part. Multiclass: macro F1, accuracy, balanced accuracy. Regression:
RMSE, MAE, R²; remaining useful life adds the NASA (PHM08) scoring function, which punishes predicting
failure too late (e^(d/10)) more than too early (e^(-d/13)). The bootstrap resamples test rows — or whole
groups (engines, lots) when the split is by group, since rows of one engine are not independent — and
reports the 2.5th–97.5th percentiles of the model, the baseline and their paired difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mfgdata.ai_validity import scores
from mfgdata.ai_validity.target import Task

Metric = Callable[[np.ndarray, np.ndarray], float]
LOWER_IS_BETTER = {"rmse", "mae", "nasa_score", "nasa_score_mean"}
PRIMARY = {"binary": "pr_auc", "multiclass": "macro_f1", "regression": "rmse", "rul": "rmse"}


def nasa_score(true: np.ndarray, predicted: np.ndarray) -> float:
    """PHM08 / C-MAPSS score: sum of e^(-d/13)-1 for early and e^(d/10)-1 for late predictions (d = pred - true)."""
    d = np.asarray(predicted, dtype=float) - np.asarray(true, dtype=float)
    return float(np.sum(np.where(d < 0, np.exp(-d / 13.0) - 1.0, np.exp(np.minimum(d, 500.0) / 10.0) - 1.0)))


def _rmse(true: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.sqrt(np.mean((true - predicted) ** 2)))


def _binary(threshold: float) -> dict[str, Metric]:
    def hard(metric: Callable[[np.ndarray, np.ndarray], float]) -> Metric:
        return lambda t, p: metric(t, p >= threshold)

    return {
        "pr_auc": scores.average_precision,
        "roc_auc": scores.roc_auc,
        "f1": hard(scores.f1),
        "precision": hard(scores.precision),
        "recall": hard(scores.recall),
    }


def metric_functions(task: Task, threshold: float = 0.5) -> dict[str, Metric]:
    """Metric name → function(true, prediction); predictions are scores, class probabilities or values."""
    if task == "binary":
        return _binary(threshold)
    if task == "multiclass":
        return {
            "macro_f1": lambda t, p: scores.macro_f1(t, p.argmax(axis=1), p.shape[1]),
            "accuracy": lambda t, p: float(np.mean(t == p.argmax(axis=1))),
            "balanced_accuracy": lambda t, p: scores.balanced_accuracy(t, p.argmax(axis=1), p.shape[1]),
        }
    metrics: dict[str, Metric] = {
        "rmse": _rmse,
        "mae": lambda t, p: float(np.mean(np.abs(t - p))),
        "r2": scores.r2,
    }
    if task == "rul":
        metrics["nasa_score"] = nasa_score
        metrics["nasa_score_mean"] = lambda t, p: nasa_score(t, p) / len(t)
    return metrics


def best_f1_threshold(true: np.ndarray, predicted: np.ndarray) -> float:
    """The score threshold with the highest F1 on the validation part (0.5 when it has no positives)."""
    if true.sum() == 0 or len(np.unique(predicted)) < 2:
        return 0.5
    candidates = np.unique(np.quantile(predicted, np.linspace(0.5, 0.999, 200)))
    f1s = [scores.f1(true, predicted >= c) for c in candidates]
    return float(candidates[int(np.argmax(f1s))])


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float | None]:
        return {"value": _round(self.value), "ci_low": _round(self.low), "ci_high": _round(self.high)}


def _round(value: float) -> float | None:
    """Six decimals (stable bytes in the report); None where undefined (JSON has no NaN)."""
    return round(float(value), 6) if np.isfinite(value) else None


def _safe(metric: Metric, true: np.ndarray, predicted: np.ndarray) -> float:
    try:
        return metric(true, predicted)
    except ValueError:  # e.g. ROC-AUC of a resample with one class
        return float("nan")


def _resamples(units: np.ndarray, count: int, seed: int) -> list[np.ndarray]:
    """Row indices of `count` bootstrap resamples drawn by unit (row or group), without a loop over units."""
    rng = np.random.default_rng(seed)
    unique, inverse = np.unique(units, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    sizes = np.bincount(inverse, minlength=len(unique))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    draws = []
    for _ in range(count):
        picks = rng.integers(0, len(unique), len(unique))
        lengths = sizes[picks]
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        draws.append(order[np.repeat(starts[picks], lengths) + offsets])
    return draws


@dataclass(frozen=True)
class Comparison:
    model: dict[str, Estimate]
    baseline: dict[str, Estimate]
    difference: dict[str, Estimate]


def compare(
    metrics: dict[str, Metric],
    baseline_metrics: dict[str, Metric],
    true: np.ndarray,
    model: np.ndarray,
    baseline: np.ndarray,
    units: np.ndarray,
    resamples: int,
    seed: int,
) -> Comparison:
    """Point values on the whole test part and percentile intervals over seeded bootstrap resamples.

    The baseline has its own metric functions: its hard predictions are the majority class, whatever
    threshold the model uses.
    """
    draws = _resamples(units, resamples, seed)
    out: dict[str, dict[str, Estimate]] = {"model": {}, "baseline": {}, "difference": {}}
    for name, metric in metrics.items():
        base = baseline_metrics[name]
        m = np.array([_safe(metric, true[rows], model[rows]) for rows in draws])
        b = np.array([_safe(base, true[rows], baseline[rows]) for rows in draws])
        point_m, point_b = _safe(metric, true, model), _safe(base, true, baseline)
        for key, point, sample in (
            ("model", point_m, m),
            ("baseline", point_b, b),
            ("difference", point_m - point_b, m - b),
        ):
            low, high = np.nanpercentile(sample, [2.5, 97.5]) if np.isfinite(sample).any() else (np.nan, np.nan)
            out[key][name] = Estimate(point, float(low), float(high))
    return Comparison(out["model"], out["baseline"], out["difference"])
