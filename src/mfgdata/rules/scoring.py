"""Evaluation (선정평가): validating each evaluator's sheet, combining a panel's sheets, the pass mark.

The notices prescribe the arithmetic mean of the panel (산술평점); a definition may instead say
``trimmed_mean`` (highest and lowest total dropped, needs three sheets or more). Section and criterion
means are reported too (applicants see them per section, never per evaluator). The pass mark applies to
the mean *before* bonus points. Means are exact decimals; nothing is rounded before it is compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from mfgdata.rules.errors import rules_error
from mfgdata.rules.programme import Programme

Score = int | Decimal


@dataclass(frozen=True)
class ScoreSheet:
    """One evaluator's scores for one application: criterion id → points given, with comments."""

    evaluator_id: str
    scores: Mapping[str, Score]
    comments: Mapping[str, str] = field(default_factory=dict)

    def total(self) -> Decimal:
        return sum((Decimal(v) for v in self.scores.values()), Decimal(0))


@dataclass(frozen=True)
class PanelScore:
    """A panel's combined score: the base mean, per section and criterion, and whether it passes."""

    base: Decimal
    sections: Mapping[str, Decimal]
    criteria: Mapping[str, Decimal]
    passed: bool
    sheets_counted: tuple[str, ...]


def validate_sheet(programme: Programme, sheet: ScoreSheet) -> None:
    """Refuse a sheet with a missing or unknown criterion, or a score outside 0..its points."""
    points = programme.criterion_points()
    unknown = sorted(set(sheet.scores) - set(points))
    if unknown:
        raise rules_error(
            "rules-score-unknown",
            f"평가 항목 {', '.join(unknown)}는 {programme.id}에 없습니다.",
            f"Criteria {', '.join(unknown)} are not in {programme.id}.",
        )
    missing = [c for c in points if c not in sheet.scores]
    if missing:
        raise rules_error(
            "rules-score-missing",
            f"평가위원 {sheet.evaluator_id}: 항목 {', '.join(missing)} 점수가 없습니다.",
            f"Evaluator {sheet.evaluator_id}: no score for {', '.join(missing)}.",
        )
    for criterion, value in sheet.scores.items():
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or not 0 <= value <= points[criterion]:
            raise rules_error(
                "rules-score-range",
                f"평가위원 {sheet.evaluator_id}: '{criterion}' 점수 {value}은 0~{points[criterion]}점이어야 합니다.",
                f"Evaluator {sheet.evaluator_id}: the score {value} for '{criterion}' must be 0 to "
                f"{points[criterion]}.",
            )


def _counted(programme: Programme, sheets: Sequence[ScoreSheet]) -> list[ScoreSheet]:
    if programme.evaluation.aggregation == "mean":
        return list(sheets)
    if len(sheets) < 3:
        raise rules_error(
            "rules-trimmed-too-few",
            "최고·최저점을 빼려면 평가표가 3장 이상 필요합니다.",
            "Dropping the highest and lowest needs at least three sheets.",
        )
    ordered = sorted(sheets, key=lambda s: (s.total(), s.evaluator_id))
    return ordered[1:-1]


def panel_score(programme: Programme, sheets: Sequence[ScoreSheet]) -> PanelScore:
    """Every sheet validated, then combined as the definition says; `passed` compares the base mean."""
    if not sheets:
        raise rules_error("rules-no-sheets", "평가표가 없습니다.", "There are no score sheets.")
    evaluators = [s.evaluator_id for s in sheets]
    if len(set(evaluators)) != len(evaluators):
        raise rules_error(
            "rules-sheet-repeated",
            "한 평가위원의 평가표가 두 장 있습니다.",
            "One evaluator has two sheets for this application.",
        )
    for sheet in sheets:
        validate_sheet(programme, sheet)
    counted = _counted(programme, sheets)
    count = Decimal(len(counted))
    criteria = {
        c: sum((Decimal(s.scores[c]) for s in counted), Decimal(0)) / count for c in programme.criterion_points()
    }
    sections = {
        sec.id: sum((criteria[c.id] for c in sec.criteria), Decimal(0)) for sec in programme.evaluation.sections
    }
    base = sum((s.total() for s in counted), Decimal(0)) / count
    return PanelScore(
        base, sections, criteria, base >= programme.evaluation.pass_mark, tuple(s.evaluator_id for s in counted)
    )
