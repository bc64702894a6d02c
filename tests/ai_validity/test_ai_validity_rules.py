"""AI validity rules on small generated products: refusals, splits that cannot leak, leakage exclusion,
reproducible reports and the command line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image, ImageDraw

from mfgdata.ai_validity import AiValidityError, Settings, validate_ai
from mfgdata.ai_validity.product import load_product
from mfgdata.ai_validity.splitting import TEST, TRAIN, plan_split
from mfgdata.ai_validity.target import resolve_target
from mfgdata.packaging.assemble import package_project
from mfgdata.quality.deliver import verify_and_deliver
from mfgdata.quality.report_html import write_reports

from .conftest import FAST, build_product, machine_log

REPORT = Path("build") / "quality" / "ai_validity.json"
WriteCsv = Callable[[str, str], Path]


@pytest.fixture(scope="module")
def machines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six machines logged every minute, drafted with a time split."""
    folder = tmp_path_factory.mktemp("machines")
    (folder / "line.csv").write_text(machine_log(), encoding="utf-8")
    return build_product(folder / "line.csv", folder / "line")


def test_time_split_with_scattered_defects_is_scored(machines: Path) -> None:
    report = validate_ai(machines, FAST).report
    assert report["split"]["method"] == "time" and report["split"]["source"] == "build"
    assert report["split"]["independent_events"]["total"] >= 20  # defects scattered over machines and hours
    assert report["verdict"]["status"] == "learns"
    assert report["feature_importance"][0]["feature"] == "temperature"
    train_end, test_start = report["split"]["time"]["train"][1], report["split"]["time"]["test"][0]
    assert train_end < test_start


def test_same_build_and_settings_give_the_same_report_bytes(machines: Path) -> None:
    first = validate_ai(machines, FAST).path.read_bytes()
    second = validate_ai(machines, FAST).path.read_bytes()
    assert first == second


def test_unknown_target_is_refused(machines: Path) -> None:
    with pytest.raises(AiValidityError) as refused:
        validate_ai(machines, Settings(target="no_such_column"))
    assert refused.value.code == "unknown-target"


def test_random_row_split_of_a_time_series_is_refused(write_csv: WriteCsv, tmp_path: Path) -> None:
    stratified = "{type: split, by: stratified, column: defect}"
    project = build_product(write_csv("line.csv", machine_log(rows_per_machine=120)), tmp_path / "p", split=stratified)
    with pytest.raises(AiValidityError) as refused:
        validate_ai(project, FAST)
    assert refused.value.code == "random-split-time-series"
    assert "by: time" in refused.value.text.en and "by: group" in refused.value.text.ko
    assert not (project / REPORT).exists()


def test_without_a_split_whole_machines_go_to_training_or_test(write_csv: WriteCsv, tmp_path: Path) -> None:
    project = build_product(write_csv("line.csv", machine_log(machines=10, rows_per_machine=60)), tmp_path / "p",
                            split=None)  # fmt: skip
    product = load_product(project)
    split = plan_split(product, resolve_target(product))
    machines = product.values("machine_id")
    train, test = set(machines[split.mask(TRAIN)]), set(machines[split.mask(TEST)])
    assert (split.method, split.source) == ("group", "made")
    assert train and test and not train & test
    assert split.facts["groups"]["shared"] == 0


def test_without_entities_the_made_split_tests_on_the_future(write_csv: WriteCsv, tmp_path: Path) -> None:
    text = "\n".join(line.replace(",M0", "") for line in machine_log(machines=1, rows_per_machine=900).splitlines())
    project = build_product(write_csv("log.csv", text.replace("machine_id,", "") + "\n"), tmp_path / "p", split=None)
    product = load_product(project)
    split = plan_split(product, resolve_target(product))
    assert (split.method, split.source) == ("time", "made")
    assert np.nanmax(split.times[split.mask(TRAIN)]) < np.nanmin(split.times[split.mask(TEST)])


