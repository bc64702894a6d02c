"""Recipes on the reference datasets, with facts a person can check against their SOURCE.md."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from mfgdata.prep import build_recipe


def _project(tmp_path: Path, recipe: str) -> Path:
    project = tmp_path / "product"
    project.mkdir()
    (project / "recipe.yaml").write_text(recipe, encoding="utf-8")
    return project


def test_nasa_cmapss_remaining_life_and_engine_split(open_data: Path, tmp_path: Path, output_rows) -> None:
    train = open_data / "nasa-cmapss-fd001" / "train_FD001.txt"
    project = _project(
        tmp_path,
        f"""version: 1
inputs: ["{train.as_posix()}"]
steps:
  - type: derive
    why: 고장까지 남은 사이클(RUL)
    column: rul
    expression: max(column_2) OVER (PARTITION BY column_1) - column_2
  - type: split
    by: group
    column: column_1
""",
    )
    result = build_recipe(project)
    rows = output_rows(project)
    assert len(rows) == 20_631
    assert result.steps[-1].rows_out == 20_631
    splits_of: dict[int, set[str]] = defaultdict(set)
    last_rul: dict[int, int] = {}
    for row in rows:
        splits_of[row["column_1"]].add(row["split"])
        last_rul[row["column_1"]] = row["rul"]
    assert len(splits_of) == 100
    assert all(len(splits) == 1 for splits in splits_of.values())
    assert sum(1 for splits in splits_of.values() if splits == {"train"}) == 70
    assert set(last_rul.values()) == {0}  # rows stay in file order: each engine's last cycle comes last
    assert rows[0]["rul"] == 191  # engine 1 runs 192 cycles


def test_chromate_plating_error_lots_joined_by_date_and_lot(shared_data: Path, tmp_path: Path, output_rows) -> None:
    project = _project(
        tmp_path,
        """version: 1
inputs: [sources/raw]
steps:
  - type: derive
    column: date
    expression: CAST("Time" AS DATE)
  - type: join-labels
    path: sources/raw/Error Lot list.csv
    on: {date: Date, Lot: LoT}
    indicator: defective
""",
    )
    shutil.copytree(shared_data / "kamp-chromate-plating", project / "sources" / "raw")
    build_recipe(project)
    rows = output_rows(project)
    assert len(rows) == 50_094
    defective_lots = {(row["date"], row["Lot"]) for row in rows if row["defective"]}
    assert len(defective_lots) == 13  # 33 days, 20 of them without a defective lot


def test_diecasting_factory_temperature_is_flagged_against_its_spec_columns(
    shared_data: Path, tmp_path: Path, output_rows, report_of
) -> None:
    project = _project(
        tmp_path,
        f"""version: 1
inputs: ["{(shared_data / "kamp-diecasting-quality").as_posix()}"]
steps:
  - type: limits
    column: Factory_Temp
    min_column: Factory_Temp_Min
    max_column: Factory_Temp_Max
""",
    )
    result = build_recipe(project)
    report = report_of(result, "limits")
    assert (report.rows_out, report.values_changed) == (7_535, 0)
    assert report.counts["values_out_of_limits"] == 7_445  # every shot with a reading (90 have none)
    assert sum(1 for row in output_rows(project) if row["Factory_Temp_out_of_limits"] is None) == 90
