"""Rows of a Parquet file are numbered in file order, with or without a column named file_row_number."""

from __future__ import annotations

from pathlib import Path

import duckdb

from mfgdata.dataset.row_numbers import has_own_row_number_column, numbered_rows


def test_rows_are_numbered_in_file_order_whatever_the_columns_are_called(tmp_path: Path) -> None:
    # given two files with the same values, one with a column DuckDB's own numbering would clash with
    con = duckdb.connect()
    for name, column in (("plain", "reading"), ("clash", "File_Row_Number")):
        con.execute(f"COPY (SELECT 100 - range AS {column} FROM range(2000)) TO '{tmp_path / name}.parquet'")
    # when numbered from 1
    found = {
        name: con.execute(
            f"SELECT * FROM ({numbered_rows(con, tmp_path / f'{name}.parquet', 'n', first=1)}) ORDER BY n"
        ).fetchall()
        for name in ("plain", "clash")
    }
    # then the numbers follow file order in both, and the file's own column is kept as it is
    assert found["plain"] == found["clash"] == [(i + 1, 100 - i) for i in range(2000)]
    assert has_own_row_number_column(con, tmp_path / "clash.parquet")
    assert not has_own_row_number_column(con, tmp_path / "plain.parquet")
