"""`referential` (ISO/IEC 25024 referential integrity): every present key of this table exists in the
referenced table (labels ↔ runs, readings ↔ equipment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import Check, CheckContext, Finding
from mfgdata.quality.dialect import ROW
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class ReferentialSettings:
    """column: the key in this table; reference_table: the table it refers to; reference_column: the key
    there (default: the same name)."""

    column: str
    reference_table: str
    reference_column: str | None = None


class Referential(Check[ReferentialSettings]):
    """Rows whose key is missing from the referenced table fail; rows without a key are not judged."""

    type = "referential"
    settings_type = ReferentialSettings
    characteristic = "consistency"
    findings = (
        Finding(
            "dangling-reference",
            "키가 있는 {checked}행 중 {failing}행이 참조 표에 없는 키를 가리킵니다.",
            "{failing} of {checked} keyed rows refer to a key missing from the referenced table.",
        ),
    )

    def validate(self, context: CheckContext) -> None:
        s = self.settings
        other = context.tables.get(s.reference_table)
        if other is None:
            known = ", ".join(context.tables)
            raise quality_error(
                "unknown-table",
                f"검사 '{self.spec.id}'의 참조 표 '{s.reference_table}'가 없습니다. 있는 표: {known}",
                f"Check '{self.spec.id}' refers to table '{s.reference_table}', which is not there. Tables: {known}",
            )
        target = s.reference_column or s.column
        if target not in other.columns:
            raise quality_error(
                "missing-column",
                f"검사 '{self.spec.id}': 참조 표 '{s.reference_table}'에 열 '{target}'이 없습니다.",
                f"Check '{self.spec.id}': table '{s.reference_table}' has no column '{target}'.",
            )

    def _dangling(self, context: CheckContext) -> str:
        q, s = context.dialect.quote, self.settings
        other = context.tables[s.reference_table].relation
        target = q(s.reference_column or s.column)
        return (
            f"FROM {context.table.relation} t LEFT JOIN (SELECT DISTINCT {target} AS k FROM {other}) r "
            f"ON t.{q(s.column)} = r.k WHERE t.{q(s.column)} IS NOT NULL"
        )

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        count_missing = context.dialect.count_if("r.k IS NULL")
        return {"dangling": f"SELECT COUNT(*), {count_missing} {self._dangling(context)}"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        checked, failing = rows["dangling"][0]
        return Measure(int(checked or 0), int(failing or 0))

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        q = context.dialect.quote
        return (
            f"SELECT t.{q(ROW)}, t.{q(self.settings.column)} {self._dangling(context)} AND r.k IS NULL "
            f"ORDER BY t.{q(ROW)} LIMIT {limit}"
        )
