"""Classification and regression scores in plain numpy.

The bootstrap computes every metric hundreds of times on a few thousand rows; scikit-learn's input checks
cost more than the arithmetic there, so these are written out. They follow scikit-learn's definitions
(average precision as the step-wise sum, ROC-AUC with ties counted half, zero where undefined for F1,
precision and recall); the tests compare them with scikit-learn.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def roc_auc(true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (the Mann–Whitney statistic, ties counted half); NaN with one class."""
    positives = int(true.sum())
    negatives = len(true) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = rankdata(scores, method="average")
    return float((ranks[true == 1].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def average_precision(true: np.ndarray, scores: np.ndarray) -> float:
    """PR-AUC as scikit-learn's average precision: Σ (R_n − R_{n−1}) P_n over distinct thresholds."""
    positives = int(true.sum())
    if positives == 0:
        return float("nan")
    order = np.argsort(-scores, kind="mergesort")
    sorted_scores, sorted_true = scores[order], true[order]
    last_of_tie = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]
    true_positives = np.cumsum(sorted_true)[last_of_tie]
    predicted = last_of_tie + 1
    precision = true_positives / predicted
    recall = true_positives / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def _counts(true: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(predicted & (true == 1)))
    fp = float(np.sum(predicted & (true == 0)))
    fn = float(np.sum(~predicted & (true == 1)))
    return tp, fp, fn


def precision(true: np.ndarray, predicted: np.ndarray) -> float:
    tp, fp, _ = _counts(true, predicted)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(true: np.ndarray, predicted: np.ndarray) -> float:
    tp, _, fn = _counts(true, predicted)
    return tp / (tp + fn) if tp + fn else 0.0


def f1(true: np.ndarray, predicted: np.ndarray) -> float:
    tp, fp, fn = _counts(true, predicted)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _confusion(true: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    return np.bincount(true * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def macro_f1(true: np.ndarray, predicted: np.ndarray, classes: int) -> float:
    """Mean F1 over the classes present in truth or prediction (scikit-learn's `average="macro"`)."""
    matrix = _confusion(true, predicted, classes).astype(float)
    tp = np.diag(matrix)
    support, guessed = matrix.sum(axis=1), matrix.sum(axis=0)
    present = (support + guessed) > 0
    scores = np.divide(2 * tp, support + guessed, out=np.zeros(classes), where=(support + guessed) > 0)
    return float(scores[present].mean())


def balanced_accuracy(true: np.ndarray, predicted: np.ndarray, classes: int) -> float:
    """Mean recall over the classes present in truth."""
    matrix = _confusion(true, predicted, classes).astype(float)
    support = matrix.sum(axis=1)
    present = support > 0
    return float((np.diag(matrix)[present] / support[present]).mean())


def r2(true: np.ndarray, predicted: np.ndarray) -> float:
    total = float(np.sum((true - true.mean()) ** 2))
    return 1.0 - float(np.sum((true - predicted) ** 2)) / total if total else float("nan")
