"""Rows of a Parquet file numbered in file order, also when the file has a column named `file_row_number`.

DuckDB numbers rows with `read_parquet(..., file_row_number = true)`, which refuses a file whose own columns
include `file_row_number`. For such a file the numbers come from `row_number() OVER ()` instead, which
follows file order only on a connection that keeps insertion order (`preserve_insertion_order = true`,
DuckDB's default), so the callers that turn it off stage a numbered copy first.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

DUCKDB_ROW_NUMBER = "file_row_number"


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def clashes_with_row_number(name: str) -> bool:
    """Whether a column name is the one DuckDB's `file_row_number` option adds (compared without case, as
    DuckDB does)."""
    return name.lower() == DUCKDB_ROW_NUMBER


def has_own_row_number_column(con: duckdb.DuckDBPyConnection, parquet: Path | str) -> bool:
    """Whether the file has a column DuckDB's `file_row_number` option would clash with."""
    described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_text(str(parquet))})").fetchall()
    return any(clashes_with_row_number(str(row[0])) for row in described)


def numbered_rows(con: duckdb.DuckDBPyConnection, parquet: Path | str, number: str, *, first: int = 0) -> str:
    """A SELECT of every column of the file plus `number` (BIGINT, `first` for the first row), in file order.

    When the file has its own `file_row_number` column, the query relies on `con` keeping insertion order.
    """
    where = sql_text(str(parquet))
    quoted = '"' + number.replace('"', '""') + '"'
    if has_own_row_number_column(con, parquet):
        return f"SELECT CAST(row_number() OVER () - 1 + {first} AS BIGINT) AS {quoted}, * FROM read_parquet({where})"
    return (
        f"SELECT CAST({DUCKDB_ROW_NUMBER} + {first} AS BIGINT) AS {quoted}, * EXCLUDE ({DUCKDB_ROW_NUMBER}) "
        f"FROM read_parquet({where}, {DUCKDB_ROW_NUMBER} = true)"
    )
