"""The target a baseline model learns: which label column, what kind of task, and whether it can be learnt.

The target is `--target`, else the contract's one `label` column; when several columns are labels (AI4I's
failure modes beside `Machine failure`, steel plates' one-hot faults beside `defect_type`), the one a recipe
step made, else the one the build's stratified split balanced. Refused: no label, one class, too few rows
of a class (a test part could not hold enough of them to measure anything).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mfgdata.ai_validity.errors import refusal
from mfgdata.ai_validity.product import BuiltProduct, Column

Task = Literal["binary", "multiclass", "regression", "rul"]

MIN_ROWS_PER_CLASS = 20
MIN_ROWS_REGRESSION = 100
MAX_CLASSES = 50
MAX_CLASS_CODES = 20  # an integer label with more distinct values than this is a quantity, not a class
_RUL_NAME = re.compile(r"(^|[^a-z])rul([^a-z]|$)", re.IGNORECASE)
_POSITIVE_NAME = re.compile(r"^(1|true|yes|ng|y)$|def|fail|fault|bad|불량|이상", re.IGNORECASE)
_RUL_WORDS = ("remaining useful life", "remaining life", "잔여수명", "잔여 수명")


@dataclass(frozen=True)
class Target:
    """The label column, its task and its values: class codes (classification) or numbers (regression)."""

    column: str
    task: Task
    y: np.ndarray
    present: np.ndarray
    classes: tuple[str, ...] = ()
    positive: int | None = None

    @property
    def is_classification(self) -> bool:
        return self.task in ("binary", "multiclass")

    def class_counts(self) -> dict[str, int]:
        counts = np.bincount(self.y[self.present].astype(int), minlength=len(self.classes))
        return {name: int(count) for name, count in zip(self.classes, counts, strict=True)}


def _pick_label(product: BuiltProduct, requested: str | None) -> Column:
    if requested is not None:
        column = product.column(requested)
        if column is None:
            names = ", ".join(c.name for c in product.columns)
            raise refusal(
                "unknown-target",
                product.project,
                f"'{requested}' 열이 빌드된 데이터에 없습니다. 있는 열: {names}",
                f"Column '{requested}' is not in the built data. Columns: {names}",
            )
        return column
    labels = product.roles("label")
    if not labels:
        raise refusal(
            "no-label",
            product.project,
            "데이터 계약에 라벨(role: label) 열이 없어 모델이 배울 대상이 없습니다. contract.yaml에서 라벨 열의 role을 "
            "label로 정하거나 --target으로 지정하세요.",
            "The data contract marks no label (role: label), so there is nothing for a model to learn. Set a column's "
            "role to label in contract.yaml or name it with --target.",
        )
    if len(labels) == 1:
        return labels[0]
    made = [column for column in labels if column.made_by_recipe]
    if len(made) == 1:
        return made[0]
    settings = (product.split_step or {}).get("settings") or {}
    balanced = next(
        (c for c in labels if settings.get("by") == "stratified" and settings.get("column") == c.name), None
    )
    if balanced is not None:
        return balanced
    names = ", ".join(column.name for column in labels)
    raise refusal(
        "several-labels",
        product.project,
        f"라벨 열이 여럿입니다({names}). 모델이 배울 열을 --target으로 고르세요.",
        f"Several columns are labels ({names}). Choose the one a model should learn with --target.",
    )


def _is_rul(column: Column) -> bool:
    text = column.description.lower()
    return bool(_RUL_NAME.search(column.name)) or any(word in text for word in _RUL_WORDS)


def _missing(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind == "f":
        return np.isnan(values)
    return np.array([value is None or (isinstance(value, float) and np.isnan(value)) for value in values])


def _regression(column: Column, values: np.ndarray, present: np.ndarray, product: BuiltProduct) -> Target:
    if int(present.sum()) < MIN_ROWS_REGRESSION:
        raise refusal(
            "too-few-rows",
            product.project,
            f"'{column.name}' 값이 있는 행이 {int(present.sum())}개뿐입니다. "
            f"최소 {MIN_ROWS_REGRESSION}행이 필요합니다.",
            f"Only {int(present.sum())} rows have a '{column.name}' value; at least {MIN_ROWS_REGRESSION} are needed.",
        )
    y = np.where(present, values, np.nan).astype(float)
    return Target(column.name, "rul" if _is_rul(column) else "regression", y, present)


def _refuse_one_class(product: BuiltProduct, column: Column, classes: list[str]) -> None:
    only = classes[0] if classes else "—"
    raise refusal(
        "one-class",
        product.project,
        f"라벨 '{column.name}'의 값이 '{only}' 하나뿐이라 모델이 구별할 것이 없습니다. 다른 부류(예: 불량)가 담긴 "
        "데이터를 더하세요.",
        f"Label '{column.name}' has one value only ('{only}'), so there is nothing for a model to tell apart. Add data "
        "that holds the other class (e.g. defects).",
    )


def _positive_class(classes: list[str], counts: np.ndarray) -> int:
    """The class a failure model looks for: one named like a defect (1, NG, def…, fail…), else the rarer."""
    for index, name in enumerate(classes):
        if _POSITIVE_NAME.search(name):
            return index
    return int(len(counts) - 1 - np.argmin(counts[::-1]))


def _classification(column: Column, values: np.ndarray, present: np.ndarray, product: BuiltProduct) -> Target:
    kept = values[present]
    if kept.dtype.kind == "f":
        kept = kept.astype(np.int64)  # integer labels with gaps arrive as floats
    classes_raw, codes = np.unique(kept.astype(str) if kept.dtype == object else kept, return_inverse=True)
    classes = [str(value) for value in classes_raw]
    if len(classes) < 2:
        _refuse_one_class(product, column, classes)
    counts = np.bincount(codes, minlength=len(classes))
    scarce = [(name, int(count)) for name, count in zip(classes, counts, strict=True) if count < MIN_ROWS_PER_CLASS]
    if scarce:
        listed = ", ".join(f"'{name}' {count}" for name, count in scarce)
        raise refusal(
            "too-few-rows-per-class",
            product.project,
            f"라벨 '{column.name}'의 부류별 행이 너무 적습니다({listed}행). 부류마다 최소 {MIN_ROWS_PER_CLASS}행이 "
            "있어야 학습과 평가에 나눌 수 있습니다. 데이터를 더 모으거나 드문 부류를 합치세요.",
            f"Label '{column.name}' has too few rows of a class ({listed}). Each class needs at least "
            f"{MIN_ROWS_PER_CLASS} rows to be shared between training and test. Collect more or merge rare classes.",
        )
    y = np.full(len(values), -1, dtype=int)
    y[present] = codes
    task: Task = "binary" if len(classes) == 2 else "multiclass"
    positive = _positive_class(classes, counts) if task == "binary" else None
    return Target(column.name, task, y, present, tuple(classes), positive)


def resolve_target(product: BuiltProduct, requested: str | None = None) -> Target:
    """The target of the product, or a refusal saying why no model can learn from it."""
    column = _pick_label(product, requested)
    values = product.values(column.name)
    present = ~_missing(values)
    numeric = column.logical_type in ("integer", "number") and values.dtype.kind in "iuf"
    distinct = np.unique(values[present]) if numeric else np.array([])
    if numeric and (_is_rul(column) or (values.dtype.kind == "f" and not np.all(distinct == np.round(distinct)))):
        return _regression(column, values, present, product)
    if numeric and len(distinct) > MAX_CLASS_CODES:
        return _regression(column, values, present, product)
    target = _classification(column, values, present, product)
    if len(target.classes) > MAX_CLASSES:
        raise refusal(
            "too-many-classes",
            product.project,
            f"라벨 '{column.name}'의 부류가 {len(target.classes)}개로 너무 많습니다(최대 {MAX_CLASSES}).",
            f"Label '{column.name}' has {len(target.classes)} classes, too many (at most {MAX_CLASSES}).",
        )
    return target
