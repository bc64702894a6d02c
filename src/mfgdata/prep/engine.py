"""Talking to the DuckDB connection: one-row queries, single-threaded sections, engine errors for people.

DuckDB 2.0 keeps a result open after `fetchone()` until it is drained, and refuses some work on the
connection meanwhile; these helpers always drain the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from mfgdata.prep.errors import StepError

_CONVERTING = re.compile(r'converting column "([^"]+)"')


def one_row(con: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[Any] | None = None) -> tuple[Any, ...]:
    """The first row of a query (an empty tuple when there is none), with the result fully read."""
    rows = con.execute(sql, parameters).fetchall() if parameters is not None else con.execute(sql).fetchall()
    return tuple(rows[0]) if rows else ()


def count_rows(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """Number of rows of a table or view."""
    row = one_row(con, f"SELECT count(*) FROM {relation}")
    return int(row[0]) if row else 0


@contextmanager
def single_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the enclosed work on one thread, then restore the thread count.

    Parallel aggregation adds floating-point numbers in a different order each time (a mean may end in
    …0003 once and …0000 the next), so work whose bytes must repeat runs on one thread.
    """
    with _setting(con, "threads", "1"):
        yield


@contextmanager
def unordered_storage(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let the enclosed work store rows in any order (DuckDB's `preserve_insertion_order = false`).

    Tables between steps are unordered sets (every step orders by the hidden row number where order
    matters), and keeping their insertion order makes DuckDB hold back rows, which costs memory and, at
    the build's memory limit, spilling to disk.
    """
    with _setting(con, "preserve_insertion_order", "false"):
        yield


@contextmanager
def _setting(con: duckdb.DuckDBPyConnection, name: str, value: str) -> Iterator[None]:
    """Set a DuckDB setting for the enclosed work, then put back the value it had."""
    row = one_row(con, f"SELECT current_setting('{name}')")
    con.execute(f"SET {name} = {value}")
    try:
        yield
    finally:
        con.execute(f"SET {name} = {_sql_value(row[0]) if row else 'DEFAULT'}")


def _sql_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else "'" + str(value).replace("'", "''") + "'"


def engine_error(error: duckdb.Error, setting: str | None) -> StepError:
    """A step error for SQL the engine refused (while binding) or could not finish (while running)."""
    message = str(error).strip().splitlines()[0]
    return StepError(
        "sql-error",
        f"SQL을 실행할 수 없습니다: {message} — 열 이름을 확인하고, 공백이나 기호가 든 이름은 큰따옴표로 "
        '감싸세요(예: "Error Lot").',
        f"The SQL cannot run: {message} — check the column names; put names with spaces or symbols in double "
        'quotes (e.g. "Error Lot").',
        setting,
    )


def converting_column(error: duckdb.Error) -> str | None:
    """The input column named by a reader error about a value that does not fit its sniffed type."""
    match = _CONVERTING.search(str(error))
    return match.group(1) if match else None
