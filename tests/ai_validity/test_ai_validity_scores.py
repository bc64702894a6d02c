"""Scores and intervals: the numpy metrics agree with scikit-learn, the NASA score punishes late predictions,
and the bootstrap is seeded."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn import metrics as sk

from mfgdata.ai_validity import scores
from mfgdata.ai_validity.metrics import compare, metric_functions, nasa_score


@pytest.fixture
def binary() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    true = (rng.random(500) < 0.1).astype(int)
    predicted = np.round(np.clip(true * 0.3 + rng.random(500) * 0.8, 0, 1), 2)  # rounded: many ties
    return true, predicted


def test_ranking_scores_match_scikit_learn(binary: tuple[np.ndarray, np.ndarray]) -> None:
    true, predicted = binary
    assert scores.roc_auc(true, predicted) == pytest.approx(sk.roc_auc_score(true, predicted))
    assert scores.average_precision(true, predicted) == pytest.approx(sk.average_precision_score(true, predicted))
    assert math.isnan(scores.roc_auc(np.zeros(5, dtype=int), np.arange(5.0)))


def test_threshold_scores_match_scikit_learn(binary: tuple[np.ndarray, np.ndarray]) -> None:
    true, predicted = binary
    hard = predicted >= 0.6
    assert scores.f1(true, hard) == pytest.approx(sk.f1_score(true, hard))
    assert scores.precision(true, hard) == pytest.approx(sk.precision_score(true, hard))
    assert scores.recall(true, hard) == pytest.approx(sk.recall_score(true, hard))
    assert scores.f1(true, np.zeros(len(true), dtype=bool)) == 0.0


def test_multiclass_and_regression_scores_match_scikit_learn() -> None:
    rng = np.random.default_rng(3)
    true, guess = rng.integers(0, 5, 300), rng.integers(0, 4, 300)  # class 4 is never predicted
    assert scores.macro_f1(true, guess, 5) == pytest.approx(sk.f1_score(true, guess, average="macro"))
    assert scores.balanced_accuracy(true, guess, 5) == pytest.approx(sk.balanced_accuracy_score(true, guess))
    values, predicted = rng.normal(size=200), rng.normal(size=200)
    assert scores.r2(values, predicted) == pytest.approx(sk.r2_score(values, predicted))


def test_nasa_score_punishes_late_more_than_early() -> None:
    true = np.array([50.0])
    assert nasa_score(true, np.array([50.0])) == 0.0
    assert nasa_score(true, np.array([60.0])) == pytest.approx(math.e - 1)  # 10 cycles late: e^(10/10) - 1
    assert nasa_score(true, np.array([37.0])) == pytest.approx(math.e - 1)  # 13 cycles early: e^(13/13) - 1
    assert nasa_score(true, np.array([60.0])) > nasa_score(true, np.array([40.0]))


def test_bootstrap_intervals_are_seeded_and_bracket_the_value(binary: tuple[np.ndarray, np.ndarray]) -> None:
    true, predicted = binary
    functions = metric_functions("binary", 0.6)
    baseline = np.full(len(true), true.mean())
    units = np.arange(len(true))
    first = compare(functions, metric_functions("binary"), true, predicted, baseline, units, 100, seed=1)
    again = compare(functions, metric_functions("binary"), true, predicted, baseline, units, 100, seed=1)
    other = compare(functions, metric_functions("binary"), true, predicted, baseline, units, 100, seed=2)
    assert first == again and first != other
    auc = first.model["roc_auc"]
    assert auc.low < auc.value < auc.high
    assert first.baseline["roc_auc"].value == 0.5
    assert first.difference["pr_auc"].low > 0  # the scores carry signal, the constant does not
