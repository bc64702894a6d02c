"""`sql-rule`: a cross-column rule — one SQL boolean expression over a row (`set_temp <= max_temp`) that
must hold; rows where it is false fail, rows where it is unknown (a missing value) are not judged.

The expression is refused before running when it is not boolean or could do anything but compute
(see `mfgdata.quality.sqlguard`); the same text runs on DuckDB and Spark, so keep to portable SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.quality.checks.base import CheckContext, Finding, RowCheck
from mfgdata.quality.errors import quality_error
from mfgdata.quality.sqlguard import refuse_unsafe


@dataclass(frozen=True)
class SqlRuleSettings:
    """rule: the boolean SQL expression; columns: the columns it reads (shown with failing rows)."""

    rule: str
    columns: tuple[str, ...] = ()


class SqlRule(RowCheck[SqlRuleSettings]):
    """False rows fail; NULL (unknown) rows are not counted as checked."""

    type = "sql-rule"
    settings_type = SqlRuleSettings
    characteristic = "consistency"
    findings = (
        Finding(
            "rule-violated",
            "규칙을 판단할 수 있는 {checked}행 중 {failing}행이 규칙을 어깁니다.",
            "{failing} of {checked} rows where the rule can be judged break it.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return self.settings.columns

    def validate(self, context: CheckContext) -> None:
        refuse_unsafe(self.settings.rule, self.spec.id)
        try:
            found = context.expression_type(context.table.relation, self.settings.rule)
        except Exception as error:  # engine binder errors differ by engine; the message is what matters
            first = str(error).strip().splitlines()[0][:300]
            raise quality_error(
                "bad-sql",
                f"검사 '{self.spec.id}'의 SQL 규칙을 실행할 수 없습니다: {first} — 열 이름을 확인하세요.",
                f"The SQL rule of check '{self.spec.id}' cannot run: {first} — check the column names.",
            ) from None
        if found.upper() not in ("BOOLEAN", "BOOLEANTYPE()", "BOOLEANTYPE"):
            raise quality_error(
                "not-boolean",
                f"검사 '{self.spec.id}'의 SQL 규칙이 참/거짓이 아니라 {found} 값을 냅니다. 비교식으로 쓰세요.",
                f"The SQL rule of check '{self.spec.id}' gives {found}, not true/false. Write a comparison.",
            )

    def applies(self, context: CheckContext) -> str | None:
        return f"({self.settings.rule}) IS NOT NULL"

    def failing(self, context: CheckContext) -> str:
        return f"NOT ({self.settings.rule})"
