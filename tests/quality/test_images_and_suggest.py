"""Image set checks on a generated collection, and suggested suites written into contract.yaml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from PIL import Image

from mfgdata.dictionary.contract import load_contract
from mfgdata.dictionary.init import init_project
from mfgdata.quality import verify


def _image(path: Path, size: tuple[int, int], shade: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (shade, shade, shade)).save(path, format="PNG")


def test_corrupt_wrong_size_and_copies_across_splits(tmp_path: Path) -> None:
    # given a collection with one truncated file, one odd size and one test image copied into train
    root = tmp_path / "parts"
    for index, label in enumerate(("ok", "ng") * 5):
        _image(root / "train" / label / f"{label}_{index}.png", (32, 32), 10 * index)
    _image(root / "test" / "ok" / "ok_99.png", (32, 32), 200)
    _image(root / "test" / "ng" / "ng_98.png", (40, 32), 210)
    (root / "test" / "ok" / "ok_0_copy.png").write_bytes((root / "train" / "ok" / "ok_0.png").read_bytes())
    broken = (root / "train" / "ok" / "ok_2.png").read_bytes()[:60]
    (root / "train" / "ok" / "ok_2.png").write_bytes(broken)
    # when verified with the suggested suite
    verification = verify(root, out_dir=tmp_path / "q")
    verification.inputs.close()
    results = {r["id"]: r for r in verification.document["results"]}
    # then
    files = results["image-files"]
    bad = sorted(example["values"]["path"] for example in files["examples"])
    assert bad == ["test/ng/ng_98.png", "train/ok/ok_2.png"]
    copies = results["image-copies"]
    assert copies["failing_count"] == 1
    assert copies["examples"][0]["values"]["path"] in ("train/ok/ok_0.png", "test/ok/ok_0_copy.png")
    assert verification.exit_code == 1


def test_init_fills_quality_and_suggest_checks_lists_reasons(open_data: Path, tmp_path: Path) -> None:
    project = init_project([open_data / "ai4i-2020"], tmp_path / "ai4i")
    contract = yaml.safe_load((project / "contract.yaml").read_text(encoding="utf-8"))
    load_contract(project / "contract.yaml")  # still valid ODCS
    table = contract["schema"][0]
    assert any(item["implementation"]["type"] == "row-count" for item in table["quality"])
    by_column = {prop["name"]: prop.get("quality") or [] for prop in table["properties"]}
    air = by_column["Air temperature"]
    assert any(item["implementation"]["type"] == "physical-range" and item["severity"] == "block" for item in air)
    assert all(item["description"] and item["customProperties"][0]["property"] == "reasonEn"
               for items in by_column.values() for item in items)  # fmt: skip
    labels = [item for item in by_column["Machine failure"] if item["implementation"]["type"] == "label-classes"]
    assert labels and labels[0]["implementation"]["classes"] == [0, 1]

    done = subprocess.run([sys.executable, "-m", "mfgdata", "suggest-checks", str(project)],
                          capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "physical-range" in done.stdout and "label-classes" in done.stdout


def test_suggested_spec_limits_on_environment_readings_are_warn(tmp_path: Path) -> None:
    csv = tmp_path / "shots.csv"
    rows = ["Shot,Factory_Temp,Factory_Temp_Min,Factory_Temp_Max"] + [f"{i},{30 + i % 3},18,22" for i in range(50)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    verification = verify(csv, out_dir=tmp_path / "q")
    verification.inputs.close()
    spec = next(r for r in verification.document["results"] if r["id"] == "Factory_Temp-spec")
    assert (spec["severity"], spec["failing_count"], spec["passed"]) == ("warn", 50, False)
    assert verification.document["valid"]
