"""`row-count` (ODCS `rowCount`): the table has between `min` and `max` rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import Check, CheckContext, Finding
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class RowCountSettings:
    """min/max: the fewest and most rows accepted (either may be left out)."""

    min: int | None = 1
    max: int | None = None


class RowCount(Check[RowCountSettings]):
    """A set-level check: one assertion about the whole table."""

    type = "row-count"
    settings_type = RowCountSettings
    characteristic = "completeness"
    findings = (Finding("row-count", "행 수 {rows}개 (허용 {min}–{max}).", "{rows} rows (accepted {min}–{max})."),)

    def aggregates(self, context: CheckContext) -> dict[str, str]:
        return {"rows": "COUNT(*)"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        count = int(values["rows"] or 0)
        low, high = self.settings.min, self.settings.max
        violated = (low is not None and count < low) or (high is not None and count > high)
        metric = {"rows": count, "min": low if low is not None else "", "max": high if high is not None else ""}
        return Measure(checked=1, failing=int(violated), metric=metric, violated=violated)
