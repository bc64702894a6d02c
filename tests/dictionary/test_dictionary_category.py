"""Product category and process of each reference dataset, with the evidence named in the reasons."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from mfgdata.dictionary import CATEGORIES, Classification, classify
from mfgdata.profiling import profile_paths

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"


@functools.cache
def _profile(path: str) -> dict[str, Any]:
    return profile_paths([Path(path)])


def _classify(path: Path) -> Classification:
    return classify(_profile(str(path)))


def _reasons(result: Classification) -> str:
    return " ".join(result.reasons_en + result.reasons_ko)


def test_ai4i_is_predictive_maintenance_from_failure_label_and_tool_wear() -> None:
    result = _classify(OPEN_DATA / "ai4i-2020")
    assert result.category == "predictive_maintenance"
    assert "'Machine failure'" in _reasons(result)
    assert "'Tool wear'" in _reasons(result)
    assert result.process.id == "machining"
    assert "tool" in result.process.evidence


def test_cmapss_is_predictive_maintenance_from_run_to_failure_cycles() -> None:
    result = _classify(OPEN_DATA / "nasa-cmapss-fd001")
    assert result.category == "predictive_maintenance"
    assert "run-to-failure" in _reasons(result)
    assert "'column_2'" in _reasons(result)
    assert result.process.id == "unknown"
    assert "by hand" in result.process.reason_en


def test_steel_plate_faults_are_quality_prediction() -> None:
    result = _classify(OPEN_DATA / "uci-steel-plates-faults")
    assert result.category == "quality_prediction"
    assert "one_hot" in _reasons(result)


def test_every_category_is_considered_and_the_choice_is_the_best_match() -> None:
    result = _classify(OPEN_DATA / "ai4i-2020")
    assert {outcome.category for outcome in result.considered} == set(CATEGORIES)
    matched = [outcome for outcome in result.considered if outcome.matched]
    assert max(outcome.score for outcome in matched) == result.score
    unmatched = [outcome for outcome in result.considered if not outcome.matched]
    assert all(outcome.reason_ko and outcome.reason_en for outcome in unmatched)
    assert result.name_ko == "설비 예지보전"


@pytest.mark.parametrize(
    ("folder", "category", "process", "evidence"),
    [
        ("casting-product-images", "vision_inspection", "casting", "def_front"),
        ("kamp-diecasting-quality", "quality_prediction", "die_casting", "Short_Shot_1"),
        ("kamp-chromate-plating", "quality_prediction", "plating", "Error Lot list.csv"),
        ("kamp-extrusion-quality", "quality_prediction", "extrusion", "passorfail"),
        ("kamp-injection-supply-chain", "factory_operations", "injection_molding", "수주량"),
    ],
)
def test_kamp_and_image_datasets(shared_data: Path, folder: str, category: str, process: str, evidence: str) -> None:
    result = _classify(shared_data / folder)
    assert result.category == category
    assert result.process.id == process
    assert evidence in _reasons(result)


def test_injection_reason_names_the_weekday_and_product_columns(shared_data: Path) -> None:
    result = _classify(shared_data / "kamp-injection-supply-chain")
    assert "'DoW'" in _reasons(result)
    assert "'Product_Number'" in _reasons(result)


def test_a_single_class_label_does_not_make_quality_prediction(shared_data: Path) -> None:
    result = _classify(shared_data / "kamp-melting-tank")
    assert result.category == "process_optimization"
    quality = next(outcome for outcome in result.considered if outcome.rule == "quality-label")
    assert "single class" in quality.reason_en
    assert result.process.id == "melting_mixing"
