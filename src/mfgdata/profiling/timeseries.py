"""Time-series structure: the time axis, the entity that separates series, cadence, gaps, order.

A time axis is a timestamp column, or — for run-to-failure data such as NASA C-MAPSS, which has no
clock — an integer counter that steps by one within blocks of an entity column. Out-of-order rows are
judged in file order, per entity; cadence and gaps in time order.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from mfgdata.dataset.relation import SOURCE_FILE, quote
from mfgdata.profiling.columns import ColumnStats
from mfgdata.profiling.jsonify import plain

GAP_FACTOR = 3
PER_ENTITY_LIMIT = 1000
_TIME_NAME = re.compile(r"time|date|일시|시간|시각|날짜|timestamp|^dt$|_dt$", re.IGNORECASE)
_ENTITY_NAME = re.compile(
    r"equip|machine|device|unit|line|engine|tool|station|asset|product_?(id|no|number|code)|"
    r"설비|장비|호기|라인|기계|제품",
    re.IGNORECASE,
)
_SEQUENCE_NAME = re.compile(r"cycle|step|seq|사이클|회차", re.IGNORECASE)


def _distinct_ok(column: ColumnStats, rows: int) -> bool:
    distinct = column.stats.get("distinct") or 0
    return 2 <= distinct <= max(2, rows // 5)


def _runs(con: duckdb.DuckDBPyConnection, relation: str, name: str) -> int:
    """How many contiguous blocks the column's values form in file order."""
    c = quote(name)
    query = (
        f"SELECT count(*) FILTER (WHERE v IS DISTINCT FROM p) FROM "
        f"(SELECT {c} AS v, lag({c}) OVER (ORDER BY rn) AS p FROM "
        f"(SELECT {c}, row_number() OVER () AS rn FROM {relation}))"
    )
    return int((con.execute(query).fetchone() or (0,))[0])


def _block_entity(con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], rows: int) -> str | None:
    for column in columns:
        candidate = column.kind in {"integer", "string"} and column.name != SOURCE_FILE and _distinct_ok(column, rows)
        if candidate and _runs(con, relation, column.name) == column.stats["distinct"]:
            return column.name
    return None


def _named_entity(columns: list[ColumnStats], rows: int) -> str | None:
    for column in columns:
        if column.kind in {"integer", "string"} and _ENTITY_NAME.search(column.name) and _distinct_ok(column, rows):
            return column.name
    return None


def _sequence_axis(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], entity: str
) -> str | None:
    """An integer column that counts up by one within each entity block (a cycle counter)."""
    candidates = [c for c in columns if c.kind == "integer" and c.name != entity]
    candidates.sort(key=lambda c: not _SEQUENCE_NAME.search(c.name))
    e = quote(entity)
    for column in candidates[:8]:
        c = quote(column.name)
        query = (
            f"SELECT avg(CASE WHEN step = 1 THEN 1.0 ELSE 0.0 END) FILTER (WHERE step IS NOT NULL) FROM "
            f"(SELECT v - lag(v) OVER (PARTITION BY e ORDER BY rn) AS step FROM "
            f"(SELECT {e} AS e, {c} AS v, row_number() OVER () AS rn FROM {relation}))"
        )
        share = (con.execute(query).fetchone() or (0,))[0] or 0
        if share >= 0.95:
            return column.name
    return None


def find_axes(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], rows: int
) -> list[tuple[str, str, str | None]]:
    """`(time_column, axis, entity_column)` for the dataset's time axis, if it has one."""
    stamps = [c for c in columns if c.kind in {"timestamp", "date"} and (c.stats.get("count") or 0) > 0]
    if stamps:
        stamps.sort(key=lambda c: not _TIME_NAME.search(c.name))
        return [(stamps[0].name, "timestamp", _named_entity(columns, rows))]
    entity = _block_entity(con, relation, columns, rows)
    if entity is None:
        return []
    axis = _sequence_axis(con, relation, columns, entity)
    return [(axis, "sequence", entity)] if axis else []


def _steps_sql(relation: str, time: str, axis: str, entity: str | None) -> str:
    t = quote(time)
    value = f"epoch({t})" if axis == "timestamp" else f"{t}::DOUBLE"
    e = quote(entity) if entity else "NULL"
    return (
        f"WITH base AS (SELECT {e}::VARCHAR AS e, {t} AS t, {value} AS v, row_number() OVER () AS rn "
        f"FROM {relation}), "
        f"s AS (SELECT e, t, v, v - lag(v) OVER (PARTITION BY e ORDER BY rn) AS dfile, "
        f"v - lag(v) OVER (PARTITION BY e ORDER BY v, rn) AS dsort FROM base WHERE v IS NOT NULL)"
    )


def analyse_axis(
    con: duckdb.DuckDBPyConnection, relation: str, time: str, axis: str, entity: str | None
) -> dict[str, Any]:
    """Cadence, gaps, out-of-order and repeated times of one axis, overall and per entity."""
    steps = _steps_sql(relation, time, axis, entity)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _steps AS {steps} SELECT * FROM s")
    median = (con.execute("SELECT median(dsort) FILTER (WHERE dsort > 0) FROM _steps").fetchone() or (None,))[0]
    threshold = GAP_FACTOR * median if median else None
    gap = f"dsort > {threshold!r}" if threshold else "FALSE"
    per_entity = con.execute(
        f"SELECT e, count(*), min(t), max(t), median(dsort) FILTER (WHERE dsort > 0), count_if({gap}), "
        f"count_if(dfile < 0), count_if(dfile = 0) FROM _steps GROUP BY e ORDER BY count(*) DESC, e"
    ).fetchall()
    largest = con.execute(
        f"SELECT e, v - dsort, v, dsort FROM _steps WHERE {gap} ORDER BY dsort DESC LIMIT 5"
    ).fetchall()
    con.execute("DROP TABLE _steps")
    return _summary(time, axis, entity, median, threshold, per_entity, largest)


def _summary(
    time: str,
    axis: str,
    entity: str | None,
    median: float | None,
    threshold: float | None,
    per_entity: list[tuple],
    largest: list[tuple],
) -> dict[str, Any]:
    start = min((row[2] for row in per_entity if row[2] is not None), default=None)
    end = max((row[3] for row in per_entity if row[3] is not None), default=None)
    span = (end - start).total_seconds() if axis == "timestamp" and start is not None and end is not None else None
    return {
        "time_column": time,
        "axis": axis,
        "entity_column": entity,
        "entities": len(per_entity),
        "start": plain(start),
        "end": plain(end),
        "span_seconds": span,
        "median_interval": plain(median),
        "gaps": {
            "count": sum(row[5] for row in per_entity),
            "threshold": plain(threshold),
            "largest": [
                {"entity": e, "after": _moment(after, axis), "before": _moment(before, axis), "interval": plain(d)}
                for e, after, before, d in largest
            ],
        },
        "out_of_order_rows": sum(row[6] for row in per_entity),
        "duplicate_times": sum(row[7] for row in per_entity),
        "per_entity": [
            {
                "entity": row[0],
                "rows": row[1],
                "start": plain(row[2]),
                "end": plain(row[3]),
                "median_interval": plain(row[4]),
                "gaps": row[5],
                "out_of_order_rows": row[6],
            }
            for row in per_entity[:PER_ENTITY_LIMIT]
        ],
    }


def _moment(value: float | None, axis: str) -> Any:
    """Epoch seconds back to an ISO time in Asia/Seoul (or the counter value for sequences)."""
    if value is None or axis != "timestamp":
        return plain(value)
    return dt.datetime.fromtimestamp(value, ZoneInfo("Asia/Seoul")).isoformat()
