"""Roll check results up to data-quality characteristics, a conformance rate and a grade.

Characteristics are the inherent ones of ISO/IEC 25012 — accuracy, completeness, consistency,
credibility, currentness — plus uniqueness and validity as Korean data-quality practice counts them.
Each check belongs to one. Measures follow ISO/IEC 25024's X = A / B form:
- a row-level check's rate is (values checked − values failing) / values checked (e.g. record
  completeness, syntactic accuracy, referential integrity); a set-level check (row count, drift,
  label balance) is 1 when it holds and 0 when not;
- a characteristic's rate is the mean of its checks' rates; the quality index is the mean of the
  characteristics that have checks;
- the conformance rate is the share of checks that pass.
Grade bands on the quality index: A ≥ 0.98, B ≥ 0.95, C ≥ 0.90, D ≥ 0.80, else E; a failed `block`
check caps the grade at D. The grade is this tool's summary, not an official certification.
"""

from __future__ import annotations

from typing import Any

from mfgdata.quality.model import CHARACTERISTICS, CheckResult

BANDS = (("A", 0.98), ("B", 0.95), ("C", 0.90), ("D", 0.80))
CAP_ON_BLOCK = "D"


def check_rate(result: CheckResult) -> float:
    """The ISO/IEC 25024-style X = A / B of one check."""
    if result.measure.violated is not None:
        return 0.0 if result.measure.violated else 1.0
    return 1.0 - result.measure.ratio if result.measure.checked else 1.0


def grade(index: float, block_failed: bool) -> str:
    """The letter for a quality index (capped when a blocking check failed)."""
    letter = next((name for name, floor in BANDS if index >= floor), "E")
    if block_failed and letter < CAP_ON_BLOCK:
        return CAP_ON_BLOCK
    return letter


def score(results: list[CheckResult]) -> dict[str, Any]:
    """The `score` object of results.json."""
    characteristics: dict[str, Any] = {}
    for name in CHARACTERISTICS:
        members = [r for r in results if r.characteristic == name and not r.not_run]
        rate = sum(check_rate(r) for r in members) / len(members) if members else None
        characteristics[name] = {
            "rate": round(rate, 6) if rate is not None else None,
            "checks": [r.spec.id for r in members],
        }
    rated = [entry["rate"] for entry in characteristics.values() if entry["rate"] is not None]
    index = sum(rated) / len(rated) if rated else 1.0
    run = [r for r in results if not r.not_run]
    conformance = sum(1 for r in run if r.passed) / len(run) if run else 1.0
    block_failed = any(not r.passed and r.spec.severity == "block" for r in run)
    return {
        "conformance_rate": round(conformance, 6),
        "quality_index": round(index, 6),
        "grade": grade(index, block_failed),
        "grade_bands": {name: floor for name, floor in BANDS},
        "characteristics": characteristics,
        "note_ko": "이 등급은 mfgdata 검사 결과의 요약이며 공인 인증이 아닙니다.",
        "note_en": "This grade summarises mfgdata's checks; it is not an official certification.",
    }
