"""`range`: present values lie within limits — numbers (hard limits, or spec limits from the contract) or
spec-limit columns carried on every row (die-casting `Factory_Temp_Min`/`_Max`).

A row whose limit column is blank is not judged (there is no limit to compare with); a value equal to a
limit is inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.quality.checks.base import NUMERIC, ORDERED, CheckContext, Finding, RowCheck
from mfgdata.quality.errors import quality_error


@dataclass(frozen=True)
class RangeSettings:
    """column: the column; min/max: limits as numbers, or min_column/max_column: columns holding them;
    limits: `hard` (physical or technical limits) or `spec` (specification limits), for the report."""

    column: str
    min: float | None = None
    max: float | None = None
    min_column: str | None = None
    max_column: str | None = None
    limits: Literal["hard", "spec"] = "hard"


class Range(RowCheck[RangeSettings]):
    """Rows outside [low, high] fail."""

    type = "range"
    settings_type = RangeSettings
    characteristic = "accuracy"
    findings = (
        Finding(
            "out-of-range",
            "값이 있는 {checked}행 중 {failing}행이 한계를 벗어났습니다.",
            "{failing} of {checked} present values are outside the limits.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        s = self.settings
        return tuple(name for name in (s.column, s.min_column, s.max_column) if name)

    def validate(self, context: CheckContext) -> None:
        s = self.settings
        if (s.min is not None and s.min_column) or (s.max is not None and s.max_column):
            raise quality_error(
                "two-limits",
                f"검사 '{self.spec.id}': 'min'과 'min_column'(또는 max)은 함께 쓸 수 없습니다. 하나만 남기세요.",
                f"Check '{self.spec.id}': use either 'min' or 'min_column' (and 'max' or 'max_column'), not both.",
            )
        if s.min is None and s.max is None and not s.min_column and not s.max_column:
            raise quality_error(
                "no-limits",
                f"검사 '{self.spec.id}'에 한계가 없습니다. min, max, min_column, max_column 중 하나를 적으세요.",
                f"Check '{self.spec.id}' has no limits. Give min, max, min_column or max_column.",
            )
        self.require_kind(context, s.column, ORDERED, ("숫자나 시각", "a numeric or time"))
        for name in (s.min_column, s.max_column):
            if name:
                self.require_kind(context, name, NUMERIC, ("숫자", "a numeric"))

    def _bounds(self, context: CheckContext) -> tuple[str | None, str | None]:
        d, s = context.dialect, self.settings
        low = d.quote(s.min_column) if s.min_column else (d.literal(float(s.min)) if s.min is not None else None)
        high = d.quote(s.max_column) if s.max_column else (d.literal(float(s.max)) if s.max is not None else None)
        return low, high

    def applies(self, context: CheckContext) -> str | None:
        d = context.dialect
        present = [d.quote(name) + " IS NOT NULL" for name in self.columns()]
        return " AND ".join(present)

    def failing(self, context: CheckContext) -> str:
        value = context.dialect.quote(self.settings.column)
        low, high = self._bounds(context)
        parts = ([f"{value} < {low}"] if low else []) + ([f"{value} > {high}"] if high else [])
        return " OR ".join(parts)