def test_defects_in_one_block_give_a_verdict_not_a_score(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = ["timestamp,temperature,defect"]
    for minute in range(600):
        rows.append(f"2024-01-01 {minute // 60:02d}:{minute % 60:02d}:00,{60 + minute % 7},{int(200 <= minute < 240)}")
    project = build_product(write_csv("block.csv", "\n".join(rows) + "\n"), tmp_path / "p")
    report = validate_ai(project, FAST).report
    assert report["verdict"]["status"] == "too-few-independent-events"
    assert report["split"]["independent_events"]["total"] == 1
    assert report["metrics"] is None


def test_no_label_is_refused(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = ["temperature,pressure"] + [f"{20 + i * 0.37:.2f},{1 + i % 4}" for i in range(100)]
    project = build_product(write_csv("plain.csv", "\n".join(rows) + "\n"), tmp_path / "p")
    with pytest.raises(AiValidityError) as refused:
        validate_ai(project, FAST)
    assert refused.value.code == "no-label"
    assert "--target" in refused.value.text.en
    assert not (project / REPORT).exists()


def test_too_few_rows_of_a_class_is_refused(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = ["temperature,pressure,defect"] + [f"{20 + i * 0.37:.2f},{1 + i % 4},{int(i % 40 == 0)}" for i in range(200)]
    project = build_product(write_csv("rare.csv", "\n".join(rows) + "\n"), tmp_path / "p")
    with pytest.raises(AiValidityError) as refused:
        validate_ai(project, FAST)
    assert refused.value.code == "too-few-rows-per-class"
    assert "'1' 5" in refused.value.text.en


def _restating_table(seed: int = 3) -> str:
    rng = np.random.default_rng(seed)
    rows = ["speed,torque,mode_a,mode_b,scrap_weight,failure"]
    for _ in range(1500):
        speed, torque = rng.normal(1500, 100), rng.normal(40, 10)
        mode_a, mode_b = int(torque > 58), int(speed > 1700)
        failure = int(mode_a or mode_b)
        rows.append(f"{speed:.1f},{torque:.2f},{mode_a},{mode_b},{failure * 3.5 + rng.random() * 0.1:.3f},{failure}")
    return "\n".join(rows) + "\n"


def test_columns_that_restate_the_label_are_excluded_by_rule(write_csv: WriteCsv, tmp_path: Path) -> None:
    # given failure-mode flags and a scrap weight the contract calls features, though they restate the label
    roles = {"mode_a": "feature", "mode_b": "feature", "scrap_weight": "feature", "failure": "label"}
    project = build_product(write_csv("m.csv", _restating_table()), tmp_path / "p", roles=roles)
    # when the product is checked
    report = validate_ai(project, Settings(target="failure", n_estimators=40, resamples=100)).report
    # then the flags (their OR is the label) and the weight (one column explains it) are excluded, with evidence
    excluded = {entry["column"]: entry for entry in report["features"]["excluded"]}
    assert excluded["mode_a"]["evidence"]["rule"] == excluded["mode_b"]["evidence"]["rule"] == "flags-or"
    assert excluded["mode_a"]["evidence"]["mcc"] == 1.0
    assert excluded["scrap_weight"]["evidence"]["rule"] == "single-column"
    assert report["features"]["used"] == ["speed", "torque"]
    assert report["verdict"]["status"] == "learns"  # speed and torque still predict failures honestly


def test_command_line_writes_the_report_or_refuses_with_exit_2(machines: Path) -> None:
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mfgdata", "validate-ai", *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    done = run(machines)
    assert done.returncode == 0, done.stderr
    assert "기준선 모델" in done.stdout and "baseline model" in done.stdout
    assert (machines / REPORT).is_file()
    refused = run(machines, "--target", "nope")
    assert refused.returncode == 2
    assert "unknown-target" in refused.stderr and "Traceback" not in refused.stderr


def test_a_folder_that_was_not_built_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AiValidityError) as refused:
        validate_ai(tmp_path, FAST)
    assert refused.value.code == "not-built"
    assert "mfgdata build" in refused.value.text.ko and not (tmp_path / "build").exists()


def _image_folder(root: Path, per_class: int = 30) -> Path:
    """Grey noise images; the defective ones carry a dark scratch."""
    rng = np.random.default_rng(0)
    for name in ("ok", "defect"):
        (root / name).mkdir(parents=True)
        for index in range(per_class):
            pixels = np.clip(rng.normal(rng.integers(100, 140), 8, (48, 48, 3)), 0, 255).astype("uint8")
            image = Image.fromarray(pixels)
            if name == "defect":
                x, y = (int(v) for v in rng.integers(8, 36, 2))
                ImageDraw.Draw(image).line((x, y, x + 10, y + int(rng.integers(-8, 8))), fill=(20, 20, 20), width=2)
            image.save(root / name / f"{name}_{index}.png")
    return root


def test_image_product_learns_from_classical_features_without_torch(tmp_path: Path) -> None:
    project = build_product(_image_folder(tmp_path / "images"), tmp_path / "p")
    report = validate_ai(project, FAST).report
    assert report["kind"] == "images" and report["model"]["kind"] == "logistic_regression"
    assert report["target"]["positive_class"] == "defect"
    assert report["verdict"]["status"] == "learns"
    assert report["feature_importance"][0]["feature"].startswith(("gradient", "intensity", "colour"))
    assert "torch" not in sys.modules and "torchvision" not in sys.modules


def test_the_package_carries_the_validity_report(machines: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a validated product with a licence (and a key for the sample's pseudonyms)
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", "0123456789abcdef" * 4)
    validate_ai(machines, FAST)
    product_path = machines / "product.yaml"
    product = yaml.safe_load(product_path.read_text(encoding="utf-8"))
    product_path.write_text(yaml.safe_dump({**product, "licence": "CC-BY-4.0"}, allow_unicode=True), encoding="utf-8")
    # when it is packaged
    result = package_project(machines)
    # then quality/ai_validity.json is in the package, listed with its sha256
    listed = {entry["path"] for entry in result.manifest["files"]}
    assert "quality/ai_validity.json" in listed
    assert (result.folder / "quality" / "ai_validity.json").read_bytes() == (machines / REPORT).read_bytes()


def test_the_quality_report_has_an_ai_validity_section(machines: Path) -> None:
    report = validate_ai(machines, FAST).report
    quality = verify_and_deliver(machines, certificate=False, reports=False)
    write_reports(quality.document, machines / "build" / "quality", "line", pdf=False)
    page = (machines / "build" / "quality" / "report.html").read_text(encoding="utf-8")
    assert "AI 유효성" in page and "AI validity" in page
    assert report["verdict"]["ko"] in page and "pr_auc ★" in page
