"""`label-balance`: the labels are usable for learning — at least `min_classes` classes, and the rarest
class holds at least `min_share` of the labelled rows (melting-tank data with one class fails)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import Check, CheckContext, Finding
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class LabelBalanceSettings:
    """column: the label column; min_classes: fewest classes accepted; min_share: smallest share of the
    rarest class (0.0: any)."""

    column: str
    min_classes: int = 2
    min_share: float = 0.0


def _json_key(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


class LabelBalance(Check[LabelBalanceSettings]):
    """A set-level check over the class counts."""

    type = "label-balance"
    settings_type = LabelBalanceSettings
    characteristic = "credibility"
    findings = (
        Finding(
            "label-imbalance",
            "레이블 클래스가 {class_count}개이고 가장 드문 클래스의 비율은 {minority_share:.2%}입니다 "
            "(최소 {min_classes}개, {min_share:.2%}).",
            "The labels have {class_count} classes; the rarest holds {minority_share:.2%} of rows "
            "(needed: {min_classes} classes, {min_share:.2%}).",
        ),
    )

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        name = context.dialect.quote(self.settings.column)
        return {
            "classes": f"SELECT {name}, COUNT(*) FROM {context.table.relation} WHERE {name} IS NOT NULL GROUP BY {name}"
        }

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        counts = {_json_key(label): int(count) for label, count in rows["classes"]}
        counts = dict(sorted(counts.items()))
        total = sum(counts.values())
        share = min(counts.values()) / total if total else 0.0
        s = self.settings
        violated = len(counts) < s.min_classes or share < s.min_share
        metric = {
            "classes": counts,
            "class_count": len(counts),
            "minority_share": round(share, 9),
            "min_classes": s.min_classes,
            "min_share": s.min_share,
        }
        return Measure(checked=total, failing=int(violated), metric=metric, violated=violated)
