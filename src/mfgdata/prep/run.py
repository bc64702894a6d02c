"""Run a bound recipe, counting what every step did.

Consecutive row-wise steps (rename, cast, convert-unit, filter, limits, derive without a window …) run
fused: views over the previous table, materialised once, together with the grouping or join that follows
them (`drop-duplicates`, `split` by group or time, `join-labels`). The counts of a fused step are taken
from its view, so the lineage is the same either way. A `sort` that no later step depends on is not run
as a step: the last table is stored in its order (one sort of the data instead of two).

Per step: rows in and out, columns added and removed, and — for steps that change values — how many
values differ from the input (compared in the output type) and how many present values became missing.
A step that removes more than its `allow_row_loss` share of the rows stops the build with the numbers
and the line to add; a dry run reports it instead.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import duckdb

from mfgdata.prep.binding import INPUT, BoundRecipe, BoundStep
from mfgdata.prep.engine import count_rows, engine_error, one_row, single_thread, unordered_storage
from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import ROW, Schema, quote, select_list
from mfgdata.prep.steps.sort import order_terms

_TOLERANCE = 1e-12
FIRST = "__mfgdata_step_0"


@dataclass(frozen=True)
class StepReport:
    """What one step did to the data."""

    index: int
    type: str
    why: str | None
    line: int
    rows_in: int
    rows_out: int
    columns_added: tuple[str, ...]
    columns_removed: tuple[str, ...]
    values_changed: int | None = None
    values_nulled: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    row_loss_exceeded: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class Run:
    """The result of running all steps: the reports, the final table and the rows read.

    `order` holds the `ORDER BY` terms giving the final table's row order (the table is stored in it);
    it is the hidden row number unless the recipe's last `sort` was left to the final table.
    """

    steps: tuple[StepReport, ...]
    table: str
    rows_read: int
    order: str = quote(ROW)


def _changes(
    con: duckdb.DuckDBPyConnection,
    before: str,
    after: str,
    columns: tuple[str, ...],
    schema_out: Schema,
    *,
    same_rows: bool = False,
) -> tuple[int | None, int | None]:
    """(values changed, values nulled) over `columns`, rows matched by the hidden row number.

    `same_rows`: both relations have as many rows, so they may be paired by position first (see `_in_step`).
    """
    present = [found for found in (schema_out.find(name) for name in columns) if found is not None]
    if not present:
        return None, None
    parts: list[str] = []
    for found in present:
        name, new_type = found.name, found.type
        old, new = f"i.{quote(name)}", f"o.{quote(name)}"
        parts.append(f"count(*) FILTER (WHERE {new} IS DISTINCT FROM TRY_CAST({old} AS {new_type}))")
        parts.append(f"count(*) FILTER (WHERE {old} IS NOT NULL AND {new} IS NULL)")
    counts = ", ".join(parts)
    row = _in_step(con, counts, before, after) if same_rows else None
    if row is None:
        row = one_row(con, f"SELECT {counts} FROM {before} AS i JOIN {after} AS o USING ({quote(ROW)})")
    return sum(int(v or 0) for v in row[0::2]), sum(int(v or 0) for v in row[1::2])


def _in_step(con: duckdb.DuckDBPyConnection, counts: str, before: str, after: str) -> tuple[Any, ...] | None:
    """The counts over the rows of `before` and `after` paired by position, when every pair has the same row
    number (a step that kept every row in its place: then the pairs are the join's, without building a hash
    table of all rows); None when any pair differs, and the caller joins by the row number."""
    row = quote(ROW)
    misplaced = f"count(*) FILTER (WHERE i.{row} IS DISTINCT FROM o.{row})"
    found = one_row(con, f"SELECT {misplaced}, {counts} FROM {before} AS i POSITIONAL JOIN {after} AS o")
    return found[1:] if found and int(found[0] or 0) == 0 else None


def _extra_counts(con: duckdb.DuckDBPyConnection, table: str, counts: dict[str, str]) -> dict[str, int]:
    if not counts:
        return {}
    row = one_row(con, f"SELECT {', '.join(counts.values())} FROM {table}")
    return {name: int(value or 0) for name, value in zip(counts, row, strict=True)}


def _report(
    con: duckdb.DuckDBPyConnection, bound: BoundStep, before: str, after: str, rows_in: int, started: float
) -> StepReport:
    """What a step did, from the relation it read (`before`) and the one it produced (`after`)."""
    recipe_step, step = bound.recipe_step, bound.recipe_step.step
    rows_out = count_rows(con, after)
    changed, nulled = _changes(
        con, before, after, step.changed_columns(bound.schema_in), bound.schema_out, same_rows=rows_out == rows_in
    )
    names_in, names_out = bound.schema_in.names, bound.schema_out.names
    lost = rows_in - rows_out
    exceeded = not step.aggregates_rows and rows_in > 0 and lost / rows_in > recipe_step.allow_row_loss + _TOLERANCE
    return StepReport(
        index=recipe_step.index,
        type=step.type,
        why=recipe_step.why,
        line=recipe_step.line,
        rows_in=rows_in,
        rows_out=rows_out,
        columns_added=tuple(n for n in names_out if n not in names_in),
        columns_removed=tuple(n for n in names_in if n not in names_out),
        values_changed=changed,
        values_nulled=nulled,
        counts=_extra_counts(con, after, step.counts(bound.schema_out)),
        row_loss_exceeded=exceeded,
        seconds=time.perf_counter() - started,
    )


def _keeps(bound: BoundStep, keys: tuple[str, ...]) -> bool:
    """True when `bound` neither depends on the row order nor renames, drops or changes any of `keys`."""
    step = bound.recipe_step.step
    touched = set(step.changed_columns(bound.schema_in)) | set(step.renamed_columns())
    names = bound.schema_out.names
    return not step.follows_row_order() and all(key in names and key not in touched for key in keys)


def deferred_sort(steps: tuple[BoundStep, ...]) -> int | None:
    """The position of a `sort` whose order can be applied when the last table is stored, if there is one.

    That is the last sort, when every step after it ignores the row order and keeps its columns as they
    are: then ordering the last table by its columns (ties by the row number) gives the same rows in the
    same order as renumbering the rows at the sort, without sorting the data twice.
    """
    for position in range(len(steps) - 1, -1, -1):
        keys = steps[position].recipe_step.step.sort_keys()
        if keys is not None:
            return position if all(_keeps(later, keys) for later in steps[position + 1 :]) else None
    return None


def segments(steps: tuple[BoundStep, ...]) -> list[tuple[BoundStep, ...]]:
    """The steps in runs that become one table each: consecutive row-wise steps together (a deferred sort
    counts as one), with the step that follows them when it runs well over views (a grouping, a join —
    see `Step.fuses_with_row_wise`) and adds up no floats; the others alone."""
    deferred = deferred_sort(steps)
    viewable = [b.recipe_step.step.is_row_wise() or i == deferred for i, b in enumerate(steps)]
    groups: list[list[int]] = []
    for position, bound in enumerate(steps):
        step = bound.recipe_step.step
        joins = viewable[position] or (step.fuses_with_row_wise() and step.repeats_in_parallel())
        if joins and groups and viewable[groups[-1][-1]]:
            groups[-1].append(position)
        else:
            groups.append([position])
    return [tuple(steps[i] for i in group) for group in groups]


def _sql(bound: BoundStep, source: str, deferred: BoundStep | None) -> str:
    """The step's SQL over `source`; a deferred sort keeps the rows as they are."""
    if bound is deferred:
        return f"SELECT {select_list(bound.schema_in.passthrough())} FROM {source}"
    return bound.recipe_step.step.sql(source, bound.schema_in)


