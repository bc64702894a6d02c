"""`allowed-values` (ODCS `invalidValues` with `validValues`): present values belong to a listed set."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.quality.checks.base import NUMERIC, CheckContext, Finding, RowCheck, column_info
from mfgdata.quality.errors import quality_error


@dataclass(frozen=True)
class AllowedValuesSettings:
    """column: the column; values: the accepted values (compared as numbers on numeric columns)."""

    column: str
    values: tuple[bool | int | float | str, ...] = ()


class AllowedValues(RowCheck[AllowedValuesSettings]):
    """Missing values are not judged here (that is `not-null`)."""

    type = "allowed-values"
    per_value = True
    settings_type = AllowedValuesSettings
    characteristic = "validity"
    findings = (
        Finding(
            "value-not-allowed",
            "값이 있는 {checked}행 중 {failing}행이 허용된 값이 아닙니다.",
            "{failing} of {checked} present values are not among the allowed values.",
        ),
    )

    def validate(self, context: CheckContext) -> None:
        if not self.settings.values:
            raise quality_error(
                "no-allowed-values",
                f"검사 '{self.spec.id}'에 허용 값 목록(values)이 비어 있습니다. 값을 하나 이상 적으세요.",
                f"Check '{self.spec.id}' lists no allowed values. Add at least one under 'values'.",
            )

    def applies(self, context: CheckContext) -> str | None:
        return f"{context.dialect.quote(self.settings.column)} IS NOT NULL"

    def failing(self, context: CheckContext) -> str:
        d = context.dialect
        name = d.quote(self.settings.column)
        kind = column_info(context, self.settings.column).kind
        numeric = kind in NUMERIC and all(isinstance(v, int | float) for v in self.settings.values)
        if numeric:
            listed = ", ".join(d.literal(float(v)) for v in self.settings.values)
            return f"CAST({name} AS DOUBLE) NOT IN ({listed})"
        if kind == "boolean":
            listed = ", ".join(d.literal(str(v).lower() in ("true", "1", "yes")) for v in self.settings.values)
            return f"{name} NOT IN ({listed})"
        listed = ", ".join(d.text(str(v)) for v in self.settings.values)
        return f"{d.as_text(name)} NOT IN ({listed})"
