"""`drift`: the distribution of a column does not shift between splits (train vs test) or between this
table and a reference table (the previous version) — measured by the population stability index (PSI).

Numbers are put in `bins` equal-width bins over the reference range (values outside fall in the end
bins); text and booleans by value. PSI = Σ (cur − ref) · ln(cur / ref) over bin shares, with empty bins
counted as 0.0001. Common reading: < 0.1 stable, 0.1–0.25 some shift, > 0.25 shifted. Bin counts are
exact on every engine, so PSI agrees to floating-point rounding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import NUMERIC, Check, CheckContext, Finding, column_info
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import Measure

_EMPTY_SHARE = 1e-4


@dataclass(frozen=True)
class DriftSettings:
    """column: the column; split_column + reference (+ current, default every other split), or
    reference_table: what to compare with; max_psi: the largest accepted PSI; bins: for numbers."""

    column: str
    split_column: str | None = None
    reference: str | None = None
    current: str | None = None
    reference_table: str | None = None
    max_psi: float = 0.25
    bins: int = 10


def psi(reference: dict[Any, int], current: dict[Any, int]) -> float:
    """Population stability index of two binned count tables."""
    ref_total, cur_total = sum(reference.values()) or 1, sum(current.values()) or 1
    total = 0.0
    for key in sorted(set(reference) | set(current), key=str):
        ref = max(reference.get(key, 0) / ref_total, _EMPTY_SHARE)
        cur = max(current.get(key, 0) / cur_total, _EMPTY_SHARE)
        total += (cur - ref) * math.log(cur / ref)
    return total


class Drift(Check[DriftSettings]):
    """A set-level check: PSI above `max_psi` fails."""

    type = "drift"
    settings_type = DriftSettings
    characteristic = "credibility"
    findings = (
        Finding(
            "distribution-drift",
            "분포 안정성 지수(PSI)가 {psi:.3f}입니다 (허용 {max_psi}).",
            "The population stability index (PSI) is {psi:.3f} (accepted up to {max_psi}).",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return tuple(name for name in (self.settings.column, self.settings.split_column) if name)

    def validate(self, context: CheckContext) -> None:
        s = self.settings
        by_split = s.split_column is not None and s.reference is not None
        if by_split == (s.reference_table is not None):
            raise quality_error(
                "drift-reference",
                f"검사 '{self.spec.id}': split_column과 reference, 또는 reference_table 중 하나만 지정하세요.",
                f"Check '{self.spec.id}': give either split_column with reference, or reference_table.",
            )
        if s.reference_table is not None and s.reference_table not in context.tables:
            raise quality_error(
                "unknown-table",
                f"검사 '{self.spec.id}'의 기준 표 '{s.reference_table}'가 없습니다.",
                f"Check '{self.spec.id}': reference table '{s.reference_table}' is not there.",
            )

    def _sides(self, context: CheckContext) -> str:
        d, s = context.dialect, self.settings
        value = d.quote(s.column)
        present = f"{value} IS NOT NULL"
        if s.reference_table is not None:
            other = context.tables[s.reference_table].relation
            return (
                f"SELECT 'cur' AS side, {value} AS v FROM {context.table.relation} WHERE {present} "
                f"UNION ALL SELECT 'ref' AS side, {value} AS v FROM {other} WHERE {present}"
            )
        split = d.as_text(d.quote(s.split_column or ""))
        current = f"{split} = {d.text(s.current)}" if s.current else f"{split} <> {d.text(s.reference or '')}"
        return (
            f"SELECT CASE WHEN {split} = {d.text(s.reference or '')} THEN 'ref' ELSE 'cur' END AS side, "
            f"{value} AS v FROM {context.table.relation} "
            f"WHERE {present} AND ({split} = {d.text(s.reference or '')} OR {current})"
        )

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        bins = self.settings.bins
        if column_info(context, self.settings.column).kind in NUMERIC:
            scaled = f"CAST(FLOOR((v - lo) / (hi - lo) * {bins}) AS INT)"
            binned = f"CASE WHEN hi = lo THEN 0 ELSE LEAST({bins - 1}, GREATEST(0, {scaled})) END"
            source = "sides CROSS JOIN bounds"
        else:
            binned, source = context.dialect.as_text("v"), "sides"
        query = (
            f"WITH sides AS ({self._sides(context)}), "
            "bounds AS (SELECT MIN(v) AS lo, MAX(v) AS hi FROM sides WHERE side = 'ref') "
            f"SELECT side, b, COUNT(*) FROM (SELECT side, {binned} AS b FROM {source}) x GROUP BY side, b"
        )
        return {"bins": query}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        reference: dict[Any, int] = {}
        current: dict[Any, int] = {}
        for side, bin_key, count in rows["bins"]:
            (reference if side == "ref" else current)[bin_key] = int(count)
        index = round(psi(reference, current), 9)
        metric = {
            "psi": index,
            "max_psi": self.settings.max_psi,
            "reference_rows": sum(reference.values()),
            "current_rows": sum(current.values()),
        }
        violated = not reference or not current or index > self.settings.max_psi
        return Measure(checked=sum(current.values()), failing=int(violated), metric=metric, violated=violated)
