"""The written CSV is the same bytes as one COPY of the table, whichever way it is written."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from mfgdata.prep.outputs import BOM, write_data
from mfgdata.prep.schema import Field, Schema

ROWS = 250_000  # enough for the CSV to be written in more than one range on two threads


def _table(con: duckdb.DuckDBPyConnection, extra: str) -> None:
    con.execute("SET TimeZone = 'Asia/Seoul'")
    con.execute(
        "CREATE TEMP TABLE result AS SELECT i AS n, 'lot ' || (i % 97) AS lot, i / 7 AS ratio, "
        f"TIMESTAMPTZ '2026-01-01 00:00:00+09' + to_seconds(i) AS ts, {extra} AS extra FROM range({ROWS}) t(i)"
    )


@pytest.mark.parametrize(
    "extra",
    [
        "i % 3 = 0",  # BOOLEAN: Parquet gives it back as it is, so the CSV is written from the Parquet file
        "CAST(i AS HUGEINT) * 1000000000000",  # HUGEINT: Parquet stores a DOUBLE, so the CSV comes from the table
    ],
)
def test_the_csv_is_one_copy_of_the_table_with_a_bom(tmp_path: Path, extra: str) -> None:
    con = duckdb.connect()
    con.execute("SET threads = 2")
    _table(con, extra)
    names = ("n", "lot", "ratio", "ts", "extra")
    schema = Schema(tuple(Field(name, "VARCHAR") for name in names))
    outputs = write_data(con, "result", schema, tmp_path / "data", "product", in_row_order=True)
    expected = tmp_path / "expected.csv"
    con.execute(f"COPY result TO '{expected}' (FORMAT csv, HEADER true)")
    written = (tmp_path / "data" / "product.csv").read_bytes()
    assert written == BOM + expected.read_bytes()
    assert [o.rows for o in outputs] == [ROWS, ROWS]
