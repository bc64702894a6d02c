"""Evaluation: each sheet within the criteria's points, the panel mean, the pass mark before bonus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mfgdata.rules import Programme
from mfgdata.rules.errors import RulesError
from mfgdata.rules.scoring import ScoreSheet, panel_score


def _sheet(programme: Programme, evaluator: str, share: str) -> ScoreSheet:
    """Every criterion scored at `share` of its points."""
    return ScoreSheet(evaluator, {c: Decimal(p) * Decimal(share) for c, p in programme.criterion_points().items()})


def test_the_mean_of_five_evaluators(productization: Programme) -> None:
    sheets = [_sheet(productization, f"e{i}", share) for i, share in enumerate(["0.5", "0.6", "0.7", "0.8", "0.9"])]
    score = panel_score(productization, sheets)
    assert score.base == Decimal(70) and score.passed
    assert score.sections == {"understanding": 14, "execution": 21, "results": 21, "capability": 14}
    assert score.sheets_counted == ("e0", "e1", "e2", "e3", "e4")


def test_exactly_60_passes_and_just_below_does_not(purchase: Programme) -> None:
    assert panel_score(purchase, [_sheet(purchase, "a", "0.6")]).passed
    low = {**_sheet(purchase, "b", "0.6").scores, "cost": Decimal("5.9")}
    score = panel_score(purchase, [ScoreSheet("b", low)])
    assert score.base == Decimal("59.9") and not score.passed


def test_a_mean_with_a_repeating_decimal_is_not_rounded_up_to_pass(purchase: Programme) -> None:
    sheets = [
        _sheet(purchase, "a", "0.6"),
        _sheet(purchase, "b", "0.6"),
        ScoreSheet("c", {**_sheet(purchase, "c", "0.6").scores, "cost": 5}),
    ]
    score = panel_score(purchase, sheets)
    assert score.base < 60 and f"{score.base:.2f}" == "59.67" and not score.passed


def test_a_score_above_the_criterion_points_is_refused(productization: Programme) -> None:
    scores = {**_sheet(productization, "e1", "1").scores, "collection": 6}
    with pytest.raises(RulesError) as caught:
        panel_score(productization, [ScoreSheet("e1", scores)])
    assert caught.value.code == "rules-score-range" and "0~5" in caught.value.text.ko


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"collection": -1}, "rules-score-range"),
        ({"nowhere": 1}, "rules-score-unknown"),
        ({"collection": True}, "rules-score-range"),
    ],
)
def test_bad_sheets_are_refused(productization: Programme, change: dict[str, object], code: str) -> None:
    scores = {**_sheet(productization, "e1", "1").scores, **change}
    with pytest.raises(RulesError) as caught:
        panel_score(productization, [ScoreSheet("e1", scores)])  # type: ignore[arg-type]
    assert caught.value.code == code


def test_a_missing_criterion_and_a_repeated_evaluator(productization: Programme) -> None:
    scores = dict(_sheet(productization, "e1", "1").scores)
    del scores["team"]
    with pytest.raises(RulesError, match="team"):
        panel_score(productization, [ScoreSheet("e1", scores)])
    with pytest.raises(RulesError):
        panel_score(productization, [_sheet(productization, "e1", "1"), _sheet(productization, "e1", "0.5")])
    with pytest.raises(RulesError):
        panel_score(productization, [])


def test_a_definition_may_drop_the_highest_and_lowest(productization: Programme) -> None:
    evaluation = productization.evaluation.model_copy(update={"aggregation": "trimmed_mean"})
    trimmed = productization.model_copy(update={"evaluation": evaluation})
    sheets = [_sheet(trimmed, f"e{i}", share) for i, share in enumerate(["0.1", "0.6", "0.7", "0.8", "1"])]
    score = panel_score(trimmed, sheets)
    assert score.base == Decimal(70) and score.sheets_counted == ("e1", "e2", "e3")
    with pytest.raises(RulesError):
        panel_score(trimmed, sheets[:2])
