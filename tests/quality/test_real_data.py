"""Suggested suites on the shared datasets find what a person can check in each SOURCE.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mfgdata.quality import verify

pytestmark = pytest.mark.shared_data


def _verified(target: Path, out: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    verification = verify(target, out_dir=out)
    verification.inputs.close()
    document = verification.document
    return document, {result["id"]: result for result in document["results"]}


def test_injection_supply_chain_duplicates_and_order(shared_data: Path, tmp_path: Path) -> None:
    document, results = _verified(shared_data / "kamp-injection-supply-chain", tmp_path)
    duplicates = results["duplicate-rows"]
    assert (duplicates["severity"], duplicates["failing_count"]) == ("warn", 2)
    assert [example["row"] for example in duplicates["examples"]] == [4859, 5541]
    assert len(duplicates["examples"][0]["values"]) == 20  # the whole row is the key
    order = results["Product_Number-DateTime-order"]
    assert order["severity"] == "warn" and order["failing_count"] > 0
    first = order["examples"][0]["values"]
    assert first["DateTime"] < first["previous_value"]
    assert document["valid"]  # findings to report, not reasons to refuse


def test_extrusion_blank_labels(shared_data: Path, tmp_path: Path) -> None:
    document, results = _verified(shared_data / "kamp-extrusion-quality", tmp_path)
    labels = results["passorfail-classes"]
    assert (labels["failing_count"], labels["severity"]) == (16, "block")
    assert all(example["values"]["passorfail"] is None for example in labels["examples"])
    assert not document["valid"]


def test_diecasting_blank_factory_readings_and_spec(shared_data: Path, tmp_path: Path) -> None:
    document, results = _verified(shared_data / "kamp-diecasting-quality", tmp_path)
    for column in ("Factory_Temp", "Factory_Humidity", "Factory_Temp_Min", "Factory_Temp_Max",
                   "Factory_Humidity_Min", "Factory_Humidity_Max"):  # fmt: skip
        blank = results[f"{column}-present"]
        assert (blank["failing_count"], blank["severity"]) == (90, "warn"), column
    spec = results["Factory_Temp-spec"]
    assert spec["severity"] == "warn" and not spec["passed"]
    assert spec["failing_count"] == spec["checked_count"] == 7535 - 90
    assert document["valid"]


def test_melting_tank_single_class_label(shared_data: Path, tmp_path: Path) -> None:
    _, results = _verified(shared_data / "kamp-melting-tank", tmp_path)
    balance = results["TAG-balance"]
    assert not balance["passed"] and balance["metric"]["classes"] == {"OK": 10000}


def test_cmapss_cycles_strictly_increase_per_engine_and_file(open_data: Path, tmp_path: Path) -> None:
    _, results = _verified(open_data / "nasa-cmapss-fd001", tmp_path)
    order = next(result for result in results.values() if result["type"] == "time-order")
    assert order["passed"] and order["checked_count"] > 30000
    assert order["id"] == "column_1-column_2-order"


def test_casting_images_classes_sizes_and_no_corrupt_file(shared_data: Path, tmp_path: Path) -> None:
    document, results = _verified(shared_data / "casting-product-images", tmp_path)
    files = results["image-files"]
    assert files["passed"] and files["checked_count"] == 715
    assert "JPEG" in files["message_en"] or files["passed"]
    assert results["image-balance"]["metric"]["classes"] == {"def_front": 453, "ok_front": 262}
    assert results["image-copies"]["passed"]
    assert document["valid"]
