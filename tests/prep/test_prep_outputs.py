"""The CSV is written from the Parquet file when that gives back the same columns, with the same bytes as
writing it from the table; other types keep the table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from mfgdata.prep.outputs import BOM, _csv_source, write_data
from mfgdata.prep.schema import ROW, Field, Schema, quote

COLUMNS = """
    range AS "{row}",
    'M-' || (range % 3) AS machine,
    TIMESTAMPTZ '2026-03-01 09:00:00+09' + to_seconds(range) AS ts,
    CASE WHEN range % 7 = 0 THEN NULL ELSE range / 3.0 END AS reading,
    CAST(range / 8.0 AS DECIMAL(10, 3)) AS amount,
    range % 2 = 0 AS ok,
    DATE '2026-03-01' + CAST(range % 30 AS INTEGER) AS day,
    CASE WHEN range % 5 = 0 THEN '불량, "재검사"' ELSE '정상' END AS note,
    [range, range + 1] AS pair
"""


def _table(con: duckdb.DuckDBPyConnection, extra: str = "") -> Schema:
    con.execute(f"CREATE TABLE t AS SELECT {COLUMNS.format(row=ROW)}{extra} FROM range(5000)")
    described = con.execute("DESCRIBE t").fetchall()
    return Schema(tuple(Field(str(r[0]), str(r[1])) for r in described if r[0] != ROW))


def _direct_csv(con: duckdb.DuckDBPyConnection, schema: Schema, path: Path) -> bytes:
    listed = ", ".join(quote(name) for name in schema.names)
    con.execute(f"COPY (SELECT {listed} FROM t ORDER BY \"{ROW}\") TO '{path}' (FORMAT csv, HEADER true)")
    return BOM + path.read_bytes()


@pytest.mark.parametrize(
    "extra", ["", ", CAST(range AS HUGEINT) * 1000000000000 AS big, CAST('a' AS ENUM ('a', 'b')) AS kind"]
)
def test_csv_has_the_same_bytes_as_one_written_from_the_table(tmp_path: Path, extra: str) -> None:
    # given a table of the types builds produce (and, second, types Parquet gives back as others)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Seoul'")
    schema = _table(con, extra)
    # when the outputs are written
    outputs = write_data(con, "t", schema, tmp_path / "data", "product")
    # then the CSV is byte for byte the one written straight from the table, with the BOM
    assert (tmp_path / "data" / "product.csv").read_bytes() == _direct_csv(con, schema, tmp_path / "direct.csv")
    assert [o.rows for o in outputs] == [5000, 5000]
    from_file = "read_parquet" in _csv_source(
        con, f'SELECT * EXCLUDE ("{ROW}") FROM t', tmp_path / "data" / "product.parquet"
    )
    assert from_file == (not extra)  # HUGEINT comes back from Parquet as DOUBLE, ENUM as VARCHAR


@pytest.mark.parametrize("first", ["시각", "a,b", 'say "hi"'])
def test_the_bom_comes_first_whatever_the_first_column_is_called(tmp_path: Path, first: str) -> None:
    # given a table whose first column has a plain name, or one the CSV writer must quote
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT range AS \"{ROW}\", range AS x, '정상' AS note FROM range(100)")
    con.execute(f"ALTER TABLE t RENAME x TO {quote(first)}")
    schema = Schema((Field(first, "BIGINT"), Field("note", "VARCHAR")))
    # when the outputs are written
    write_data(con, "t", schema, tmp_path / "data", "product")
    # then the CSV is the BOM and then what the writer gives for the table, and nothing else is left behind
    assert (tmp_path / "data" / "product.csv").read_bytes() == _direct_csv(con, schema, tmp_path / "direct.csv")
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["product.csv", "product.parquet"]
