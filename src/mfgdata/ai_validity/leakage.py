"""Which columns a baseline may learn from, and which are excluded as leakage — each with the reason.

Excluded by role: identifiers, entity/lot keys, the split, timestamps, free text. Excluded by type: time
values, constant columns and text with too many distinct values for a category. Excluded by rule, because
they restate the label rather than predict it (measured on the training rows only):

- `flags-or`: 0/1 flags that each mostly mean one class (precision ≥ 0.8) and whose OR agrees with that
  class (Matthews correlation ≥ 0.9) — AI4I's failure modes TWF, HDF, PWF, OSF beside `Machine failure`,
  or one-hot fault columns beside a fault-type label;
- `single-column`: one column that alone explains the label (Gini impurity or variance reduced by ≥ 95 %
  by a tree of at most 64 leaves on that column).

Other label columns the rules did not catch are outcomes too (not known when predicting): excluded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from mfgdata.ai_validity.product import BuiltProduct, Column
from mfgdata.ai_validity.target import Target

ROLE_REASONS = {
    "identifier": ("식별자는 특성이 아닙니다", "an identifier is not a feature"),
    "entity": ("설비·개체 키: 시험 개체는 학습에 없습니다", "an entity key: test entities are unseen in training"),
    "lot": ("로트 키: 시험 로트는 학습에 없을 수 있습니다", "a lot key: test lots may be unseen in training"),
    "split": ("학습/시험 구분 열입니다", "the train/test split itself"),
    "timestamp": ("시각은 특성이 아닙니다(시간 분할)", "a timestamp is not a feature (time split)"),
    "free_text": ("자유 텍스트는 기준선 모델에 쓰지 않습니다", "free text is not used by the baseline"),
}
FLAG_PRECISION = 0.8
FLAGS_OR_MCC = 0.9
SINGLE_COLUMN_EXPLAINED = 0.95
MAX_BINS = 64  # leaves of the one-column tree
MAX_CATEGORIES = 64


@dataclass(frozen=True)
class Exclusion:
    """A column left out of the features, with the rule that left it out and its evidence."""

    column: str
    reason: str
    ko: str
    en: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FeaturePlan:
    used: tuple[str, ...]
    excluded: tuple[Exclusion, ...]


def _is_flag(values: np.ndarray) -> bool:
    if values.dtype.kind == "b":
        return True
    if values.dtype.kind not in "iuf":
        return False
    present = values[~np.isnan(values.astype(float))]
    return len(present) > 0 and set(np.unique(present).tolist()) <= {0, 1} and present.max() == 1


def _mcc(predicted: np.ndarray, actual: np.ndarray) -> float:
    tp = float(np.sum(predicted & actual))
    tn = float(np.sum(~predicted & ~actual))
    fp = float(np.sum(predicted & ~actual))
    fn = float(np.sum(~predicted & actual))
    denominator = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else 0.0


def _flag_groups(flags: dict[str, np.ndarray], target: Target, rows: np.ndarray) -> list[Exclusion]:
    found: list[Exclusion] = []
    classes = [target.positive] if target.task == "binary" else range(len(target.classes))
    for code in classes:
        actual = target.y[rows] == code
        precise = [
            name
            for name, values in flags.items()
            if values[rows].sum() and actual[values[rows]].mean() >= FLAG_PRECISION
        ]
        if not precise:
            continue
        union = np.logical_or.reduce([flags[name][rows] for name in precise])
        mcc = _mcc(union, actual)
        if mcc >= FLAGS_OR_MCC:
            label = target.classes[int(code)]  # type: ignore[arg-type]
            evidence = {"rule": "flags-or", "class": label, "flags": precise, "mcc": round(mcc, 4)}
            ko = (
                f"0/1 플래그({', '.join(precise)})의 OR가 라벨 부류 '{label}'과 일치합니다(MCC {mcc:.3f}): "
                "라벨을 다시 말함"
            )
            en = f"the OR of flags {', '.join(precise)} matches label class '{label}' (MCC {mcc:.3f}): restates it"
            found += [Exclusion(name, "restates-label", ko, en, evidence) for name in precise]
    return found


def _codes(values: np.ndarray) -> np.ndarray | None:
    """The column as one numeric input (text as sorted category codes); None for text with too many values."""
    if values.dtype.kind in "iufb":
        return values.astype(float)
    text = np.array([str(v) for v in values], dtype=object)
    unique, codes = np.unique(text, return_inverse=True)
    return codes.astype(float) if len(unique) <= MAX_CATEGORIES else None


def _explained(codes: np.ndarray, target: Target, rows: np.ndarray) -> float:
    """Share of the label's impurity (classes) or variance (numbers) that one column explains.

    A shallow tree on that column alone (at most MAX_BINS leaves of at least 1 % of the rows) finds the best
    bins; what the leaves leave unexplained is compared with the label's own impurity or variance.
    """
    x, y = codes[rows].reshape(-1, 1), target.y[rows]
    leaf = max(5, len(y) // 100)
    model = DecisionTreeClassifier if target.is_classification else DecisionTreeRegressor
    tree = model(max_leaf_nodes=MAX_BINS, min_samples_leaf=leaf, random_state=0).fit(x, y)
    values = tree.tree_.impurity
    leaves = tree.tree_.children_left == -1
    weights = tree.tree_.n_node_samples
    total = values[0]
    within = float(np.sum(values[leaves] * weights[leaves]) / weights[0])
    return 1.0 - within / total if total > 0 else 0.0


def _single_column(name: str, values: np.ndarray, target: Target, rows: np.ndarray) -> Exclusion | None:
    codes = _codes(values)
    if codes is None:
        return None
    share = _explained(codes, target, rows)
    if share < SINGLE_COLUMN_EXPLAINED:
        return None
    evidence = {"rule": "single-column", "explained": round(share, 4)}
    ko = f"이 열 하나가 라벨 '{target.column}'을 {share:.1%} 설명합니다: 라벨을 다시 말하는 열(누수)"
    en = f"this one column explains {share:.1%} of label '{target.column}': it restates the label (leakage)"
    return Exclusion(name, "restates-label", ko, en, evidence)


def _structural(column: Column, values: np.ndarray) -> Exclusion | None:
    if column.role in ROLE_REASONS:
        ko, en = ROLE_REASONS[column.role]
        return Exclusion(column.name, column.role, ko, en)
    if values.dtype.kind in "Mm" or column.logical_type in ("date", "timestamp"):
        return Exclusion(
            column.name, "time-value", "날짜·시각 값은 특성이 아닙니다", "a date or time value is not a feature"
        )
    text = np.array([str(v) for v in values], dtype=object)
    if len(np.unique(text[:100_000])) <= 1:
        return Exclusion(column.name, "constant", "값이 하나뿐이라 정보가 없습니다", "one value only: no information")
    if values.dtype.kind not in "iufb" and len(np.unique(text)) > MAX_CATEGORIES:
        return Exclusion(
            column.name,
            "high-cardinality-text",
            f"값이 {MAX_CATEGORIES}가지를 넘는 텍스트는 범주로 쓰지 않습니다",
            f"text with more than {MAX_CATEGORIES} distinct values is not used as a category",
        )
    return None


def plan_features(product: BuiltProduct, target: Target, train_rows: np.ndarray) -> FeaturePlan:
    """The feature columns, and every other column with why it was excluded."""
    excluded: list[Exclusion] = []
    candidates: list[Column] = []
    for column in product.columns:
        if column.name == target.column:
            continue
        found = _structural(column, product.values(column.name))
        excluded += [found] if found else []
        candidates += [] if found else [column]
    rows = train_rows & target.present
    flags = {c.name: product.values(c.name).astype(float) == 1 for c in candidates if _is_flag(product.values(c.name))}
    flagged = {e.column: e for e in _flag_groups(flags, target, rows)} if target.is_classification else {}
    used: list[str] = []
    for column in candidates:
        found = flagged.get(column.name) or _single_column(column.name, product.values(column.name), target, rows)
        if found is None and column.role == "label":
            found = Exclusion(
                column.name,
                "other-label",
                "다른 라벨(결과) 열: 예측할 때는 알 수 없습니다",
                "another label (an outcome): not known when predicting",
            )
        excluded += [found] if found else []
        used += [] if found else [column.name]
    return FeaturePlan(tuple(used), tuple(excluded))
