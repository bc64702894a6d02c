"""Profile of a tabular (or signal) Dataset: columns, duplicates, keys, time series, labels, warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import duckdb

from mfgdata.dataset.model import Column, Dataset
from mfgdata.dataset.relation import SOURCE_FILE, quote
from mfgdata.profiling.columns import (
    BINS,
    QUANTILE_KEYS,
    ColumnStats,
    scan_columns,
    scan_distributions,
    to_seconds,
    type_class,
)
from mfgdata.profiling.jsonify import plain
from mfgdata.profiling.labels import find_labels
from mfgdata.profiling.timeseries import analyse_axis, find_axes
from mfgdata.profiling.warnings import collect_warnings

APPROXIMATE_ABOVE_BYTES = 64 << 20
StepCallback = Callable[[str], None]


def _histogram(stats: dict[str, Any]) -> dict[str, Any] | None:
    bins = stats.get("histogram_bins")
    low, high = to_seconds(stats.get("min")), to_seconds(stats.get("max"))
    if bins is None or low is None or high is None:
        return None
    width = (high - low) / BINS if high > low else 1.0
    counts = [int(bins.get(index, 0)) for index in range(BINS)] if high > low else [int(sum(bins.values()))]
    edges = [low + width * index for index in range(len(counts) + 1)]
    return {"edges": [plain(edge) for edge in edges], "counts": counts}


def _top_values(stats: dict[str, Any]) -> list[dict[str, Any]]:
    counts = stats.get("top_counts") or {}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [{"value": plain(value), "count": int(count)} for value, count in ordered[:10]]


def column_entry(column: Column, stat: ColumnStats, rows: int, approximate: bool) -> dict[str, Any]:
    """One `columns[]` object of the profile schema."""
    s = stat.stats
    count = int(s.get("count") or 0)
    quantiles = s.get("quantiles")
    unparsed = column.unparsed
    return {
        "name": column.name,
        "original_name": column.original_name,
        "group": column.group,
        "unit": column.unit,
        "unit_label": column.unit_label,
        "type": stat.kind,
        "physical_type": stat.physical_type,
        "count": count,
        "missing": rows - count,
        "missing_ratio": round((rows - count) / rows, 6) if rows else 0.0,
        "distinct": int(s.get("distinct") or 0),
        "distinct_approx": approximate,
        "min": plain(s.get("min")),
        "max": plain(s.get("max")),
        "mean": plain(s.get("mean")),
        "std": plain(s.get("std")),
        "quantiles": dict(zip(QUANTILE_KEYS, plain(quantiles), strict=True)) if quantiles else None,
        "top_values": _top_values(s),
        "histogram": _histogram(s),
        "unparsed": {"count": unparsed.count, "examples": list(unparsed.examples)} if unparsed else None,
        "value_format": column.value_format,
        "length": {"min": s["length_min"], "max": s["length_max"]} if s.get("length_max") is not None else None,
    }


def _row_columns(names: list[str]) -> str:
    return ", ".join(quote(name) for name in names if name != SOURCE_FILE)


def _distinct_rows_exact(con: duckdb.DuckDBPyConnection, relation: str, names: list[str]) -> int:
    query = f"SELECT count(*) FROM (SELECT DISTINCT {_row_columns(names)} FROM {relation})"
    return int((con.execute(query).fetchone() or (0,))[0])


def _candidate_keys(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    stats: list[ColumnStats],
    rows: int,
    approximate: bool,
    timeseries: list[dict[str, Any]],
) -> list[list[str]]:
    keys: list[list[str]] = []
    for stat in stats:
        if stat.kind in {"float", "boolean"} or stat.name == SOURCE_FILE or (stat.stats.get("count") or 0) != rows:
            continue
        distinct = stat.stats.get("distinct") or 0
        if approximate and distinct >= 0.97 * rows:
            exact = con.execute(f"SELECT count(DISTINCT {quote(stat.name)}) FROM {relation}").fetchone()
            distinct = int(exact[0]) if exact else 0
        if rows and distinct == rows:
            keys.append([stat.name])
    for axis in timeseries:
        entity = axis["entity_column"]
        if entity and axis["duplicate_times"] == 0 and [axis["time_column"]] not in keys:
            per_file = [SOURCE_FILE] if axis["entity_per_file"] else []
            keys.append([*per_file, entity, axis["time_column"]])
    return keys


def _converting_column(error: duckdb.ConversionException) -> str | None:
    match = re.search(r'converting column "([^"]+)"', str(error))
    return match.group(1) if match else None


def profile_table(dataset: Dataset, on_step: StepCallback) -> dict[str, Any]:
    """The profile sections of a tabular dataset (everything but `source` metadata and the header).

    When a value deep in a large file does not fit the type sniffed from its first rows, that column is
    re-read as text and the profile starts again.
    """
    while True:
        try:
            return _profile_once(dataset, on_step)
        except duckdb.ConversionException as error:
            column = _converting_column(error)
            if column is None or not dataset.widen_to_text(column):
                raise
            on_step(f"'{column}' 열을 텍스트로 다시 읽는 중 (re-reading '{column}' as text)")


def _profile_once(dataset: Dataset, on_step: StepCallback) -> dict[str, Any]:
    con, relation = dataset.con, dataset.relation
    types = dataset.types()
    approximate = sum(f.bytes for f in dataset.source.files) > APPROXIMATE_ABOVE_BYTES
    stats = [ColumnStats(c.name, types[c.name], type_class(types[c.name]), c.group) for c in dataset.columns]
    on_step("열 통계 계산 중 (column statistics)")
    (rows,) = scan_columns(con, relation, stats, approximate=approximate, extra=["count(*)"])
    on_step("분포 계산 중 (distributions)")
    # Large inputs count distinct rows by 64-bit hashes in the same scan; small ones exactly, apart.
    extra = [f"count(DISTINCT hash({_row_columns(dataset.names)}))" if approximate else "NULL"]
    extra.append(f"histogram({SOURCE_FILE})" if dataset.source.combined else "NULL")
    hashed_rows, file_rows = scan_distributions(con, relation, stats, extra=extra)
    distinct_rows = hashed_rows if approximate else _distinct_rows_exact(con, relation, dataset.names)
    on_step("시계열·라벨 분석 중 (time series and labels)")
    axes = find_axes(con, relation, stats, rows, combined=dataset.source.combined)
    timeseries = [analyse_axis(con, relation, axis) for axis in axes]
    columns = [column_entry(c, s, rows, approximate) for c, s in zip(dataset.columns, stats, strict=True)]
    labels = find_labels(con, relation, stats, rows)
    result = {
        "rows": rows,
        "duplicate_rows": rows - int(distinct_rows or 0),
        "duplicate_rows_exact": not approximate,
        "candidate_keys": _candidate_keys(con, relation, stats, rows, approximate, timeseries),
        "columns": columns,
        "timeseries": timeseries,
        "labels": labels,
        "file_rows": {str(name): int(count) for name, count in (file_rows or {}).items()},
    }
    result["warnings"] = collect_warnings(result, dataset)
    return result
