"""Run a suite: check everything first, then one fused scan per table, then the grouped queries.

Order of work, so a bad suite costs nothing and a good one as few scans as possible:
1. every check is built and validated (type known, settings typed, columns present, SQL boolean and
   read-only) — any problem stops the run before data is read;
2. per table, the aggregates of all its checks go into ONE `SELECT … FROM table` — except text matching on a
   column of few distinct values, judged once per value over one grouping of the column (`RowCheck.per_value`);
3. checks that group or order (keys, time order, drift) run their own statements — except that a
   time-order check's window pass also answers the time-gaps and (entity, time) key checks of the same
   series when it finds the file in time order (`sequences`);
4. example rows are fetched only for failing checks, in row order, at most `examples` each.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from mfgdata.quality.checks.base import Check, CheckContext, RowCheck
from mfgdata.quality.engine import Engine
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import CheckResult, CheckSpec, Example, TableInfo
from mfgdata.quality.registry import build_check
from mfgdata.quality.sequences import Shared, plan_series

DEFAULT_EXAMPLES = 5
VALUE_ROWS = "__value_rows"  # the rows of one distinct value, when a check is judged per value


@dataclass(frozen=True)
class Compiled:
    """A validated check with the context it runs in."""

    check: Check[Any]
    context: CheckContext


def _table_of(spec: CheckSpec, tables: dict[str, TableInfo]) -> TableInfo:
    if spec.table in tables:
        return tables[spec.table]
    if len(tables) == 1 and not spec.table:
        return next(iter(tables.values()))
    known = ", ".join(tables)
    raise quality_error(
        "unknown-table",
        f"검사 '{spec.id}'의 표 '{spec.table}'가 데이터에 없습니다. 있는 표: {known}",
        f"Check '{spec.id}' is about table '{spec.table}', which the data does not have. Tables: {known}",
    )


def _refuse_missing_columns(check: Check[Any], table: TableInfo) -> None:
    for name in check.columns():
        if name not in table.columns:
            close = difflib.get_close_matches(name, list(table.columns), n=1)
            hint_ko = f" '{close[0]}'의 오타인가요?" if close else ""
            hint_en = f" Did you mean '{close[0]}'?" if close else ""
            raise quality_error(
                "missing-column",
                f"검사 '{check.spec.id}'의 열 '{name}'이 표 '{table.name}'에 없습니다.{hint_ko}",
                f"Check '{check.spec.id}' names column '{name}', which table '{table.name}' does not have.{hint_en}",
            )


def compile_suite(specs: Sequence[CheckSpec], tables: dict[str, TableInfo], engine: Engine) -> list[Compiled]:
    """Build and validate every check; raise QualityError on the first that cannot run."""
    compiled = []
    for spec in specs:
        check = build_check(spec)
        table = _table_of(spec, tables)
        _refuse_missing_columns(check, table)
        context = CheckContext(engine.dialect, table, tables, engine.expression_type)
        check.validate(context)
        compiled.append(Compiled(check, context))
    return compiled


def _per_value_column(item: Compiled) -> str | None:
    """The column whose distinct values `item` is judged on once each, if it is (see `RowCheck.per_value`)."""
    check = item.check
    if not isinstance(check, RowCheck) or not check.per_value or len(check.columns()) != 1:
        return None
    info = item.context.table.column(check.columns()[0])
    return info.name if info is not None and info.few_values else None


def _fused_values(engine: Engine, compiled: list[Compiled]) -> list[dict[str, Any]]:
    """Run one SELECT per table holding every check's aggregates; each check's values by its own names.

    Checks judged per distinct value run instead on one grouping of their column (`SELECT column, COUNT(*)`),
    one SELECT per column: on a column of few values that costs a small part of judging every row.
    """
    values: list[dict[str, Any]] = [{} for _ in compiled]
    selects: dict[str, list[tuple[int, str, str]]] = {}
    for index, item in enumerate(compiled):
        relation, column = item.context.table.relation, _per_value_column(item)
        if column is None:
            parts = item.check.aggregates(item.context)
        else:
            q = item.context.dialect.quote
            relation = f"(SELECT {q(column)}, COUNT(*) AS {VALUE_ROWS} FROM {relation} GROUP BY {q(column)}) AS v"
            parts = cast(RowCheck[Any], item.check).value_aggregates(item.context, VALUE_ROWS)
        for name, expression in parts.items():
            selects.setdefault(relation, []).append((index, name, expression))
    for relation, parts in selects.items():
        select = ", ".join(f"{expression} AS a{n}" for n, (_, _, expression) in enumerate(parts))
        row = engine.fetch(f"SELECT {select} FROM {relation}")[0]
        for (index, name, _), value in zip(parts, row, strict=True):
            values[index][name] = value
    return values


def _examples(engine: Engine, item: Compiled, limit: int, shared: Shared | None) -> tuple[Example, ...]:
    if shared is not None and shared.examples_sql is not None:
        sql = shared.examples_sql(limit)
    else:
        sql = item.check.examples_sql(item.context, limit)
    if sql is None or limit <= 0:
        return ()
    names = item.check.example_columns()
    found = []
    for row in engine.fetch(sql):
        shown = dict(zip(names, row[1:], strict=False))
        found.append(Example(row=int(row[0]), values=shown))
    return tuple(found)


def run_compiled(engine: Engine, compiled: list[Compiled], examples: int = DEFAULT_EXAMPLES) -> list[CheckResult]:
    """Run validated checks and judge them."""
    fused = _fused_values(engine, compiled)
    planned = plan_series(engine, compiled)
    results = []
    for index, (item, values) in enumerate(zip(compiled, fused, strict=True)):
        shared = planned.get(index)
        queries = {} if shared else item.check.queries(item.context, values)
        rows = shared.rows if shared else {name: engine.fetch(sql) for name, sql in queries.items()}
        measure = item.check.measure(values, rows)
        passed = measure.passes(item.check.spec.mostly, item.check.spec.max_failing)
        wanted = measure.failing and measure.violated is None
        shown = _examples(engine, item, examples, shared) if wanted else ()
        ko, en = item.check.message(measure)
        results.append(
            CheckResult(
                spec=item.check.spec,
                column=item.check.column,
                characteristic=item.check.characteristic,
                measure=measure,
                passed=passed,
                examples=shown,
                message_ko=ko,
                message_en=en,
            )
        )
    return results
