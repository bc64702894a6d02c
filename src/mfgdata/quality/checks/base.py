"""What every quality check is: a stable `type`, documented settings, declared findings and portable SQL.

A check is compiled, not run: it hands the runner
- `aggregates()`: named aggregate expressions over its table, fused with every other check's into ONE
  `SELECT … FROM table` (one scan per table for all row-level checks);
- `queries(values)`: whole statements for what one scan cannot do (keys by grouping, order by windows),
  given the fused values when they depend on them (drift bins need the reference range);
- `measure(values, rows)`: the counts and the metric from what came back;
- `examples_sql(limit)`: the failing rows in row order, asked only when the check fails.
All SQL is built with the `Dialect` so DuckDB and Spark run the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from mfgdata.quality.dialect import ROW, Dialect
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import CheckSpec, ColumnInfo, ColumnKind, Measure, TableInfo

S = TypeVar("S")
NUMERIC: frozenset[ColumnKind] = frozenset({"integer", "number"})
ORDERED: frozenset[ColumnKind] = frozenset({"integer", "number", "timestamp", "date"})


@dataclass(frozen=True)
class Finding:
    """A kind of finding a check can emit, with its message templates (filled with the measure's numbers)."""

    code: str
    ko: str
    en: str


@dataclass(frozen=True)
class CheckContext:
    """What compiling a check may look at: the SQL dialect, its table, the other tables, a type probe."""

    dialect: Dialect
    table: TableInfo
    tables: dict[str, TableInfo]
    expression_type: Callable[[str, str], str]  # (relation, SQL expression) -> engine type name


class Check(Generic[S]):
    """Base of all checks; subclasses set the class variables and implement what their kind needs."""

    type: ClassVar[str]
    settings_type: ClassVar[type]
    characteristic: ClassVar[str]
    findings: ClassVar[tuple[Finding, ...]]

    def __init__(self, spec: CheckSpec, settings: S) -> None:
        self.spec = spec
        self.settings = settings

    @property
    def column(self) -> str | None:
        """The column the check is about, for the results (None for table-level checks)."""
        return getattr(self.settings, "column", None)

    def columns(self) -> tuple[str, ...]:
        """Every column of its table the check reads; each must exist (checked before anything runs)."""
        return (self.column,) if self.column else ()

    def validate(self, context: CheckContext) -> None:
        """Refuse settings that do not fit the table (types, SQL) before running; columns are checked already."""

    def aggregates(self, context: CheckContext) -> dict[str, str]:
        """Named aggregate expressions fused into the single scan of the table."""
        return {}

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        """Named whole statements, run after the fused scan (given its values)."""
        return {}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        """The measure from the fused values (this check's names) and the rows of its queries."""
        raise NotImplementedError

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        """`SELECT __row, <columns> …` of failing rows in row order, at most `limit`; None when rows make no sense."""
        return None

    def example_columns(self) -> tuple[str, ...]:
        """The columns shown with each failing row."""
        return self.columns()

    def message(self, measure: Measure) -> tuple[str, str]:
        """(Korean, English) sentence for the result, from the first declared finding."""
        finding = self.findings[0]
        numbers = {"failing": measure.failing, "checked": measure.checked, "ratio": measure.ratio, **measure.metric}
        return _fill(finding.ko, numbers), _fill(finding.en, numbers)

    def require_kind(
        self, context: CheckContext, name: str, kinds: frozenset[ColumnKind], what: tuple[str, str]
    ) -> None:
        """Refuse a column whose type does not fit (a range on a text column)."""
        info = context.table.column(name)
        if info is not None and info.kind not in kinds:
            raise quality_error(
                "column-type",
                f"검사 '{self.spec.id}'({self.type})의 열 '{name}'은 {info.kind} 형식입니다. "
                f"{what[0]} 열을 지정하세요.",
                f"Check '{self.spec.id}' ({self.type}): column '{name}' is {info.kind}. Name {what[1]} column.",
            )


class RowCheck(Check[S]):
    """A check that judges each row on its own: one failing predicate, fused into the table scan.

    `per_value`: the predicate reads only the value of the check's one column and costs enough per row (text
    matching) that, on a column of few distinct values, the runner judges each distinct value once and
    weighs it by its rows (`value_aggregates`) instead of judging every row in the fused scan.
    """

    per_value: ClassVar[bool] = False

    def applies(self, context: CheckContext) -> str | None:
        """Rows the check looks at (None: every row); rows outside are neither checked nor failing."""
        return None

    def failing(self, context: CheckContext) -> str:
        """The SQL predicate true for a failing row (among the rows it applies to)."""
        raise NotImplementedError

    def _failing_where(self, context: CheckContext) -> str:
        applies = self.applies(context)
        failing = f"({self.failing(context)})"
        return f"({applies}) AND {failing}" if applies else failing

    def aggregates(self, context: CheckContext) -> dict[str, str]:
        applies = self.applies(context)
        checked = context.dialect.count_if(applies) if applies else "COUNT(*)"
        return {"checked": checked, "failing": context.dialect.count_if(self._failing_where(context))}

    def value_aggregates(self, context: CheckContext, rows: str) -> dict[str, str]:
        """`aggregates` over the distinct values of the column, each standing for `rows` (its row count)."""
        applies, d = self.applies(context), context.dialect
        checked = d.sum_if(applies, rows) if applies else f"SUM({rows})"
        return {"checked": checked, "failing": d.sum_if(self._failing_where(context), rows)}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        return Measure(checked=int(values["checked"] or 0), failing=int(values["failing"] or 0))

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        q = context.dialect.quote
        shown = ", ".join(q(name) for name in self.example_columns())
        select = f"{q(ROW)}, {shown}" if shown else q(ROW)
        return (
            f"SELECT {select} FROM {context.table.relation} WHERE {self._failing_where(context)} "
            f"ORDER BY {q(ROW)} LIMIT {limit}"
        )


def _fill(template: str, numbers: dict[str, Any]) -> str:
    shown = {
        key: (f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value)
        for key, value in numbers.items()
    }
    try:
        return template.format(**shown)
    except (KeyError, ValueError, IndexError):
        return template


def column_info(context: CheckContext, name: str) -> ColumnInfo:
    """The column (it exists: columns are checked before compiling)."""
    info = context.table.column(name)
    assert info is not None
    return info
