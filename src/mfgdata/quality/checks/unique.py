"""`unique` (ODCS `duplicateValues`): no two rows share a key — one column, a composite key, or (no
columns) the whole row, which finds exact duplicate rows.

Checked by grouping on the key (one aggregation, spilled to disk when large), not by comparing rows.
The failing rows are the *repeats*: every row whose key already appeared in an earlier row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import Check, CheckContext, Finding
from mfgdata.quality.dialect import ROW
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class UniqueSettings:
    """columns: the key (one or more columns); empty means every column (exact duplicate rows)."""

    columns: tuple[str, ...] = ()


class Unique(Check[UniqueSettings]):
    """Repeated keys fail; missing values in a key are compared as equal to each other."""

    type = "unique"
    settings_type = UniqueSettings
    characteristic = "uniqueness"
    findings = (
        Finding(
            "duplicate-key",
            "{checked}행 중 {failing}행이 앞의 행과 키가 같습니다 (중복 키 {groups}개).",
            "{failing} of {checked} rows repeat the key of an earlier row ({groups} repeated keys).",
        ),
    )

    @property
    def column(self) -> str | None:
        return self.settings.columns[0] if len(self.settings.columns) == 1 else None

    def columns(self) -> tuple[str, ...]:
        return self.settings.columns

    def key(self, context: CheckContext) -> tuple[str, ...]:
        """The key columns: the given ones, or every column of the table."""
        return self.settings.columns or tuple(name for name in context.table.columns if name != ROW)

    def _groups(self, context: CheckContext) -> str:
        q = context.dialect.quote
        keys = ", ".join(q(name) for name in self.key(context))
        return (
            f"SELECT {keys}, COUNT(*) AS n, MIN({q(ROW)}) AS first_row FROM {context.table.relation} "
            f"GROUP BY {keys} HAVING COUNT(*) > 1"
        )

    def aggregates(self, context: CheckContext) -> dict[str, str]:
        return {"rows": "COUNT(*)"}

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        return {"repeats": f"SELECT COUNT(*), SUM(n - 1) FROM ({self._groups(context)}) g"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        groups, repeats = rows["repeats"][0]
        return Measure(int(values["rows"] or 0), int(repeats or 0), {"groups": int(groups or 0)})

    def validate(self, context: CheckContext) -> None:
        self._shown = self.key(context)

    def example_columns(self) -> tuple[str, ...]:
        return getattr(self, "_shown", self.settings.columns)

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        q = context.dialect.quote
        key = self.key(context)
        on = " AND ".join(f"t.{q(name)} IS NOT DISTINCT FROM g.{q(name)}" for name in key)
        shown = ", ".join(f"t.{q(name)}" for name in key)
        return (
            f"SELECT t.{q(ROW)}, {shown} FROM {context.table.relation} t JOIN ({self._groups(context)}) g ON {on} "
            f"WHERE t.{q(ROW)} > g.first_row ORDER BY t.{q(ROW)} LIMIT {limit}"
        )
