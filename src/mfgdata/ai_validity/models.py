"""Baseline models with fixed seeds: LightGBM for tables, logistic regression on image features.

Both run on one thread with deterministic settings, so the same data and seed give the same predictions
and the same report, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import lightgbm
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mfgdata.ai_validity.target import Task


class Model(Protocol):
    def predict(self, x: np.ndarray) -> np.ndarray:
        """Binary: probability of the positive class; multiclass: class probabilities; else values."""
        ...


@dataclass(frozen=True)
class ModelSpec:
    """Which model and with what settings (written into the report)."""

    kind: str
    library: str
    params: dict[str, Any] = field(default_factory=dict)


def lightgbm_spec(task: Task, n_classes: int, seed: int, n_estimators: int) -> ModelSpec:
    objective = {"binary": "binary", "multiclass": "multiclass"}.get(task, "regression")
    params: dict[str, Any] = {
        "objective": objective,
        "learning_rate": 0.1,
        "num_leaves": 31,
        "min_data_in_leaf": 20,
        "num_iterations": n_estimators,
        "seed": seed,
        "deterministic": True,
        "force_col_wise": True,
        "num_threads": 1,
        "verbosity": -1,
    }
    if task == "multiclass":
        params["num_class"] = n_classes
    return ModelSpec("lightgbm", f"lightgbm {lightgbm.__version__}", params)


@dataclass
class LightGbmModel:
    booster: lightgbm.Booster

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.booster.predict(x))

    def importance(self) -> np.ndarray:
        return np.asarray(self.booster.feature_importance(importance_type="gain"), dtype=float)


def fit_lightgbm(
    spec: ModelSpec, x: np.ndarray, y: np.ndarray, names: tuple[str, ...], categorical: tuple[int, ...]
) -> LightGbmModel:
    """Train LightGBM; `y` is 0/1 (binary), class codes (multiclass) or numbers."""
    data = lightgbm.Dataset(
        x,
        label=y,
        feature_name=[f"f{i}" for i in range(len(names))],
        categorical_feature=list(categorical),
        free_raw_data=False,
    )
    params = dict(spec.params)
    rounds = int(params.pop("num_iterations"))
    return LightGbmModel(lightgbm.train(params, data, num_boost_round=rounds))


def logistic_spec(seed: int) -> ModelSpec:
    params = {"C": 0.1, "max_iter": 2000, "solver": "lbfgs", "random_state": seed, "scaler": "standard"}
    return ModelSpec("logistic_regression", f"scikit-learn {sklearn.__version__}", params)


@dataclass
class LogisticModel:
    pipeline: Any
    binary: bool

    def predict(self, x: np.ndarray) -> np.ndarray:
        probabilities = self.pipeline.predict_proba(x)
        return probabilities[:, 1] if self.binary else probabilities

    def importance(self) -> np.ndarray:
        coefficients = self.pipeline[-1].coef_
        return np.abs(coefficients).sum(axis=0)


def fit_logistic(spec: ModelSpec, x: np.ndarray, y: np.ndarray, n_classes: int) -> LogisticModel:
    """Standardised features, L2 logistic regression; binary `y` is 0/1, else class codes."""
    params = {key: value for key, value in spec.params.items() if key != "scaler"}
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(**params))
    pipeline.fit(x, y)
    if n_classes > 2 and len(pipeline[-1].classes_) < n_classes:
        return _padded(pipeline, n_classes)
    return LogisticModel(pipeline, binary=n_classes == 2)


@dataclass
class _PaddedLogistic(LogisticModel):
    """A multiclass model trained without some classes (small learning-curve fractions): zero for those."""

    n_classes: int = 0

    def predict(self, x: np.ndarray) -> np.ndarray:
        full = np.zeros((len(x), self.n_classes))
        full[:, self.pipeline[-1].classes_] = self.pipeline.predict_proba(x)
        return full


def _padded(pipeline: Any, n_classes: int) -> LogisticModel:
    return _PaddedLogistic(pipeline, binary=False, n_classes=n_classes)
