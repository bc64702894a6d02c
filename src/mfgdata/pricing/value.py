"""Value factors: what makes this product worth more or less than its size says.

Each factor is a multiplier with its reason: quality grade (from `verify`), labels present, time span,
number of equipment, standards applied (semantic ids, AAS) and the rarity of the process (from the rate
table's `process_rarity`). Their product, kept within 0.7–1.6, scales the recommended price.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.pricing.facts import ProductFacts

GRADES = {"A": 1.15, "B": 1.05, "C": 1.0, "D": 0.9}
LIMITS = (0.7, 1.6)


@dataclass(frozen=True)
class Factor:
    """One value factor."""

    id: str
    multiplier: float
    ko: str
    en: str


def _quality(facts: ProductFacts) -> Factor:
    if facts.grade is None:
        return Factor("quality", 1.0, "품질 검증 결과 없음: 가중치 없음", "no quality results: no weight")
    weight = GRADES.get(str(facts.grade), 0.9)
    return Factor("quality", weight, f"품질 등급 {facts.grade}", f"quality grade {facts.grade}")


def _labels(facts: ProductFacts) -> Factor:
    if facts.label_columns:
        names = ", ".join(facts.label_columns)
        return Factor(
            "labels", 1.1, f"라벨 있음 ({names}): 학습에 바로 쓸 수 있음", f"labelled ({names}): ready for training"
        )
    return Factor("labels", 1.0, "라벨 없음", "no labels")


def _span(facts: ProductFacts) -> Factor:
    if facts.years is None:
        return Factor("time_span", 1.0, "수집 기간 정보 없음", "no collection period")
    weight = 1.1 if facts.years >= 1 else 1.0 if facts.years >= 1 / 12 else 0.95
    days = round(facts.years * 365.25)
    return Factor("time_span", weight, f"수집 기간 {days}일", f"collected over {days} days")


def _equipment(facts: ProductFacts) -> Factor:
    weight = 1.1 if facts.entities >= 10 else 1.05 if facts.entities >= 2 else 1.0
    return Factor("equipment", weight, f"설비 {facts.entities}대", f"equipment count {facts.entities}")


def _standards(facts: ProductFacts) -> Factor:
    weight = 1.0 + (0.05 if facts.aas else 0.0) + (0.05 if facts.semantic_share >= 0.5 else 0.0)
    share = round(facts.semantic_share * 100)
    aas_ko, aas_en = ("AAS 있음", "with AAS") if facts.aas else ("AAS 없음", "no AAS")
    return Factor(
        "standards", weight, f"표준 속성 ID {share}% 열, {aas_ko}", f"semantic ids on {share}% of columns, {aas_en}"
    )


def _rarity(facts: ProductFacts, rarity: dict[str, Any]) -> Factor:
    weight = float(rarity.get(facts.process, 1.0))
    return Factor(
        "rarity",
        weight,
        f"공정 '{facts.process}' 희소성 가중치 {weight}",
        f"rarity of process '{facts.process}': {weight}",
    )


def value_factors(facts: ProductFacts, rarity: dict[str, Any]) -> tuple[list[Factor], float]:
    """The factors and their combined multiplier (within LIMITS)."""
    factors = [
        _quality(facts),
        _labels(facts),
        _span(facts),
        _equipment(facts),
        _standards(facts),
        _rarity(facts, rarity),
    ]
    combined = 1.0
    for factor in factors:
        combined *= factor.multiplier
    return factors, round(min(max(combined, LIMITS[0]), LIMITS[1]), 4)
