"""Excel, Parquet and JSON Lines inputs, alone and as folders of same-schema files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from openpyxl import Workbook

from mfgdata.dataset import open_dataset
from mfgdata.errors import InputError

SEOUL = ZoneInfo("Asia/Seoul")


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_with_units_dates_and_mixed_text(tmp_path: Path) -> None:
    # given an MES export saved from Excel
    path = _xlsx(
        tmp_path / "사출_일보.xlsx",
        [
            ["일시", "설비", "온도(℃)", "비고"],
            [dt.datetime(2024, 3, 1, 8, 0), "사출기1", 210.5, "정상"],
            [dt.datetime(2024, 3, 1, 8, 5), "사출기1", 211, 3],
        ],
    )
    # when it is opened
    with open_dataset([path]) as dataset:
        rows = dataset.to_arrow().to_pylist()
        column = dataset.column("온도")
    # then values keep their types, text stays text, times are Seoul wall clock
    assert dataset.source.format == "xlsx"
    assert column.unit == "degC"
    assert rows[0]["일시"] == dt.datetime(2024, 3, 1, 8, 0, tzinfo=SEOUL)
    assert [row["온도"] for row in rows] == [210.5, 211.0]
    assert [row["비고"] for row in rows] == ["정상", "3"]


def test_xlsx_with_a_group_row(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "groups.xlsx",
        [["Process", "", "Sensor", ""], ["id", "Speed", "Temp", "Hum"], [1, 0.5, 30, 55], [2, 0.6, 31, 56]],
    )
    with open_dataset([path]) as dataset:
        assert [(c.name, c.group) for c in dataset.columns] == [
            ("id", "Process"),
            ("Speed", "Process"),
            ("Temp", "Sensor"),
            ("Hum", "Sensor"),
        ]
        assert dataset.row_count() == 2


def test_xlsx_with_text_times_in_korean_am_pm(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log-2021-09-06.xlsx", [["Time", "pH"], ["오후 4:27:17.0", 1.5], ["오후 4:27:22.0", 1.6]])
    with open_dataset([path]) as dataset:
        assert dataset.to_arrow().column("Time").to_pylist()[0] == dt.datetime(2021, 9, 6, 16, 27, 17, tzinfo=SEOUL)


def test_folder_of_parquet_files(tmp_path: Path) -> None:
    con = duckdb.connect()
    for day in (1, 2):
        target = tmp_path / f"line-2024-01-0{day}.parquet"
        con.execute(
            f"COPY (SELECT range AS i, range * 1.5 AS \"Torque [Nm]\" FROM range(3)) TO '{target}' (FORMAT parquet)"
        )
    with open_dataset([tmp_path]) as dataset:
        assert dataset.names == ["i", "Torque", "source_file"]
        assert dataset.column("Torque").unit == "N*m"
        assert dataset.row_count() == 6


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    records = [{"machine": "M1", "ts": "2024-01-01 00:00:00", "temp": 20.5}, {"machine": "M2", "ts": None, "temp": 21}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with open_dataset([path]) as dataset:
        rows = dataset.to_arrow().to_pylist()
    assert dataset.source.format == "jsonl"
    assert [row["machine"] for row in rows] == ["M1", "M2"]
    assert [row["temp"] for row in rows] == [20.5, 21.0]


def test_other_sheets_with_data_are_listed_and_can_be_chosen(tmp_path: Path) -> None:
    # given a workbook with production on the first sheet and inspections on the second
    workbook = Workbook()
    workbook.active.title = "생산"
    workbook.active.append(["lot", "qty"])
    workbook.active.append(["L1", 10])
    inspections = workbook.create_sheet("검사")
    inspections.append(["lot", "defects"])
    for lot in ("L1", "L2", "L3"):
        inspections.append([lot, 1])
    workbook.create_sheet("빈 시트")
    path = tmp_path / "일보.xlsx"
    workbook.save(path)
    # when the workbook is opened, the first sheet is read and the second is listed, not ignored
    with open_dataset([path]) as dataset:
        assert dataset.names == ["lot", "qty"]
        assert dataset.source.other_files == (f"{path}#검사",)
    # and the listed name opens that sheet
    with open_dataset([f"{path}#검사"]) as dataset:
        assert dataset.names == ["lot", "defects"] and dataset.row_count() == 3


def test_a_sheet_that_does_not_exist_is_named_with_the_ones_that_do(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "book.xlsx", [["a"], [1]])
    with pytest.raises(InputError) as raised:
        open_dataset([f"{path}#없음"])
    assert raised.value.code == "sheet-not-found" and "Sheet" in raised.value.text.ko
