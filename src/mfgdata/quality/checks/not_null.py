"""`not-null` (ODCS `nullValues`, `missingValues`): values are present; blank text and NaN count as missing."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.quality.checks.base import CheckContext, Finding, RowCheck, column_info


@dataclass(frozen=True)
class NotNullSettings:
    """column: the column; blank_is_missing: text that is empty or only spaces counts as missing."""

    column: str
    blank_is_missing: bool = True


class NotNull(RowCheck[NotNullSettings]):
    """Every row is checked; a missing value fails."""

    type = "not-null"
    settings_type = NotNullSettings
    characteristic = "completeness"
    findings = (
        Finding(
            "missing-value", "{checked}행 중 {failing}행이 비어 있습니다.", "{failing} of {checked} rows are missing."
        ),
    )

    def failing(self, context: CheckContext) -> str:
        name = context.dialect.quote(self.settings.column)
        kind = column_info(context, self.settings.column).kind
        parts = [f"{name} IS NULL"]
        if kind == "number":
            parts.append(f"isnan({name})")
        if kind == "text" and self.settings.blank_is_missing:
            parts.append(f"trim({name}) = ''")
        return " OR ".join(parts)
