"""`regex` (ODCS `invalidValues` with `pattern`): present values match a pattern in full."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mfgdata.quality.checks.base import CheckContext, Finding, RowCheck
from mfgdata.quality.errors import quality_error


@dataclass(frozen=True)
class RegexSettings:
    """column: the column; pattern: a regular expression the whole value must match (the common part of
    RE2 and Java syntax: classes, repetition, groups, alternation — no look-around, no back-references)."""

    column: str
    pattern: str


class Regex(RowCheck[RegexSettings]):
    """Values are compared as text; missing values are not judged here."""

    type = "regex"
    per_value = True
    settings_type = RegexSettings
    characteristic = "validity"
    findings = (
        Finding(
            "pattern-mismatch",
            "값이 있는 {checked}행 중 {failing}행이 형식에 맞지 않습니다.",
            "{failing} of {checked} present values do not match the pattern.",
        ),
    )

    def validate(self, context: CheckContext) -> None:
        try:
            re.compile(self.settings.pattern)
        except re.error as error:
            raise quality_error(
                "bad-pattern",
                f"검사 '{self.spec.id}'의 정규식이 잘못되었습니다({error}). 패턴을 고치세요.",
                f"Check '{self.spec.id}' has an invalid regular expression ({error}). Fix the pattern.",
            ) from None
        if re.search(r"\(\?[=!<]|\\[1-9]", self.settings.pattern):
            raise quality_error(
                "unportable-pattern",
                f"검사 '{self.spec.id}'의 정규식에 전후방 탐색이나 역참조가 있습니다. 두 엔진 공통 문법으로 바꾸세요.",
                f"Check '{self.spec.id}' uses look-around or back-references; use syntax both engines share.",
            )

    def applies(self, context: CheckContext) -> str | None:
        return f"{context.dialect.quote(self.settings.column)} IS NOT NULL"

    def failing(self, context: CheckContext) -> str:
        d = context.dialect
        return f"NOT {d.matches(d.as_text(d.quote(self.settings.column)), self.settings.pattern)}"
