"""Grades follow the documented bands; ODCS thresholds become `mostly` or a cap on failing rows."""

from __future__ import annotations

import pytest

from mfgdata.quality.errors import QualityError
from mfgdata.quality.model import CheckResult, CheckSpec, Measure
from mfgdata.quality.odcs import contract_specs
from mfgdata.quality.score import grade, score


@pytest.mark.parametrize(
    ("index", "block_failed", "expected"),
    [(0.99, False, "A"), (0.98, False, "A"), (0.97, False, "B"), (0.92, False, "C"), (0.85, False, "D"),
     (0.5, False, "E"), (0.99, True, "D"), (0.5, True, "E")],
)  # fmt: skip
def test_grade_bands(index: float, block_failed: bool, expected: str) -> None:
    assert grade(index, block_failed) == expected


def _result(check_id: str, characteristic: str, checked: int, failing: int, severity: str = "block") -> CheckResult:
    spec = CheckSpec(check_id, "not-null", "t", {}, severity=severity)  # type: ignore[arg-type]
    measure = Measure(checked, failing)
    return CheckResult(spec, None, characteristic, measure, failing == 0, (), "", "")


def test_score_rolls_checks_up_to_characteristics() -> None:
    results = [
        _result("a", "completeness", 100, 0),
        _result("b", "completeness", 100, 10, severity="warn"),
        _result("c", "uniqueness", 50, 0),
    ]
    scored = score(results)
    assert scored["characteristics"]["completeness"] == {"rate": 0.95, "checks": ["a", "b"]}
    assert scored["characteristics"]["accuracy"] == {"rate": None, "checks": []}
    assert scored["quality_index"] == pytest.approx(0.975)
    assert scored["conformance_rate"] == pytest.approx(2 / 3, abs=1e-6)
    assert scored["grade"] == "B"


def _one(item: dict) -> CheckSpec:
    contract = {"schema": [{"name": "t", "properties": [{"name": "x", "quality": [item]}]}]}
    (spec,) = contract_specs(contract)
    return spec


def test_odcs_thresholds() -> None:
    assert (_one({"metric": "nullValues", "mustBe": 0}).max_failing, _one({"metric": "nullValues"}).mostly) == (0, 1.0)
    capped = _one({"metric": "nullValues", "mustBeLessOrEqualTo": 3})
    assert (capped.type, capped.mostly, capped.max_failing) == ("not-null", 1.0, 3)
    share = _one({"metric": "invalidValues", "arguments": {"validValues": [1]}, "mustBeLessThan": 5, "unit": "percent"})
    assert (share.type, share.mostly, share.settings) == ("allowed-values", 0.95, {"column": "x", "values": [1]})
    assert _one({"rule": "duplicateValues", "mustBe": 0}).settings == {"columns": ["x"]}
    with pytest.raises(QualityError) as caught:
        _one({"metric": "nullValues", "mustBeGreaterThan": 3})
    assert caught.value.code == "bad-threshold"


def test_text_items_are_not_run_and_ids_are_unique() -> None:
    contract = {"schema": [{"name": "t", "quality": [
        {"type": "text", "description": "사람이 읽는 설명"},
        {"metric": "rowCount", "mustBeBetween": [1, 10]},
        {"metric": "rowCount", "mustBeGreaterOrEqualTo": 2},
    ]}]}  # fmt: skip
    specs = contract_specs(contract)
    assert [spec.id for spec in specs] == ["t.row-count", "t.row-count-2"]
    assert specs[0].settings == {"min": 1, "max": 10} and specs[1].settings == {"min": 2, "max": None}
