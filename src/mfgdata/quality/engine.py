"""Engines a suite runs on: DuckDB in-process (default, out-of-core) and Apache Spark (`spark_engine`).

An engine registers each data table as a relation with the 1-based data row number `__row` first,
runs SQL and returns rows as Python values, and tells the type of an expression (to refuse a rule that
is not boolean before running). Values come back normalised so both engines give equal results:
timestamps as naive Asia/Seoul wall-clock ISO text, decimals as floats.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import duckdb

from mfgdata.quality.dialect import ROW, Dialect
from mfgdata.quality.model import ColumnKind

SEOUL = ZoneInfo("Asia/Seoul")


class Engine(Protocol):
    """What the runner needs from an engine."""

    dialect: Dialect

    def register(self, relation: str, parquet: Path, *, numbered: bool) -> dict[str, ColumnKind]:
        """Register a Parquet file as `relation` (adding `__row` unless `numbered`); its columns' kinds."""
        ...

    def few_valued_columns(self, relation: str) -> frozenset[str]:
        """Columns of a registered table with few distinct values (see `FEW_VALUES`), as far as it can tell."""
        ...

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        """All rows of a query, values normalised."""
        ...

    def expression_type(self, relation: str, expression: str) -> str:
        """The engine's type name of an SQL expression over `relation`."""
        ...

    def close(self) -> None: ...


def kind_of(type_name: str) -> ColumnKind:
    """The kind of a column from its engine type name (DuckDB or Spark spelling)."""
    name = type_name.upper()
    if name.startswith(
        (
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "INT",
            "LONG",
            "SHORT",
            "BYTE",
        )
    ):
        return "integer"
    if name.startswith(("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
        return "number"
    if name.startswith(("VARCHAR", "STRING", "CHAR", "TEXT")):
        return "text"
    if name.startswith("TIMESTAMP"):
        return "timestamp"
    if name == "DATE":
        return "date"
    if name.startswith("BOOL"):
        return "boolean"
    return "other"


def plain(value: Any) -> Any:
    """A query value as JSON-ready Python, the same on both engines."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(SEOUL).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bytes):
        return value.hex()
    return value


def memory_limit() -> str:
    """DuckDB's memory limit, as for reading and building (`MFGDATA_MEMORY_LIMIT`, default 1GB)."""
    return os.environ.get("MFGDATA_MEMORY_LIMIT", "1GB")


# A column is judged once per distinct value (see `runner`) when the file holds at most one distinct value in
# FEW_VALUES rows: an upper bound, the sum of the distinct counts Parquet writers keep per row group.
FEW_VALUES = 100


class DuckDBEngine:
    """DuckDB in-process, spilling to a temporary folder beyond the memory limit."""

    dialect = Dialect("duckdb")

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'Asia/Seoul'")
        self.con.execute(f"SET memory_limit = '{memory_limit()}'")
        self.con.execute(f"SET temp_directory = '{tempfile.gettempdir()}/mfgdata-duckdb-spill'")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("SET enable_progress_bar = false")

    def register(self, relation: str, parquet: Path, *, numbered: bool) -> dict[str, ColumnKind]:
        where = str(parquet).replace("'", "''")
        if numbered:
            source = f"SELECT * FROM read_parquet('{where}')"
        else:
            source = (
                f'SELECT CAST(file_row_number + 1 AS BIGINT) AS "{ROW}", * EXCLUDE (file_row_number) '
                f"FROM read_parquet('{where}', file_row_number = true)"
            )
        self.con.execute(f"CREATE OR REPLACE VIEW {relation} AS {source}")
        self.files[relation] = str(parquet)
        described = self.con.execute(f"DESCRIBE {relation}").fetchall()
        return {str(row[0]): kind_of(str(row[1])) for row in described if row[0] != ROW}

    def few_valued_columns(self, relation: str) -> frozenset[str]:
        """From the row groups' distinct counts; a column without them in every row group is not counted."""
        rows = self.con.execute(
            "SELECT path_in_schema FROM parquet_metadata(?) GROUP BY path_in_schema "
            "HAVING count(*) = count(stats_distinct_count) AND sum(stats_distinct_count) * ? <= sum(num_values)",
            [self.files[relation], FEW_VALUES],
        ).fetchall()
        return frozenset(str(row[0]) for row in rows)

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(plain(value) for value in row) for row in self.con.execute(sql).fetchall()]

    def expression_type(self, relation: str, expression: str) -> str:
        rows = self.con.execute(f"DESCRIBE SELECT ({expression}) AS rule_value FROM {relation}").fetchall()
        return str(rows[0][1])

    def close(self) -> None:
        self.con.close()


def open_engine(name: str) -> Engine:
    """The engine called `name` (`duckdb` or `spark`)."""
    if name == "spark":
        from mfgdata.quality.spark_engine import SparkEngine

        return SparkEngine()
    return DuckDBEngine()
