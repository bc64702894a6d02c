"""Each check type finds the faults planted in a small generated table, with rows in order."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _rows(result: dict) -> list[int]:
    return [example["row"] for example in result["examples"]]


def test_not_null_and_library_metrics(kit: Any, tmp_path: Path, readings: Path) -> None:
    # given ODCS library metrics on columns
    properties = [
        {"name": "temp", "quality": [{"id": "temp-present", "metric": "nullValues", "mustBe": 0}]},
        {"name": "status", "quality": [{"id": "status-known", "metric": "invalidValues",
                                        "arguments": {"validValues": ["OK"]}, "mustBe": 0}]},
        {"name": "machine", "quality": [{"id": "machine-pattern", "metric": "invalidValues",
                                         "arguments": {"pattern": "m[0-9]"}, "mustBe": 0}]},
        {"name": "lot", "quality": [{"id": "lot-unique", "metric": "duplicateValues", "mustBe": 0}]},
    ]  # fmt: skip
    quality = [{"id": "enough-rows", "metric": "rowCount", "mustBeGreaterThan": 10}]
    # when
    results = kit.run_checks(tmp_path, readings, quality, properties)
    # then
    assert results["enough-rows"]["passed"] and results["enough-rows"]["metric"]["rows"] == 20
    assert (results["temp-present"]["failing_count"], _rows(results["temp-present"])) == (1, [6])
    assert (results["status-known"]["failing_count"], _rows(results["status-known"])) == (1, [8])
    assert results["machine-pattern"]["passed"]
    assert (results["lot-unique"]["failing_count"], _rows(results["lot-unique"])) == (1, [15])
    assert results["lot-unique"]["type"] == "unique"


def test_percent_threshold_becomes_mostly(kit: Any, tmp_path: Path, readings: Path) -> None:
    properties = [{"name": "temp", "quality": [{"id": "few-missing", "metric": "nullValues",
                                                "mustBeLessThan": 10, "unit": "percent"}]}]  # fmt: skip
    result = kit.run_checks(tmp_path, readings, [], properties)["few-missing"]
    assert result["mostly"] == 0.9
    assert result["passed"] and result["failing_ratio"] == 0.05


def test_range_with_spec_limit_columns_and_numbers(kit: Any, tmp_path: Path, readings: Path) -> None:
    quality = [
        kit.custom("range", id_="x", column="temp", min_column="temp_min", max_column="temp_max", limits="spec")
        | {"id": "spec"},
        kit.custom("range", column="temp", min=-50, max=200) | {"id": "hard"},
    ]
    for item in quality:
        item["implementation"].pop("id_", None)
    results = kit.run_checks(tmp_path, readings, quality)
    assert results["spec"]["failing_count"] == 9
    assert results["spec"]["checked_count"] == 19  # the missing temperature is not judged
    assert _rows(results["spec"]) == [12, 13, 14, 15, 16]
    assert results["spec"]["examples"][0]["values"] == {"temp": 31.0, "temp_min": 18.0, "temp_max": 30.0}
    assert results["hard"]["passed"]


def test_mostly_tolerates_a_share_of_failures(kit: Any, tmp_path: Path, readings: Path) -> None:
    item = kit.custom("range", column="temp", max=30.0) | {"id": "loose"}
    item["implementation"]["mostly"] = 0.5
    result = kit.run_checks(tmp_path, readings, [item])["loose"]
    assert result["failing_count"] == 9 and result["passed"]


def test_physical_range_from_units(kit: Any, tmp_path: Path, readings: Path) -> None:
    properties = [
        {"name": "humidity", "description": "공장 습도",
         "customProperties": [{"property": "unit", "value": "percent"}],
         "quality": [kit.custom("physical-range") | {"id": "humidity"}]},
        {"name": "temp", "customProperties": [{"property": "unit", "value": "degC"}],
         "quality": [kit.custom("physical-range") | {"id": "temperature"}]},
    ]  # fmt: skip
    results = kit.run_checks(tmp_path, readings, [], properties)
    assert (results["humidity"]["failing_count"], _rows(results["humidity"])) == (1, [4])
    assert results["temperature"]["passed"]
    assert "-273.15" in results["temperature"]["metric"]["rule"]


def test_physical_range_below_absolute_zero_in_kelvin(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(tmp_path, "SELECT * FROM (VALUES (300.0), (-1.0), (0.0)) t(air_temp_k)")
    properties = [{"name": "air_temp_k", "customProperties": [{"property": "unit", "value": "kelvin"}],
                   "quality": [kit.custom("physical-range") | {"id": "kelvin"}]}]  # fmt: skip
    result = kit.run_checks(tmp_path, data, [], properties)["kelvin"]
    assert (result["failing_count"], _rows(result)) == (1, [2])


def test_time_order_gaps_and_duplicates_per_machine(kit: Any, tmp_path: Path, readings: Path) -> None:
    quality = [
        kit.custom("time-order", column="ts", entity="machine") | {"id": "order"},
        kit.custom("time-gaps", column="ts", entity="machine", cadence="3s") | {"id": "gaps"},
        kit.custom("unique", columns=["machine", "ts"]) | {"id": "same-time"},
    ]
    results = kit.run_checks(tmp_path, readings, quality)
    assert (results["order"]["failing_count"], _rows(results["order"])) == (1, [14])
    assert results["order"]["examples"][0]["values"]["previous_value"] == "2024-01-01 00:00:31"
    assert (results["gaps"]["failing_count"], _rows(results["gaps"])) == (2, [11, 14])
    assert results["gaps"]["metric"]["max_gap"] == 12.0
    assert results["same-time"]["passed"]


def test_strict_order_refuses_repeated_cycles(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(tmp_path, "SELECT * FROM (VALUES (1, 1), (1, 2), (1, 2), (2, 1), (2, 3)) t(unit, cycle)")
    quality = [
        kit.custom("time-order", column="cycle", entity="unit", strict=True) | {"id": "strict"},
        kit.custom("time-gaps", column="cycle", entity="unit", cadence=1, tolerance=1.0) | {"id": "step"},
    ]
    results = kit.run_checks(tmp_path, data, quality)
    assert _rows(results["strict"]) == [3]
    assert _rows(results["step"]) == [5]


def test_composite_key_and_exact_duplicate_rows(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(tmp_path, "SELECT * FROM (VALUES (1, 'a', 1.0), (1, 'b', 2.0), (1, 'a', 1.0), (2, 'a', 3.0))"
                                 " t(lot, part, weight)")  # fmt: skip
    quality = [kit.custom("unique", columns=["lot", "part"]) | {"id": "key"}, kit.custom("unique") | {"id": "rows"}]
    results = kit.run_checks(tmp_path, data, quality)
    assert _rows(results["key"]) == [3] and results["key"]["examples"][0]["values"] == {"lot": 1, "part": "a"}
    assert results["rows"]["failing_count"] == 1 and results["rows"]["metric"]["groups"] == 1


def test_sql_rule_between_columns(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(tmp_path, "SELECT * FROM (VALUES (10, 12), (13, 12), (NULL, 12)) t(set_temp, max_temp)")
    item = kit.custom("sql-rule", rule="set_temp <= max_temp", columns=["set_temp", "max_temp"]) | {"id": "rule"}
    result = kit.run_checks(tmp_path, data, [item])["rule"]
    assert (result["checked_count"], result["failing_count"], _rows(result)) == (2, 1, [2])
    assert result["examples"][0]["values"] == {"set_temp": 13, "max_temp": 12}


def test_referential_consistency_between_tables(kit: Any, tmp_path: Path) -> None:
    runs = kit.write_table(tmp_path, "SELECT * FROM (VALUES ('r1'), ('r2')) t(run_id)", "runs")
    labels = kit.write_table(tmp_path, "SELECT * FROM (VALUES ('r1', 0), ('r3', 1), (NULL, 1)) t(run_id, failed)",
                         "labels")  # fmt: skip
    project = _two_table_project(kit, tmp_path, runs, labels)
    from mfgdata.quality import verify

    verification = verify(project, out_dir=tmp_path / "q")
    result = verification.document["results"][0]
    assert (result["checked_count"], result["failing_count"], _rows(result)) == (2, 1, [2])
    assert result["examples"][0]["values"] == {"run_id": "r3"}


def _two_table_project(kit: Any, tmp_path: Path, runs: Path, labels: Path) -> Path:
    import shutil

    import yaml

    project = tmp_path / "project"
    (project / "build" / "data").mkdir(parents=True)
    for path in (runs, labels):
        shutil.copy(path, project / "build" / "data" / path.name)
    contract = {"schema": [
        {"name": "labels", "customProperties": [{"property": "path", "value": "data/labels.parquet"}],
         "quality": [kit.custom("referential", column="run_id", reference_table="runs") | {"id": "known-run"}]},
        {"name": "runs", "customProperties": [{"property": "path", "value": "data/runs.parquet"}]},
    ]}  # fmt: skip
    (project / "contract.yaml").write_text(yaml.safe_dump(contract), encoding="utf-8")
    return project


def test_drift_between_splits(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(
        tmp_path,
        "SELECT CASE WHEN i < 100 THEN 'train' ELSE 'test' END AS split, "
        "CASE WHEN i < 100 THEN i % 10 ELSE 5 + i % 5 END * 1.0 AS load FROM range(200) t(i)",
    )
    quality = [
        kit.custom("drift", column="load", split_column="split", reference="train") | {"id": "shifted"},
        kit.custom("drift", column="split", split_column="split", reference="train", max_psi=100) | {"id": "loose"},
    ]
    results = kit.run_checks(tmp_path, data, quality)
    assert not results["shifted"]["passed"] and results["shifted"]["metric"]["psi"] > 0.25
    assert results["shifted"]["metric"]["reference_rows"] == 100
    assert results["loose"]["passed"]


def test_labels_known_classes_and_balance(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(tmp_path, "SELECT * FROM (VALUES ('OK'), ('OK'), (''), ('NG?'), (NULL)) t(tag)")
    quality = [
        kit.custom("label-classes", column="tag", classes=["OK", "NG"]) | {"id": "known"},
        kit.custom("label-balance", column="tag", min_share=0.3) | {"id": "balance"},
    ]
    results = kit.run_checks(tmp_path, data, quality)
    assert _rows(results["known"]) == [3, 4, 5]
    assert results["balance"]["metric"]["classes"] == {"": 1, "NG?": 1, "OK": 2}
    assert not results["balance"]["passed"]


def test_boxes_in_bounds(kit: Any, tmp_path: Path) -> None:
    data = kit.write_table(
        tmp_path,
        "SELECT * FROM (VALUES (0, 0, 10, 10, 100, 100), (95, 0, 10, 10, 100, 100), (5, 5, 0, 4, 100, 100)) "
        "t(x, y, w, h, image_width, image_height)",
    )
    result = kit.run_checks(tmp_path, data, [kit.custom("boxes-in-bounds") | {"id": "boxes"}])["boxes"]
    assert _rows(result) == [2, 3]


def test_warn_failure_keeps_the_suite_valid(kit: Any, tmp_path: Path, readings: Path) -> None:
    from mfgdata.quality import verify

    quality = [kit.custom("range", severity="warn", column="temp", max=30.0) | {"id": "spec"}]
    verification = verify(readings, contract=kit.write_contract(tmp_path, "readings", quality), out_dir=tmp_path / "q")
    document = verification.document
    assert document["valid"] and verification.exit_code == 0
    assert document["stats"] == {"checks": 1, "passed": 0, "failed_block": 0, "failed_warn": 1, "not_run": 0}


def test_cadence_is_read_in_the_usual_spellings_and_by_pint_otherwise() -> None:
    import pytest

    from mfgdata.quality.checks.time_gaps import cadence_seconds
    from mfgdata.quality.errors import QualityError

    # given cadences as people write them; when read; then each is its number of seconds
    assert [cadence_seconds(c) for c in ("1s", "10 min", "1h", "250 ms", "1.5 minutes", "2 days", 30)] == [
        1.0, 600.0, 3600.0, 0.25, 90.0, 172800.0, 30.0,
    ]  # fmt: skip
    assert cadence_seconds("1 week") == 604800.0  # not in the short table: pint reads it
    with pytest.raises(QualityError) as refused:
        cadence_seconds("every now and then")
    assert refused.value.code == "bad-cadence"


def test_a_column_named_file_row_number_is_checked_and_examples_keep_file_order(kit: Any, tmp_path: Path) -> None:
    from mfgdata.quality.rowhash import rows_sha256

    # given a table whose own column is called file_row_number (the name DuckDB uses to number rows)
    data = kit.write_table(
        tmp_path,
        "SELECT range * 10 AS file_row_number, CASE WHEN range = 3 THEN NULL ELSE range END AS temp FROM range(6)",
    )
    quality = [kit.custom("range", column="file_row_number", min=0, max=30)]
    properties = [{"name": "temp", "quality": [{"id": "temp-present", "metric": "nullValues", "mustBe": 0}]}]
    # when verified
    results = kit.run_checks(tmp_path, data, quality, properties)
    # then the checks run on the file's own column, and failing rows are numbered in file order
    assert (results["temp-present"]["failing_count"], _rows(results["temp-present"])) == (1, [4])
    by_type = {r["type"]: r for r in results.values()}
    assert (by_type["range"]["failing_count"], _rows(by_type["range"])) == (2, [5, 6])
    # and the certificate's row hash reads the file in order as well
    import hashlib
    import json

    lines = [json.dumps({"file_row_number": i * 10, "temp": None if i == 3 else i}, separators=(",", ":"))
             for i in range(6)]  # fmt: skip
    header = "mfgdata-rows/1\nfile_row_number\tBIGINT\ntemp\tBIGINT\n"
    assert rows_sha256(data) == hashlib.sha256((header + "\n".join(lines) + "\n").encode()).hexdigest()
