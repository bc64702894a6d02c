"""AI validity on the reference datasets: each report beats the trivial baseline, or gives the expected
refusal or verdict (facts from each dataset's SOURCE.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mfgdata.ai_validity import AiValidityError, validate_ai
from mfgdata.ai_validity.product import load_product
from mfgdata.ai_validity.splitting import TEST, TRAIN, plan_split
from mfgdata.ai_validity.target import resolve_target

from .conftest import FAST, build_product

REPORT = Path("build") / "quality" / "ai_validity.json"


def _excluded(report: dict[str, Any]) -> dict[str, str]:
    return {entry["column"]: entry["reason"] for entry in report["features"]["excluded"]}


def _beats_baseline(report: dict[str, Any]) -> None:
    metrics = report["metrics"]
    primary = metrics["primary"]
    model, baseline = metrics["model"][primary]["value"], metrics["baseline"][primary]["value"]
    assert (model > baseline) if metrics["higher_is_better"] else (model < baseline)
    assert report["verdict"]["status"] == "learns"
    assert report["verdict"]["ko"] and report["verdict"]["en"]


@pytest.fixture(scope="module")
def ai4i(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    open_data = Path(__file__).resolve().parents[2] / "data" / "open"
    project = build_product(open_data / "ai4i-2020", tmp_path_factory.mktemp("ai4i") / "ai4i")
    return validate_ai(project, FAST).report


def test_ai4i_machine_failure_beats_the_majority_class(ai4i: dict[str, Any]) -> None:
    assert ai4i["format"] == "mfgdata-ai-validity/1"
    assert ai4i["target"]["column"] == "Machine failure" and ai4i["target"]["task"] == "binary"
    assert ai4i["target"]["class_counts"] == {"0": 9661, "1": 339}
    _beats_baseline(ai4i)
    model = ai4i["metrics"]["model"]
    assert {"f1", "roc_auc", "pr_auc"} <= set(model)
    assert model["roc_auc"]["ci_low"] <= model["roc_auc"]["value"] <= model["roc_auc"]["ci_high"]
    assert model["roc_auc"]["value"] > 0.9
    assert ai4i["metrics"]["baseline"]["f1"]["value"] == 0.0  # the majority class never finds a failure


def test_ai4i_failure_modes_are_excluded_as_restating_the_label(ai4i: dict[str, Any]) -> None:
    excluded = _excluded(ai4i)
    assert all(excluded[flag] == "restates-label" for flag in ("TWF", "HDF", "PWF", "OSF"))
    assert excluded["RNF"] == "other-label"  # random failures, mostly without a machine failure
    assert excluded["UDI"] == excluded["Product ID"] == "identifier"
    assert set(ai4i["features"]["used"]) == {
        "Type", "Air temperature", "Process temperature", "Rotational speed", "Torque", "Tool wear"
    }  # fmt: skip
    assert ai4i["feature_importance"][0]["feature"] in ai4i["features"]["used"]
    assert [point["fraction"] for point in ai4i["learning_curve"]] == [0.25, 0.5, 1.0]


@pytest.fixture(scope="module")
def cmapss(tmp_path_factory: pytest.TempPathFactory) -> Path:
    open_data = Path(__file__).resolve().parents[2] / "data" / "open"
    return build_product(open_data / "nasa-cmapss-fd001" / "train_FD001.txt", tmp_path_factory.mktemp("c") / "fd001")


def test_cmapss_remaining_useful_life_beats_the_mean_with_the_nasa_score(cmapss: Path) -> None:
    report = validate_ai(cmapss, FAST).report
    assert report["target"]["column"] == "RUL" and report["target"]["task"] == "rul"
    _beats_baseline(report)
    assert report["split"] == report["split"] | {"source": "build", "method": "group", "column": "unit"}
    assert report["split"]["groups"]["shared"] == 0
    assert report["metrics"]["bootstrap"]["unit"] == "group"  # engines are resampled, not their cycles
    nasa = report["metrics"]["model"]["nasa_score"]["value"]
    assert 0 < nasa < report["metrics"]["baseline"]["nasa_score"]["value"]
    assert {"unit", "cycle"} <= set(_excluded(report))


def test_cmapss_train_and_test_engines_are_disjoint(cmapss: Path) -> None:
    product = load_product(cmapss)
    split = plan_split(product, resolve_target(product))
    engines = product.values("unit")
    train, test = set(engines[split.mask(TRAIN)]), set(engines[split.mask(TEST)])
    assert train and test and not train & test
    assert len(train) + len(test) <= 100


def test_steel_plates_seven_fault_classes(open_data: Path, tmp_path: Path) -> None:
    project = build_product(open_data / "uci-steel-plates-faults", tmp_path / "steel")
    report = validate_ai(project, FAST).report
    assert report["target"]["column"] == "defect_type" and report["target"]["task"] == "multiclass"
    assert len(report["target"]["classes"]) == 7
    _beats_baseline(report)
    excluded = _excluded(report)
    for one_hot in ("Pastry", "Z_Scratch", "K_Scatch", "Stains", "Dirtiness", "Bumps", "Other_Faults"):
        assert excluded[one_hot] == "restates-label"


def test_casting_images_defect_versus_ok(shared_data: Path, tmp_path: Path) -> None:
    project = build_product(shared_data / "casting-product-images", tmp_path / "casting")
    report = validate_ai(project, FAST).report
    assert report["kind"] == "images"
    assert report["model"]["kind"] == "logistic_regression"
    assert report["target"]["positive_class"] == "def_front"
    _beats_baseline(report)


def test_extrusion_failures_in_one_block_give_no_score(shared_data: Path, tmp_path: Path) -> None:
    project = build_product(shared_data / "kamp-extrusion-quality", tmp_path / "extrusion")
    report = validate_ai(project, FAST).report
    assert report["verdict"]["status"] == "too-few-independent-events"
    assert report["metrics"] is None
    events = report["split"]["independent_events"]
    assert (events["positive_rows"], events["total"]) == (110, 1)
    start, end = events["spans"][0]
    assert end - start < 10 * 60  # all 110 failures within 10 minutes
    assert "독립적인 고장 사건이 너무 적습니다" in report["verdict"]["ko"]
    assert json.loads((project / REPORT).read_text(encoding="utf-8")) == report


def test_melting_tank_label_with_one_class_is_refused(shared_data: Path, tmp_path: Path) -> None:
    project = build_product(shared_data / "kamp-melting-tank", tmp_path / "melting")
    with pytest.raises(AiValidityError) as refused:
        validate_ai(project, FAST)
    assert refused.value.code == "one-class"
    assert "'OK'" in refused.value.text.ko and "'OK'" in refused.value.text.en
    assert not (project / REPORT).exists()
