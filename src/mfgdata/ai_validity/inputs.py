"""A prediction request checked against the model card, then prepared exactly as in training.

Rows are mappings column → value (from JSON), or text (from CSV, `from_text=True`: numbers are parsed and an
empty cell is missing). Refused, each naming the row (1-based) and the column: a missing feature column, a
column the product's contract does not know, a value of the wrong type (text in a number column, a number in
a category column), an infinite number, and a category the model never saw. Columns of the contract that the
model does not use (identifiers, the label, excluded leaking columns) are ignored and reported as such.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mfgdata.errors import ErrorText, MfgdataError

MAX_PROBLEMS = 20
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


def shown(text: object, limit: int = 40) -> str:
    """A name or value from the request as a message may quote it: control characters (NUL …) escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text)[:limit])


@dataclass(frozen=True)
class InputProblem:
    row: int | None
    column: str | None
    code: str
    ko: str
    en: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "ko": self.ko, "en": self.en}


class PredictionInputError(MfgdataError):
    """The request does not match the model's input schema; `problems` lists each cell (first 20)."""

    def __init__(self, problems: list[InputProblem]) -> None:
        first = problems[0]
        more_ko = f" (외 {len(problems) - 1}건)" if len(problems) > 1 else ""
        more_en = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first.code, ErrorText(ko=first.ko + more_ko, en=first.en + more_en))
        self.problems = problems


def refuse_request(code: str, ko: str, en: str) -> PredictionInputError:
    """A problem with the request as a whole (empty, too many rows, not a table)."""
    return PredictionInputError([InputProblem(None, None, code, ko, en)])


@dataclass
class _Collector:
    problems: list[InputProblem] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, code: str, ko: str, en: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(InputProblem(row, column, code, ko, en))


def _wrong_type(issues: _Collector, row: int, name: str, value: Any, wanted_ko: str, wanted_en: str) -> float:
    quoted = shown(repr(value))
    issues.add(
        row,
        name,
        "wrong-type",
        f"{row}행 '{name}' 열의 값 {quoted}은(는) 형식이 맞지 않습니다. {wanted_ko} 값을 넣으세요.",
        f"Row {row}, column '{name}': {quoted} must be {wanted_en}.",
    )
    return math.nan


def _number(issues: _Collector, row: int, spec: dict[str, Any], value: Any, from_text: bool) -> float:
    name = spec["name"]
    if value is None or (from_text and str(value).strip().lower() in ("", "nan", "na", "null")):
        return math.nan
    if from_text:
        try:
            value = float(str(value).strip().replace(",", ""))
        except ValueError:
            return _wrong_type(issues, row, name, value, "숫자", "a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _wrong_type(issues, row, name, value, "숫자", "a number")
    if not math.isfinite(value):
        return _wrong_type(issues, row, name, value, "유한한 숫자", "a finite number")
    return float(value)


def _boolean(issues: _Collector, row: int, spec: dict[str, Any], value: Any, from_text: bool) -> float:
    if value is None or (from_text and str(value).strip() == ""):
        return math.nan
    if isinstance(value, bool):
        return float(value)
    text = str(value).strip().lower() if (from_text or isinstance(value, int)) else None
    if text in _TRUE or text in _FALSE:
        return float(text in _TRUE)
    return _wrong_type(issues, row, spec["name"], value, "참/거짓(true/false)", "true or false")


def _category(issues: _Collector, row: int, spec: dict[str, Any], value: Any, from_text: bool) -> float:
    name, categories = spec["name"], spec["categories"]
    if value is None or (from_text and str(value) == "" and "" not in categories):
        return math.nan
    if isinstance(value, float) or (not isinstance(value, str) and str(value) not in categories):
        return _wrong_type(issues, row, name, value, "글자(범주)", "text (a category)")
    text = str(value)
    if text not in categories:
        allowed = ", ".join(c for c in categories if c)[:200]
        issues.add(
            row,
            name,
            "unknown-category",
            f"{row}행 '{name}' 열의 값 '{shown(text)}'은(는) 학습 데이터에 없던 범주입니다. 가능한 값: {allowed}",
            f"Row {row}, column '{name}': '{shown(text)}' is a category the model never saw. Allowed: {allowed}",
        )
        return math.nan
    return float(categories.index(text))


PREPARE = {"number": _number, "boolean": _boolean, "category": _category}


def _columns(issues: _Collector, row: int, keys: set[str], features: set[str], known: set[str]) -> None:
    for name in sorted(features - keys):
        issues.add(
            row,
            name,
            "missing-column",
            f"{row}행에 '{name}' 열이 없습니다. 모델은 이 열을 입력으로 씁니다(값이 없으면 null).",
            f"Row {row} has no '{name}' column; the model needs it (send null for a missing value).",
        )
    for name in sorted(keys - known):
        issues.add(
            row,
            shown(name, 200),
            "unknown-column",
            f"{row}행의 '{shown(name)}' 열은 이 상품의 데이터 계약에 없는 열입니다. 열 이름을 확인하세요.",
            f"Row {row}: column '{shown(name)}' is not in this product's data contract; check the column names.",
        )


def prepare_rows(
    card: dict[str, Any], rows: Sequence[Mapping[str, Any]], *, known: set[str], from_text: bool = False
) -> np.ndarray:
    """The feature matrix of the request, or PredictionInputError naming every bad cell (first 20)."""
    if not rows:
        raise refuse_request("empty-request", "예측할 행이 없습니다.", "There are no rows to predict.")
    specs = card["features"]
    features = {spec["name"] for spec in specs}
    issues = _Collector()
    matrix = np.full((len(rows), len(specs)), np.nan)
    for index, values in enumerate(rows):
        row = index + 1
        if not isinstance(values, Mapping):
            issues.add(row, None, "not-an-object", f"{row}행이 열→값 객체가 아닙니다.", f"Row {row} is not an object.")
            continue
        _columns(issues, row, set(values), features, known | features)
        for position, spec in enumerate(specs):
            if spec["name"] in values:
                prepare = PREPARE[spec["kind"]]
                matrix[index, position] = prepare(issues, row, spec, values[spec["name"]], from_text)
    if issues.problems:
        raise PredictionInputError(issues.problems)
    return matrix
