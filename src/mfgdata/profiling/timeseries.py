"""Time-series structure: the time axis, the entity that separates series, cadence, gaps, order.

A time axis is a timestamp column, or — for run-to-failure data such as NASA C-MAPSS, which has no
clock — an integer counter that steps by one within blocks of an entity column. Out-of-order rows are
judged in file order, per entity; cadence and gaps in time order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Axis:
    """A time axis: its column, `timestamp` or `sequence`, and the entity that separates series.

    `per_file` says the entity's values repeat across combined files (engine 1 of the training file is
    not engine 1 of the test file), so a series is an entity within one source file.
    """

    time: str
    kind: str
    entity: str | None
    per_file: bool = False

    @property
    def entity_sql(self) -> str:
        if self.entity is None:
            return "NULL"
        if self.per_file:
            return f"concat_ws(' / ', {SOURCE_FILE}, {quote(self.entity)}::VARCHAR)"
        return f"{quote(self.entity)}::VARCHAR"


def _is_block(con: duckdb.DuckDBPyConnection, relation: str, expression: str) -> bool:
    """Whether each value of the expression forms one contiguous block in file order."""
    query = (
        f"SELECT count(*) FILTER (WHERE v IS DISTINCT FROM p) = count(DISTINCT v) FROM "
        f"(SELECT v, lag(v) OVER (ORDER BY rn) AS p FROM "
        f"(SELECT {expression} AS v, row_number() OVER () AS rn FROM {relation}))"
    )
    return bool((con.execute(query).fetchone() or (False,))[0])


def _block_entity(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], rows: int, combined: bool
) -> Axis | None:
    """The first id-like column whose values come in blocks (per source file when files were combined)."""
    for column in columns:
        if column.kind not in {"integer", "string"} or column.name == SOURCE_FILE or not _distinct_ok(column, rows):
            continue
        for per_file in (False, True) if combined else (False,):
            candidate = Axis("", "sequence", column.name, per_file)
            if _is_block(con, relation, candidate.entity_sql):
                return candidate
    return None


def _named_entity(columns: list[ColumnStats], rows: int) -> str | None:
    for column in columns:
        if column.kind in {"integer", "string"} and _ENTITY_NAME.search(column.name) and _distinct_ok(column, rows):
            return column.name
    return None


def _sequence_axis(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], entity: Axis
) -> str | None:
    """An integer column that counts up by one within each entity block (a cycle counter)."""
    candidates = [c for c in columns if c.kind == "integer" and c.name != entity.entity]
    candidates.sort(key=lambda c: not _SEQUENCE_NAME.search(c.name))
    e = entity.entity_sql
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
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], rows: int, *, combined: bool
) -> list[Axis]:
    """The dataset's time axis, if it has one."""
    stamps = [c for c in columns if c.kind in {"timestamp", "date"} and (c.stats.get("count") or 0) > 0]
    if stamps:
        stamps.sort(key=lambda c: not _TIME_NAME.search(c.name))
        return [Axis(stamps[0].name, "timestamp", _named_entity(columns, rows))]
    entity = _block_entity(con, relation, columns, rows, combined)
    if entity is None:
        return []
    time = _sequence_axis(con, relation, columns, entity)
    return [Axis(time, "sequence", entity.entity, entity.per_file)] if time else []


def _steps_sql(relation: str, axis: Axis) -> str:
    t = quote(axis.time)
    value = f"epoch({t})" if axis.kind == "timestamp" else f"{t}::DOUBLE"
    return (
        f"WITH base AS (SELECT {axis.entity_sql} AS e, {t} AS t, {value} AS v, row_number() OVER () AS rn "
        f"FROM {relation}), "
        f"s AS (SELECT e, t, v, v - lag(v) OVER (PARTITION BY e ORDER BY rn) AS dfile, "
        f"v - lag(v) OVER (PARTITION BY e ORDER BY v, rn) AS dsort FROM base WHERE v IS NOT NULL)"
    )


def analyse_axis(con: duckdb.DuckDBPyConnection, relation: str, axis: Axis) -> dict[str, Any]:
    """Cadence, gaps, out-of-order and repeated times of one axis, overall and per entity."""
    steps = _steps_sql(relation, axis)
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
    return _summary(axis, median, threshold, per_entity, largest)


def _summary(
    axis: Axis,
    median: float | None,
    threshold: float | None,
    per_entity: list[tuple],
    largest: list[tuple],
) -> dict[str, Any]:
    start = min((row[2] for row in per_entity if row[2] is not None), default=None)
    end = max((row[3] for row in per_entity if row[3] is not None), default=None)
    stamped = axis.kind == "timestamp" and start is not None and end is not None
    span = (end - start).total_seconds() if stamped else None
    return {
        "time_column": axis.time,
        "axis": axis.kind,
        "entity_column": axis.entity,
        "entity_per_file": axis.per_file,
        "entities": len(per_entity),
        "start": plain(start),
        "end": plain(end),
        "span_seconds": span,
        "median_interval": plain(median),
        "gaps": {
            "count": sum(row[5] for row in per_entity),
            "threshold": plain(threshold),
            "largest": [
                {
                    "entity": e,
                    "after": _moment(after, axis.kind),
                    "before": _moment(before, axis.kind),
                    "interval": plain(d),
                }
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
