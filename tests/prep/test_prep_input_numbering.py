"""A single Parquet input is numbered by the file (cheaper than a window over the scan), with the same
numbers a window gives; a file with its own `file_row_number` column is numbered by the window and builds."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from mfgdata.dataset import open_dataset
from mfgdata.prep import build as build_module
from mfgdata.prep import build_recipe
from mfgdata.prep.binding import INPUT, _numbered_input
from mfgdata.prep.run import FIRST, read_input
from mfgdata.prep.schema import ROW

ROWS = """
    SELECT 'M' || (range % 3) AS machine, TIMESTAMP '2026-03-01 09:00:00' + to_seconds(range) AS t,
           20 + (range * 7919) % 13 AS temp, range AS {own}
    FROM range(3000)
"""
RECIPE = """version: 1
inputs: [sources/readings.parquet]
steps:
  - type: filter
    where: "temp > 21"
    allow_row_loss: 0.5
  - type: sort
    by: [machine, t]
"""


def _project(tmp_path: Path, own: str) -> Path:
    project = tmp_path / own
    (project / "sources").mkdir(parents=True)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute(f"COPY ({ROWS.format(own=own)}) TO '{project / 'sources' / 'readings.parquet'}' (FORMAT parquet)")
    (project / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    return project


def test_the_file_numbers_rows_as_a_window_over_the_scan_would(tmp_path: Path) -> None:
    # given one Parquet file
    project = _project(tmp_path, "seq")
    # when it is opened for a build
    with open_dataset([project / "sources" / "readings.parquet"]) as dataset:
        by_file = dataset.con.execute(f'SELECT * FROM ({_numbered_input(dataset)}) ORDER BY "{ROW}"').fetchall()
        window = dataset.con.execute(f'SELECT *, row_number() OVER () AS "{ROW}" FROM dataset ORDER BY 5').fetchall()
        numbered = dataset.numbered
        names = [row[0] for row in dataset.con.execute("DESCRIBE dataset").fetchall()]
    # then the file numbers them, the same numbers, and the number is not a column of the data
    assert numbered and by_file == window and len(by_file) == 3000
    assert names == ["machine", "t", "temp", "seq"]


def test_a_file_with_a_column_named_file_row_number_is_numbered_by_the_window_and_builds(tmp_path: Path) -> None:
    # given a file whose own column has the name DuckDB's numbering uses
    numbered_by_file, by_window = _project(tmp_path, "seq"), _project(tmp_path, "file_row_number")
    # when both are built
    results = [build_recipe(project) for project in (numbered_by_file, by_window)]
    # then both build the same rows, the clash keeping its column
    rows = [duckdb.sql(f"SELECT * FROM '{p / 'build' / 'data' / p.name}.parquet'").fetchall()
            for p in (numbered_by_file, by_window)]  # fmt: skip
    assert results[0].rows_written == results[1].rows_written > 0
    assert rows[0] == rows[1]


def test_steps_read_a_parquet_file_itself_with_the_rows_and_counts_of_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given one Parquet file, built as it is and then with the file first copied into a table
    project, output = _project(tmp_path, "seq"), tmp_path / "seq" / "build" / "data" / "seq.parquet"
    sources: list[str] = []
    copying = [False]

    def spy(con: duckdb.DuckDBPyConnection, *, from_file: bool = False) -> str:
        sources.append(read_input(con, from_file=from_file and not copying[0]))
        return sources[-1]

    monkeypatch.setattr(build_module, "read_input", spy)
    direct = build_recipe(project)
    rows = duckdb.sql(f"SELECT * FROM '{output}'").fetchall()
    copying[0] = True
    copy = build_recipe(project)
    # then the steps read the file itself the first time, and both builds give the same rows and counts
    assert sources == [INPUT, FIRST] and direct.rows_written == copy.rows_written > 0
    assert rows == duckdb.sql(f"SELECT * FROM '{output}'").fetchall()
    assert [(r.rows_in, r.rows_out, r.values_changed) for r in direct.steps] == [
        (r.rows_in, r.rows_out, r.values_changed) for r in copy.steps
    ]
