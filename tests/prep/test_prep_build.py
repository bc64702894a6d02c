"""The build as a whole: row-loss guard, identical bytes twice, atomic replacement, Excel-ready CSV, lineage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import mfgdata
from mfgdata.prep import RecipeError, StepReport, build_recipe
from mfgdata.prep import outputs as outputs_module

READINGS = "machine,t,temp,pH\n" + "".join(
    f"M{i % 3},2021-09-06 08:{i:02d}:00,{20 + i % 7}.5,{(i % 5) - 1}\n" for i in range(40)
)
RECIPE = """
    version: 1
    inputs: [sources/readings.csv]
    steps:
      - type: filter
        why: 음수 pH는 센서 오류
        where: "pH > 0"{allow}
      - type: convert-unit
        column: temp
        from: degC
        to: K
      - type: sort
        by: [machine, t]
"""


def _recipe(allow: str = "") -> str:
    return RECIPE.format(allow=allow)


def _hashes(project: Path) -> dict[str, str]:
    build = project / "build"
    return {p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in build.rglob("*.*")}


def test_a_step_losing_too_many_rows_stops_the_build_and_says_how_to_allow_it(make_project) -> None:
    project = make_project(_recipe(), {"readings.csv": READINGS})
    with pytest.raises(RecipeError) as raised:
        build_recipe(project)
    error = raised.value
    assert (error.code, error.line) == ("row-loss", 4)
    assert "16 of 40 rows (40.0%)" in error.text.en
    assert "allow_row_loss: 0.4" in error.text.ko
    assert not (project / "build").exists()


def test_allow_row_loss_lets_the_step_remove_rows(make_project, output_rows, report_of) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    result = build_recipe(project)
    assert (report_of(result, "filter").rows_in, report_of(result, "filter").rows_out) == (40, 24)
    assert len(output_rows(project)) == 24
    assert all(row["pH"] > 0 for row in output_rows(project))


def test_building_twice_gives_identical_bytes(make_project) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    build_recipe(project)
    first = _hashes(project)
    build_recipe(project)
    assert _hashes(project) == first
    assert set(first) == {"data/product.parquet", "data/product.csv", "lineage.json", "contract.yaml"}


def test_an_interrupted_build_leaves_the_previous_build_intact(make_project, monkeypatch) -> None:
    # given: a finished build
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    build_recipe(project)
    before = _hashes(project)
    # when: the recipe changes and writing fails half-way (the Parquet file is already written)
    (project / "recipe.yaml").write_text(
        _recipe("\n        allow_row_loss: 0.4").replace("to: K", "to: degF"), encoding="utf-8"
    )

    def disk_full(*args: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(outputs_module, "_write_csv", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build_recipe(project)
    # then
    assert _hashes(project) == before
    assert sorted(p.name for p in (project / "build").iterdir()) == ["contract.yaml", "data", "lineage.json"]


def test_a_new_build_replaces_the_previous_one(make_project, output_rows) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    build_recipe(project)
    (project / "recipe.yaml").write_text(
        _recipe("\n        allow_row_loss: 0.4").replace("to: K", "to: degF"), encoding="utf-8"
    )
    build_recipe(project)
    assert output_rows(project)[0]["temp"] == pytest.approx(23.5 * 1.8 + 32)
    assert sorted(p.name for p in (project / "build").iterdir()) == ["contract.yaml", "data", "lineage.json"]


def test_csv_output_is_utf8_with_bom_so_excel_reads_hangul(make_project) -> None:
    project = make_project(
        "version: 1\ninputs: [sources/data.csv]\nsteps: []\n", {"data.csv": "설비,온도\n1호기,20.5\n2호기,21\n"}
    )
    build_recipe(project)
    raw = (project / "build" / "data" / "product.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == ["설비,온도", "1호기,20.5", "2호기,21.0"]


def test_lineage_records_inputs_steps_and_outputs_with_hashes(make_project) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    build_recipe(project)
    lineage = json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))
    source = project / "sources" / "readings.csv"
    assert lineage["tool"]["version"] == mfgdata.__version__
    assert lineage["inputs"] == [
        {
            "path": "sources/readings.csv",
            "role": "data",
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "bytes": source.stat().st_size,
        }
    ]
    filter_step, convert_step, _ = lineage["steps"]
    assert (filter_step["why"], filter_step["rows_in"], filter_step["rows_out"]) == ("음수 pH는 센서 오류", 40, 24)
    assert filter_step["settings"] == {"where": "pH > 0"}
    assert (convert_step["values_changed"], convert_step["values_nulled"]) == (24, 0)
    for output in lineage["outputs"]:
        written = project / "build" / output["path"]
        assert output["sha256"] == hashlib.sha256(written.read_bytes()).hexdigest()
        assert output["rows"] == 24
    assert "seconds" not in json.dumps(lineage)


def test_dry_run_counts_rows_per_step_and_writes_nothing(make_project) -> None:
    project = make_project(_recipe(), {"readings.csv": READINGS})
    result = build_recipe(project, dry_run=True)
    assert result.dry_run
    assert [(s.type, s.rows_in, s.rows_out) for s in result.steps] == [
        ("filter", 40, 24),
        ("convert-unit", 24, 24),
        ("sort", 24, 24),
    ]
    assert result.steps[0].row_loss_exceeded
    assert result.schema.names == ["machine", "t", "temp", "pH"]
    assert result.schema.find("temp").unit == "K"
    assert result.outputs == ()
    assert not (project / "build").exists()


def test_progress_is_reported_after_each_step(make_project) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    seen: list[StepReport] = []
    build_recipe(project, on_step=seen.append)
    assert [report.index for report in seen] == [1, 2, 3]


def test_sort_order_is_kept_in_the_output_files(make_project, output_rows) -> None:
    project = make_project(_recipe("\n        allow_row_loss: 0.4"), {"readings.csv": READINGS})
    build_recipe(project)
    keys = [(row["machine"], row["t"]) for row in output_rows(project)]
    assert keys == sorted(keys)
    assert keys[0][0] == "M0"


def test_means_over_many_row_groups_repeat_bit_for_bit(make_project) -> None:
    # 300,000 readings span several DuckDB row groups, so a parallel mean would add in varying order
    lines = "".join(
        f"2021-09-06 {i // 36000:02d}:{i // 600 % 60:02d}:{i // 10 % 60:02d},{(i * 7919) % 1000 / 7}\n"
        for i in range(300_000)
    )
    project = make_project(
        """
        version: 1
        inputs: [sources/readings.csv]
        steps:
          - type: derive
            column: batch_mean
            expression: avg(value) OVER (PARTITION BY date_trunc('minute', t))
          - type: resample
            time: t
            every: 1 minute
            aggregations: {value: mean, batch_mean: max}
        """,
        {"readings.csv": "t,value\n" + lines},
    )
    build_recipe(project)
    first = _hashes(project)
    build_recipe(project)
    build_recipe(project)
    assert _hashes(project) == first