def _run_segment(
    con: duckdb.DuckDBPyConnection,
    segment: tuple[BoundStep, ...],
    source: str,
    rows_in: int,
    *,
    order: str | None,
    deferred: BoundStep | None = None,
) -> tuple[list[StepReport], str]:
    """Run `segment` as views over `source` materialised once into a table; a report per step.

    `order` (the `ORDER BY` terms of the last table) stores the table in row order, so the outputs are
    written from it without sorting again. `deferred` is a sort whose order `order` applies.
    """
    started = time.perf_counter()
    relations = [source]
    for bound in segment[:-1]:
        view = f"__mfgdata_fused_{bound.recipe_step.index}"
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {_sql(bound, relations[-1], deferred)}")
        relations.append(view)
    last = segment[-1]
    table = f"__mfgdata_step_{last.recipe_step.index}"
    query = _sql(last, relations[-1], deferred)
    if order is not None:
        query = f"SELECT * FROM ({query}) AS result ORDER BY {order}"
    repeatable = all(bound.recipe_step.step.repeats_in_parallel() for bound in segment)
    # a table between steps is an unordered set; single-threaded work keeps its order as it always did
    storing = unordered_storage(con) if repeatable and order is None else nullcontext()
    with nullcontext() if repeatable else single_thread(con), storing:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {query}")
    relations.append(table)
    reports: list[StepReport] = []
    for position, bound in enumerate(segment):
        report = _report(con, bound, relations[position], relations[position + 1], rows_in, started)
        reports.append(report)
        rows_in, started = report.rows_out, time.perf_counter()
    for view in relations[1:-1]:
        con.execute(f"DROP VIEW {view}")
    return reports, table


