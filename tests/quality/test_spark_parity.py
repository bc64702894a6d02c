"""Every check type gives the same findings on Spark as on DuckDB: verdicts, failing counts, example
rows, and metrics equal within a relative tolerance of 1e-9 (floating-point sums in another order)."""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mfgdata.quality import verify
from mfgdata.quality.registry import check_types

pytest.importorskip("pyspark")
TOLERANCE = 1e-9


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for the whole test run."""
    from mfgdata.quality.spark_engine import spark_session

    session = spark_session()
    yield session
    session.stop()


def _project(kit: Any, tmp_path: Path, readings: Path) -> Path:
    project = tmp_path / "project"
    data = project / "build" / "data"
    data.mkdir(parents=True)
    shutil.copy(readings, data / "readings.parquet")
    kit.write_table(data, "SELECT * FROM (VALUES ('r1'), ('r2')) t(run_id)", "runs")
    boxes = "('r1', 0, 1.5, 2.0, 3.0, 4.0, 10, 10), ('r3', 1, 9.0, 0.0, 3.0, 1.0, 10, 10)"
    kit.write_table(data, f"SELECT * FROM (VALUES {boxes}) t(run_id, failed, x, y, w, h, image_width, image_height)",
                    "labels")  # fmt: skip
    kit.write_table(
        data,
        "SELECT 'img' || i || '.png' AS path, CASE WHEN i < 4 THEN 'train' ELSE 'test' END AS split, "
        "CASE WHEN i % 2 = 0 THEN 'ok' ELSE 'ng' END AS label, CASE WHEN i = 5 THEN 'GIF' ELSE 'PNG' END AS format, "
        "CASE WHEN i = 2 THEN 40 ELSE 32 END AS width, 32 AS height, "
        "CASE WHEN i = 3 THEN 'truncated' ELSE NULL END AS error, "
        "CASE WHEN i IN (1, 6) THEN 'same' ELSE 'h' || i END AS sha256 FROM range(8) t(i)",
        "images",
    )
    kit.write_table(
        data,
        "SELECT * FROM (VALUES (TIMESTAMPTZ '2024-01-01 09:00:00+09', 'a'), "
        "(TIMESTAMPTZ '2024-01-01 08:30:00+09', 'a')) t(started, line)",
        "shifts",
    )  # an instant (TIMESTAMPTZ): Spark must show it in Asia/Seoul as DuckDB does
    series = "('a', 0), ('b', 0), ('a', 1), ('b', 1), ('a', 1), ('b', 4), ('a', 2), ('b', 5), ('a', 2)"
    kit.write_table(data, f"SELECT m, TIMESTAMP '2024-01-01 00:00:00' + to_seconds(s) AS ts FROM (VALUES {series}) "
                          "t(m, s)", "series")  # fmt: skip  # in time order per machine: one window pass
    readings_checks = [
        kit.custom("row-count", min=5, max=10),
        kit.custom("not-null", column="temp"),
        kit.custom("allowed-values", column="status", values=["OK"]),
        kit.custom("regex", column="machine", pattern="m[01]"),
        kit.custom("range", column="temp", min_column="temp_min", max_column="temp_max", limits="spec"),
        kit.custom("physical-range", column="humidity", quantity="relative-humidity"),
        kit.custom("unique", columns=["lot"]),
        kit.custom("unique"),
        kit.custom("time-order", column="ts", entity="machine"),
        kit.custom("time-gaps", column="ts", entity="machine", cadence="3s"),
        kit.custom("sql-rule", rule="temp_min <= temp AND status = 'OK'", columns=["temp", "status"]),
        kit.custom("drift", column="temp", split_column="machine", reference="m0"),
        kit.custom("drift", column="status", split_column="machine", reference="m0"),
        kit.custom("label-classes", column="status", classes=["OK"]),
        kit.custom("label-balance", column="status", min_share=0.2),
    ]
    label_checks = [
        kit.custom("referential", column="run_id", reference_table="runs"),
        kit.custom("boxes-in-bounds"),
    ]
    image_checks = [kit.custom("image-files", formats=["PNG"], width=32, height=32), kit.custom("image-duplicates")]
    contract = {"schema": [
        {"name": "readings", "customProperties": [{"property": "path", "value": "data/readings.parquet"}],
         "quality": readings_checks},
        {"name": "labels", "customProperties": [{"property": "path", "value": "data/labels.parquet"}],
         "quality": label_checks},
        {"name": "runs", "customProperties": [{"property": "path", "value": "data/runs.parquet"}]},
        {"name": "images", "customProperties": [{"property": "path", "value": "data/images.parquet"}],
         "quality": image_checks},
        {"name": "shifts", "customProperties": [{"property": "path", "value": "data/shifts.parquet"}],
         "quality": [kit.custom("time-order", column="started", entity="line")]},
        {"name": "series", "customProperties": [{"property": "path", "value": "data/series.parquet"}],
         "quality": [kit.custom("time-order", column="ts", entity="m"), kit.custom("unique", columns=["m", "ts"]),
                     kit.custom("time-gaps", column="ts", entity="m", cadence="1s")]},
    ]}  # fmt: skip
    (project / "contract.yaml").write_text(yaml.safe_dump(contract), encoding="utf-8")
    return project


def _close(left: Any, right: Any) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_close(left[k], right[k]) for k in left)
    return bool(left == right)


def test_every_check_agrees_on_both_engines(kit: Any, tmp_path: Path, readings: Path, spark: Any) -> None:
    project = _project(kit, tmp_path, readings)
    on_duckdb = verify(project, out_dir=tmp_path / "duckdb").document
    on_spark = verify(project, engine="spark", out_dir=tmp_path / "spark").document
    assert {result["type"] for result in on_duckdb["results"]} == set(check_types())
    assert any(not result["passed"] for result in on_duckdb["results"])  # the comparison covers findings
    assert on_spark["engine"] == "spark"
    for mine, theirs in zip(on_duckdb["results"], on_spark["results"], strict=True):
        assert mine["id"] == theirs["id"]
        for key in ("passed", "checked_count", "failing_count", "examples"):
            assert mine[key] == theirs[key], (mine["id"], key, mine[key], theirs[key])
        assert _close(mine["metric"], theirs["metric"]), (mine["id"], mine["metric"], theirs["metric"])
    assert on_duckdb["score"] == on_spark["score"]
    series = {r["type"]: r for r in on_spark["results"] if r["table"] == "series"}
    assert (series["unique"]["failing_count"], series["time-gaps"]["failing_count"]) == (2, 1)
    shifts = next(r for r in on_spark["results"] if r["table"] == "shifts")
    assert shifts["examples"][0]["values"]["started"] == "2024-01-01 08:30:00"
