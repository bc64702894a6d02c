"""One window pass for a per-entity time series: `time-order`, `time-gaps` and the `unique` (entity, time) key.

The three checks that cost most each order every row of an entity: time-order in file order (LAG by row
number), time-gaps in time order (LAG by the time) and a composite key by grouping. When a suite holds a
`time-order` check, its file-order window is read anyway; if in that pass no time is missing and no time goes
back, the file order within each entity IS the time order, so the gaps are the differences from the previous
row of that same pass, and the repeated (entity, time) keys are the rows equal to the previous one. The pass
therefore also carries the gaps' and the key's aggregates, and only when rows are out of order (or a time is
missing) do those checks run their own statements, exactly as without this plan. Results, findings and example
rows are the same either way, on DuckDB and on Spark (the SQL is the same text through the `Dialect`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from mfgdata.quality.checks.base import CheckContext
from mfgdata.quality.checks.time_gaps import TimeGaps
from mfgdata.quality.checks.time_order import TimeOrder, lagged
from mfgdata.quality.checks.unique import Unique
from mfgdata.quality.dialect import ROW
from mfgdata.quality.engine import Engine

PREVIOUS_2 = "previous_value_2"


@dataclass(frozen=True)
class Shared:
    """What a planned check gets instead of running its own statements: its query rows and its examples' SQL."""

    rows: dict[str, list[tuple[Any, ...]]]
    examples_sql: Callable[[int], str | None] | None = None  # (limit) -> SQL; None: the check's own


@dataclass
class _Series:
    """The checks of one (table, time column, entity) series, by their index in the compiled suite."""

    context: CheckContext
    column: str
    entity: tuple[str, ...]
    orders: list[tuple[int, TimeOrder]] = field(default_factory=list)
    gaps: list[tuple[int, TimeGaps]] = field(default_factory=list)
    keys: list[tuple[int, Unique]] = field(default_factory=list)


def _series(compiled: Sequence[Any]) -> list[_Series]:
    """Series that have a time-order check and at least one gaps or key check to share its pass with."""
    found: dict[tuple[str, str, tuple[str, ...]], _Series] = {}
    for index, item in enumerate(compiled):
        check = item.check
        if isinstance(check, TimeOrder | TimeGaps):
            name = (item.context.table.relation, check.settings.column, check.settings.entity)
            series = found.setdefault(name, _Series(item.context, *name[1:]))
            (series.orders if isinstance(check, TimeOrder) else series.gaps).append((index, check))
    for index, item in enumerate(compiled):
        check = item.check
        if isinstance(check, Unique) and check.settings.columns:
            key = (item.context.table.relation, check.settings.columns)
            timed = (name for name in found if found[name].orders and _is_series_key(name, *key))
            series = next((found[name] for name in timed), None)
            if series is not None:
                series.keys.append((index, check))
    return [series for series in found.values() if series.orders and (series.gaps or series.keys)]


def _is_series_key(series: tuple[str, str, tuple[str, ...]], relation: str, key: tuple[str, ...]) -> bool:
    """Whether a unique key is exactly the series' entity and time (in any order) on the same table."""
    table, column, entity = series
    return table == relation and len(key) == len(set(key)) == len(entity) + 1 and set(key) == {column, *entity}


def _window(series: _Series) -> str:
    """The file-order window of the series (as `lagged` gives it), with the value two rows back for a key."""
    q = series.context.dialect.quote
    if not series.keys:
        return lagged(series.context, series.column, series.entity, q(ROW))
    names = ", ".join(q(name) for name in series.entity)
    partition = f"PARTITION BY {names} " if series.entity else ""
    shown = f", {names}" if series.entity else ""
    time = q(series.column)
    over = f"OVER ({partition}ORDER BY {q(ROW)})"
    return (
        f"SELECT {q(ROW)}{shown}, {time}, LAG({time}) {over} AS previous_value, LAG({time}, 2) {over} AS {PREVIOUS_2} "
        f"FROM {series.context.table.relation}"
    )


def _aggregates(series: _Series) -> list[str]:
    """The pass's aggregates: missing times, rows going back, then each member's own in member order."""
    d = series.context.dialect
    time = d.quote(series.column)
    parts = [d.count_if(f"{time} IS NULL"), d.count_if(f"previous_value IS NOT NULL AND {time} < previous_value")]
    for _, order in series.orders:
        parts += order.window_aggregates(series.context)
    for _, gaps in series.gaps:
        parts += gaps.window_aggregates(series.context)
    repeat = f"{time} = previous_value"
    for _ in series.keys:
        first = f"{repeat} AND ({PREVIOUS_2} IS NULL OR {PREVIOUS_2} <> {time})"
        parts += [d.count_if(first), d.count_if(repeat)]
    return parts


def _key_examples(series: _Series, check: Unique, limit: int) -> str:
    """The repeated keys' rows from the file-order pass: each row equal to its entity's previous one."""
    q = series.context.dialect.quote
    shown = ", ".join(q(name) for name in check.key(series.context))
    return (
        f"SELECT {q(ROW)}, {shown} FROM ({_window(series)}) w WHERE {q(series.column)} = previous_value "
        f"ORDER BY {q(ROW)} LIMIT {limit}"
    )


def _run(engine: Engine, series: _Series) -> dict[int, Shared]:
    values = list(engine.fetch(f"SELECT {', '.join(_aggregates(series))} FROM ({_window(series)}) w")[0])
    missing, back = int(values[0] or 0), int(values[1] or 0)
    rest = values[2:]
    shared: dict[int, Shared] = {}
    for index, _ in series.orders:
        shared[index], rest = Shared({"order": [tuple(rest[:2])]}), rest[2:]
    in_time_order = missing == 0 and back == 0
    for index, gaps in series.gaps:
        if in_time_order:
            in_file_order = partial(gaps.examples_sql, series.context, order=series.context.dialect.quote(ROW))
            shared[index] = Shared({"gaps": [tuple(rest[:3])]}, in_file_order)
        rest = rest[3:]
    for index, key in series.keys:
        if in_time_order:
            shared[index] = Shared({"repeats": [tuple(rest[:2])]}, partial(_key_examples, series, key))
        rest = rest[2:]
    return shared


def plan_series(engine: Engine, compiled: Sequence[Any]) -> dict[int, Shared]:
    """Run each shared series pass; what each planned check (by suite index) gets instead of its own queries."""
    shared: dict[int, Shared] = {}
    for series in _series(compiled):
        shared |= _run(engine, series)
    return shared