def row_loss_error(report: StepReport, allowed: float) -> StepError:
    """The error stopping a build whose step removed too many rows, saying how to allow it."""
    lost = report.rows_in - report.rows_out
    ratio = lost / report.rows_in
    suggested = math.ceil(ratio * 100) / 100
    return StepError(
        "row-loss",
        f"이 단계에서 전체 {report.rows_in:,}행 중 {lost:,}행({ratio:.1%})이 빠집니다. 허용치는 {allowed:.0%}입니다. "
        f"의도한 것이라면 이 단계에 'allow_row_loss: {suggested:g}'를 적고, 아니라면 단계의 설정을 확인하세요.",
        f"This step removes {lost:,} of {report.rows_in:,} rows ({ratio:.1%}), more than the allowed {allowed:.0%}. "
        f"If that is intended, add 'allow_row_loss: {suggested:g}' to this step; otherwise check its settings.",
        "allow_row_loss",
    )


def read_input(con: duckdb.DuckDBPyConnection, *, from_file: bool = False) -> str:
    """The relation the steps start from: the input, numbered in file order.

    By default the whole input is read into the first table (in parallel), so a value that does not fit its
    column's type stops the build here, before any step. With `from_file` (one Parquet file: its types are
    the file's own and its rows are numbered by the file), the steps read the file itself: the first table
    of the run reads it once instead of a copy of it, and the counts read only the columns they need.
    """
    if from_file:
        return INPUT
    con.execute(f"CREATE OR REPLACE TEMP TABLE {FIRST} AS SELECT * FROM {INPUT}")
    return FIRST


def run_steps(
    con: duckdb.DuckDBPyConnection,
    bound: BoundRecipe,
    *,
    source: str = FIRST,
    stop_on_row_loss: bool = True,
    on_step: Callable[[StepReport], None] | None = None,
) -> Run:
    """Run every step on `source` (what :func:`read_input` gave) and report each; the last table is in row order.

    Consecutive row-wise steps run fused (one table for the run of them, see :func:`segments`); when a
    fused run fails in the engine, its steps are run one by one so the error names the step that failed.
    """
    rows_read = rows = count_rows(con, source)
    reports: list[StepReport] = []
    position = deferred_sort(bound.steps)
    deferred = bound.steps[position] if position is not None else None
    order = quote(ROW)
    if deferred is not None:
        order = f"{order_terms(deferred.recipe_step.step.sort_keys() or ())}, {order}"
    pending = deque(segments(bound.steps))
    while pending:
        segment = pending.popleft()
        try:
            segment_reports, table = _run_segment(
                con, segment, source, rows, order=None if pending else order, deferred=deferred
            )
        except duckdb.Error as error:
            if len(segment) > 1:  # a fused run failed: run its steps one by one to name the one that fails
                pending.extendleft((one,) for one in reversed(segment))
                continue
            failed = segment[0].recipe_step
            raise bound.recipe.error(failed, engine_error(error, failed.step.sql_setting)) from None
        for report, bound_step in zip(segment_reports, segment, strict=True):
            if report.row_loss_exceeded and stop_on_row_loss:
                error = row_loss_error(report, bound_step.recipe_step.allow_row_loss)
                raise bound.recipe.error(bound_step.recipe_step, error)
            reports.append(report)
            if on_step is not None:
                on_step(report)
        if source != INPUT:
            con.execute(f"DROP TABLE {source}")
        source, rows = table, segment_reports[-1].rows_out
    return Run(tuple(reports), source, rows_read, order if reports else quote(ROW))
