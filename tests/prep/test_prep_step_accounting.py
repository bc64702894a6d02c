"""A step's changed and emptied values: rows paired by position when the step kept each row in its place,
by the row number otherwise, with the same counts either way."""

from __future__ import annotations

import duckdb
import pytest

from mfgdata.prep import run as run_module
from mfgdata.prep.schema import ROW, Field, Schema

SCHEMA = Schema((Field("x", "DOUBLE"),))
# 1,000 rows; the step doubles every third value and empties every seventh
BEFORE = f"SELECT i AS {ROW}, i::DOUBLE AS x FROM range(1, 1001) t(i)"
AFTER = f"SELECT {ROW}, CASE WHEN {ROW} % 7 = 0 THEN NULL WHEN {ROW} % 3 = 0 THEN x * 2 ELSE x END AS x FROM before"
CHANGED = len({i for i in range(1, 1001) if i % 7 == 0 or i % 3 == 0})
NULLED = 1000 // 7


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE before AS {BEFORE}")
    return con


def _queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = run_module.one_row

    def spy(con: duckdb.DuckDBPyConnection, sql: str, parameters: None = None) -> tuple[object, ...]:
        seen.append(sql)
        return original(con, sql, parameters)

    monkeypatch.setattr(run_module, "one_row", spy)
    return seen


# rows in place are counted by position alone; rows in another order are tried by position, then joined
@pytest.mark.parametrize(("order", "joined"), [("", [False]), (" DESC", [False, True])])
def test_a_step_is_counted_by_position_when_rows_kept_their_places_else_by_row_number(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, order: str, joined: list[bool]
) -> None:
    con.execute(f"CREATE TABLE after AS {AFTER} ORDER BY {ROW}{order}")
    seen = _queries(monkeypatch)
    assert run_module._changes(con, "before", "after", ("x",), SCHEMA, same_rows=True) == (CHANGED, NULLED)
    assert "POSITIONAL JOIN" in seen[0] and ["USING" in sql for sql in seen] == joined
    assert run_module._changes(con, "before", "after", ("x",), SCHEMA) == (CHANGED, NULLED)  # by the row number


def test_a_step_that_removed_rows_is_matched_by_row_number(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE after AS SELECT * FROM ({AFTER}) WHERE {ROW} > 10 ORDER BY {ROW}")
    kept = len({i for i in range(11, 1001) if i % 7 == 0 or i % 3 == 0}), len(range(14, 1001, 7))
    assert run_module._changes(con, "before", "after", ("x",), SCHEMA) == kept
