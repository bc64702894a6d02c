"""The published baseline: model card, deterministic artefact, predictions that match validation, input checks,
and no model where the data cannot honestly train one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
import yaml

from mfgdata.ai_validity import AiValidityError, Settings, validate_ai
from mfgdata.ai_validity.artefact import model_folder
from mfgdata.ai_validity.inputs import PredictionInputError
from mfgdata.ai_validity.serving import load_model, load_model_texts, predict_csv, predict_images, predict_rows
from mfgdata.ai_validity.validate import ValidityResult
from mfgdata.hashing import sha256_of
from mfgdata.packaging.assemble import package_project

from .conftest import FAST, build_product, machine_log
from .test_ai_validity_rules import _image_folder

WriteCsv = Callable[[str, str], Path]


@pytest.fixture(scope="module")
def ai4i(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ValidityResult]:
    open_data = Path(__file__).resolve().parents[2] / "data" / "open"
    project = build_product(open_data / "ai4i-2020", tmp_path_factory.mktemp("ai4i") / "ai4i")
    return project, validate_ai(project, FAST)


def _card(project: Path) -> dict[str, Any]:
    return json.loads((model_folder(project) / "model_card.json").read_text(encoding="utf-8"))


def _test_rows(project: Path) -> list[dict[str, Any]]:
    table = pq.read_table(next((project / "build" / "data").glob("*.parquet")))
    return [row for row in table.to_pylist() if row["split"] == "test"]


def test_the_model_card_says_what_how_and_from_which_data(ai4i: tuple[Path, ValidityResult]) -> None:
    project, result = ai4i
    card = _card(project)
    features = {feature["name"]: feature for feature in card["features"]}
    assert card["format"] == "mfgdata-model-card/1" and card["task"] == "binary"
    assert card["target"] | {"column": "Machine failure", "positive_class": "1"} == card["target"]
    assert list(features) == list(result.report["features"]["used"])
    assert (
        features["Air temperature"] | {"kind": "number", "unit": "K", "logical_type": "number"}
        == features["Air temperature"]
    )
    assert features["Type"]["kind"] == "category" and features["Type"]["categories"] == ["H", "L", "M"]
    assert card["training"]["split"]["method"] == "stratified"
    primary = card["metrics"]["model"]["pr_auc"]
    assert primary["ci_low"] <= primary["value"] <= primary["ci_high"]
    assert card["metrics"]["baseline"]["pr_auc"]["value"] < primary["ci_low"]
    assert card["intended_use"]["ko"] and card["intended_use"]["en"] and len(card["limitations"]) == 3
    data = project / "build" / card["data"]["path"]
    assert card["data"]["sha256"] == sha256_of(data)
    assert {"lightgbm", "scikit-learn", "numpy", "mfgdata"} <= set(card["libraries"]) and card["seed"] == 42
    artefact = (model_folder(project) / "model.txt").read_text(encoding="utf-8")
    assert artefact.startswith("tree\n") and card["model"]["format"] == "lightgbm-text"  # LightGBM's own text
    assert card["model"]["sha256"] == hashlib.sha256(artefact.encode()).hexdigest()


def test_the_artefact_has_the_same_bytes_on_a_second_run(ai4i: tuple[Path, ValidityResult]) -> None:
    project, _ = ai4i
    before = {p.name: p.read_bytes() for p in model_folder(project).iterdir()}
    validate_ai(project, FAST)
    assert {p.name: p.read_bytes() for p in model_folder(project).iterdir()} == before


def test_predictions_of_the_loaded_model_match_the_validation_run(ai4i: tuple[Path, ValidityResult]) -> None:
    # given the test rows as a buyer would send them: whole rows, identifiers and the label included
    project, result = ai4i
    rows = _test_rows(project)
    # when the published model predicts them
    prediction = predict_rows(load_model(model_folder(project)), rows)
    # then the scores are those the validity check measured, and the labels follow the card's threshold
    assert result.test_predictions is not None and len(rows) == len(result.test_predictions) == 1499
    np.testing.assert_allclose(prediction.scores, result.test_predictions, rtol=0, atol=1e-12)
    answers = prediction.as_json()
    threshold = _card(project)["target"]["threshold"]
    assert [a["prediction"] for a in answers] == ["1" if s >= threshold else "0" for s in result.test_predictions]
    assert answers[0]["probabilities"]["0"] + answers[0]["probabilities"]["1"] == pytest.approx(1.0)


def test_a_csv_upload_predicts_like_json(ai4i: tuple[Path, ValidityResult]) -> None:
    project, _ = ai4i
    model = load_model(model_folder(project))
    rows = _test_rows(project)[:5]
    names = [feature["name"] for feature in model.card["features"]]
    lines = [",".join(names)] + [",".join(str(row[name]) for name in names) for row in rows]
    from_csv = predict_csv(model, ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    np.testing.assert_allclose(from_csv.scores, predict_rows(model, rows).scores, rtol=0, atol=1e-12)


def _refused(model: Any, rows: list[dict[str, Any]]) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(PredictionInputError) as refused:
        predict_rows(model, rows)
    return [(problem.row, problem.column, problem.code) for problem in refused.value.problems]


def test_bad_requests_are_refused_naming_row_and_column(ai4i: tuple[Path, ValidityResult]) -> None:
    project, _ = ai4i
    model = load_model(model_folder(project))
    good = model.card["example"]["input"][0]
    without_torque = {name: value for name, value in good.items() if name != "Torque"}
    assert _refused(model, [good, without_torque]) == [(2, "Torque", "missing-column")]
    assert _refused(model, [good | {"Torque": "forty"}]) == [(1, "Torque", "wrong-type")]
    assert _refused(model, [good | {"Type": 3.5}]) == [(1, "Type", "wrong-type")]
    assert _refused(model, [good, good | {"Type": "X"}]) == [(2, "Type", "unknown-category")]
    assert _refused(model, [good | {"Colour": "red"}]) == [(1, "Colour", "unknown-column")]
    assert _refused(model, []) == [(None, None, "empty-request")]
    with pytest.raises(PredictionInputError) as refused:
        predict_rows(model, [good | {"Torque": "forty"}])
    assert "1행 'Torque'" in refused.value.text.ko and "Row 1, column 'Torque'" in refused.value.text.en
    assert predict_rows(model, [good | {"Torque": None}]).scores.shape == (1,)  # a missing value is allowed


def test_a_tampered_artefact_is_not_loaded(ai4i: tuple[Path, ValidityResult]) -> None:
    project, _ = ai4i
    folder = model_folder(project)
    text = (folder / "model.txt").read_text(encoding="utf-8")
    with pytest.raises(AiValidityError) as refused:
        load_model_texts((folder / "model_card.json").read_text(encoding="utf-8"), text.replace("tree", "tree ", 1))
    assert refused.value.code == "model-artefact-invalid"


def test_the_package_carries_the_model_and_its_card(
    ai4i: tuple[Path, ValidityResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _ = ai4i
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", "0123456789abcdef" * 4)
    product_path = project / "product.yaml"
    product = yaml.safe_load(product_path.read_text(encoding="utf-8"))
    product_path.write_text(yaml.safe_dump({**product, "licence": "CC-BY-4.0"}, allow_unicode=True), encoding="utf-8")
    result = package_project(project)
    listed = {entry["path"]: entry["sha256"] for entry in result.manifest["files"]}
    assert listed["model/model.txt"] == sha256_of(model_folder(project) / "model.txt")
    assert "model/model_card.json" in listed
    assert load_model(result.folder / "model").card["product"] == "ai4i"


def test_no_model_for_a_label_with_one_class_and_an_earlier_model_is_removed(
    write_csv: WriteCsv, tmp_path: Path
) -> None:
    # given a product whose model was published
    project = build_product(write_csv("line.csv", machine_log()), tmp_path / "p")
    assert validate_ai(project, FAST).model_path == model_folder(project)
    # when another product's label has one class only
    rows = ["temperature,pressure,defect"] + [f"{20 + i * 0.37:.2f},{1 + i % 4},0" for i in range(200)]
    one_class = build_product(write_csv("ok.csv", "\n".join(rows) + "\n"), tmp_path / "q")
    with pytest.raises(AiValidityError) as refused:
        validate_ai(one_class, FAST)
    # then it is refused, and neither product keeps a model it cannot stand behind
    assert refused.value.code == "one-class"
    assert not model_folder(one_class).exists()
    with pytest.raises(AiValidityError):
        validate_ai(project, Settings(target="no_such_column"))
    assert not model_folder(project).exists()


def test_no_model_when_the_baseline_learns_nothing(write_csv: WriteCsv, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    rows = ["speed,torque,defect"] + [
        f"{rng.normal(1500, 100):.1f},{rng.normal(40, 10):.2f},{int(rng.random() < 0.3)}" for _ in range(1200)
    ]
    project = build_product(write_csv("noise.csv", "\n".join(rows) + "\n"), tmp_path / "p")
    result = validate_ai(project, FAST)
    assert result.report["verdict"]["status"] != "learns"
    assert result.model_path is None and not model_folder(project).exists()
    with pytest.raises(AiValidityError) as refused:
        load_model(model_folder(project))
    assert refused.value.code == "no-model"


def test_an_image_model_is_saved_as_plain_parameters_and_predicts_images(tmp_path: Path) -> None:
    images = _image_folder(tmp_path / "images")
    project = build_product(images, tmp_path / "p")
    result = validate_ai(project, FAST)
    card = _card(project)
    assert card["model"]["format"] == "mfgdata-logistic/1" and (model_folder(project) / "model.json").is_file()
    model = load_model(model_folder(project))
    files = sorted((images / "defect").glob("*.png"))[:3] + sorted((images / "ok").glob("*.png"))[:3]
    answers = predict_images(model, [path.read_bytes() for path in files]).as_json()
    assert result.model_path is not None and len(answers) == 6
    assert set(answers[0]["probabilities"]) == {"defect", "ok"}
    with pytest.raises(PredictionInputError) as refused:
        predict_images(model, [b"not an image"])
    assert refused.value.code == "bad-image"


def test_no_model_for_a_product_without_a_label(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = ["temperature,pressure"] + [f"{20 + i * 0.37:.2f},{1 + i % 4}" for i in range(100)]
    project = build_product(write_csv("plain.csv", "\n".join(rows) + "\n"), tmp_path / "p")
    with pytest.raises(AiValidityError) as refused:
        validate_ai(project, FAST)
    assert refused.value.code == "no-label" and not model_folder(project).exists()
