"""Per-column statistics in two DuckDB scans.

Scan 1 takes counts, distinct counts, min/max, mean/std, quantiles and candidate top values of every
column at once; scan 2 takes histograms (bins from scan 1) and the counts of those top values.
On large inputs distinct counts and quantiles are approximate (HyperLogLog, t-digest) so memory stays
bounded; the profile says so.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import duckdb

from mfgdata.dataset.relation import quote

QUANTILES = (0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99)
QUANTILE_KEYS = ("p01", "p05", "p25", "p50", "p75", "p95", "p99")
BINS = 20
TOP = 10
# Continuous measurements have no meaningful "most frequent values"; finding them costs a third of the
# profile on large sensor tables. Floats with few distinct values (setpoints, quantised sensors) keep them.
FLOAT_TOP_MAX_DISTINCT = 100
_TOP_KINDS = {"integer", "string", "boolean", "date"}


def type_class(physical: str) -> str:
    """The profile's portable type name for a DuckDB type."""
    upper = physical.upper()
    if upper in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}:
        return "integer"
    if upper in {"FLOAT", "DOUBLE", "REAL"} or upper.startswith("DECIMAL"):
        return "float"
    if upper == "BOOLEAN":
        return "boolean"
    if upper.startswith("TIMESTAMP"):
        return "timestamp"
    if upper == "DATE":
        return "date"
    if upper.startswith("TIME"):
        return "time"
    if upper == "VARCHAR":
        return "string"
    return "other"


@dataclass
class ColumnStats:
    """Statistics of one column, filled by the two scans."""

    name: str
    physical_type: str
    kind: str
    group: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)


def _numeric(kind: str) -> bool:
    return kind in {"integer", "float"}


def _scan1_parts(column: ColumnStats, approximate: bool) -> list[str]:
    c = quote(column.name)
    distinct = f"approx_count_distinct({c})" if approximate else f"count(DISTINCT {c})"
    parts = [f"count({c})", distinct]
    if column.kind in {"integer", "float", "timestamp", "date", "time", "string"}:
        parts += [f"min({c})", f"max({c})"]
    else:
        parts += ["NULL", "NULL"]
    if _numeric(column.kind) or column.kind == "boolean":
        value = f"{c}::DOUBLE"
        quantiles = (
            f"approx_quantile({value}, {list(QUANTILES)})"
            if approximate
            else f"quantile_cont({value}, {list(QUANTILES)})"
        )
        finite = f"CASE WHEN isfinite({value}) THEN {value} END"
        parts += [f"avg({finite})", f"stddev_samp({finite})", quantiles if column.kind != "boolean" else "NULL"]
    else:
        parts += ["NULL", "NULL", "NULL"]
    if column.kind == "string":
        parts += [f"min(length({c}))", f"max(length({c}))"]
    else:
        parts += ["NULL", "NULL"]
    parts.append(f"approx_top_k({c}, {TOP})" if column.kind in _TOP_KINDS else "NULL")
    return parts


_SCAN1_KEYS = ("count", "distinct", "min", "max", "mean", "std", "quantiles", "length_min", "length_max", "top")


def scan_columns(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], *, approximate: bool, extra: list[str]
) -> list[Any]:
    """Scan 1: every column's aggregates, plus `extra` aggregates (e.g. row count) in the same scan."""
    parts: list[str] = list(extra)
    for column in columns:
        parts += _scan1_parts(column, approximate)
    row = con.execute(f"SELECT {', '.join(parts)} FROM {relation}").fetchone() or ()
    offset = len(extra)
    for column in columns:
        values = row[offset : offset + len(_SCAN1_KEYS)]
        column.stats.update(dict(zip(_SCAN1_KEYS, values, strict=True)))
        offset += len(_SCAN1_KEYS)
    return list(row[: len(extra)])


def _epoch(expression: str, kind: str) -> str:
    if kind in {"timestamp", "date"}:
        return f"epoch({expression})"
    if kind == "time":
        return f"epoch({expression})"
    return f"{expression}::DOUBLE"


def _bins(column: ColumnStats) -> tuple[float, float] | None:
    low, high = column.stats.get("min"), column.stats.get("max")
    if low is None or high is None or column.kind not in {"integer", "float", "timestamp", "date", "time"}:
        return None
    low_v, high_v = to_seconds(low), to_seconds(high)
    if low_v is None or high_v is None or not (math.isfinite(low_v) and math.isfinite(high_v)):
        return None
    return low_v, high_v


def to_seconds(value: Any) -> float | None:
    """Numbers as they are; dates and times as epoch seconds (times: seconds since midnight)."""
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).timestamp()
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    if isinstance(value, int | float):
        return float(value)
    return None


def _scan2_parts(column: ColumnStats) -> tuple[list[str], list[Any]]:
    c = quote(column.name)
    parts: list[str] = []
    params: list[Any] = []
    bins = _bins(column)
    if bins is not None:
        low, high = bins
        width = (high - low) / BINS if high > low else 1.0
        value = _epoch(c, column.kind)
        parts.append(f"histogram(least(floor(({value} - {low!r}) / {width!r}), {BINS - 1})::INTEGER)")
    else:
        parts.append("NULL")
    top = column.stats.get("top")
    if column.kind == "float" and (column.stats.get("distinct") or 0) <= FLOAT_TOP_MAX_DISTINCT:
        parts.append(f"histogram({c})")
    elif top:
        parts.append(f"histogram({c}) FILTER (WHERE list_contains(CAST(? AS {column.physical_type}[]), {c}))")
        params.append(list(top))
    else:
        parts.append("NULL")
    return parts, params


def scan_distributions(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], *, extra: list[str]
) -> list[Any]:
    """Scan 2: histograms and the exact counts of each column's top values, plus `extra` aggregates."""
    parts: list[str] = list(extra)
    params: list[Any] = []
    for column in columns:
        column_parts, column_params = _scan2_parts(column)
        parts += column_parts
        params += column_params
    row = con.execute(f"SELECT {', '.join(parts)} FROM {relation}", params).fetchone() or ()
    offset = len(extra)
    for index, column in enumerate(columns):
        column.stats["histogram_bins"] = row[offset + 2 * index]
        column.stats["top_counts"] = row[offset + 2 * index + 1]
    return list(row[:offset])
