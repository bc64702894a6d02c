"""`label-classes`: every row has a label and it is one of the known classes (blank labels fail)."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.quality.checks.base import CheckContext, Finding, RowCheck


@dataclass(frozen=True)
class LabelClassesSettings:
    """column: the label column; classes: the known classes (empty: only blank labels fail)."""

    column: str
    classes: tuple[bool | int | str, ...] = ()


class LabelClasses(RowCheck[LabelClassesSettings]):
    """A blank, missing or unknown label fails; labels are compared as text."""

    type = "label-classes"
    per_value = True
    settings_type = LabelClassesSettings
    characteristic = "validity"
    findings = (
        Finding(
            "label-unknown",
            "{checked}행 중 {failing}행의 레이블이 비었거나 알려진 클래스가 아닙니다.",
            "{failing} of {checked} rows have a blank label or one that is not a known class.",
        ),
    )

    def failing(self, context: CheckContext) -> str:
        d = context.dialect
        text = d.as_text(d.quote(self.settings.column))
        parts = [f"{text} IS NULL", f"trim({text}) = ''"]
        if self.settings.classes:
            listed = ", ".join(
                d.text(str(value).lower() if isinstance(value, bool) else str(value)) for value in self.settings.classes
            )
            parts.append(f"{text} NOT IN ({listed})")
        return " OR ".join(parts)
