"""`impute`: fill missing values — `ffill` carries the last known value forward (per entity, in time
order), `median` uses the column's median (per entity when `by` is given).

Only missing values change; the lineage counts them. Forward fill uses `last_value(… IGNORE NULLS)`,
median uses `median()` — both in DuckDB and Spark SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import NUMERIC, ROW, Schema, quote, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.select import distinct_columns


@dataclass(frozen=True)
class ImputeSettings:
    """columns: the columns to fill; method: ffill or median; by: an entity column (machine, lot);
    order: the time column for ffill (default: the current row order)."""

    columns: tuple[str, ...]
    method: Literal["ffill", "median"]
    by: str | None = None
    order: str | None = None


class Impute(Step[ImputeSettings]):
    """Fill missing values."""

    type = "impute"
    settings_type = ImputeSettings

    def plan(self, schema: Schema) -> Schema:
        s = self.settings
        distinct_columns(s.columns)
        kinds = NUMERIC if s.method == "median" else None
        for name in s.columns:
            schema.require(name, "columns", kinds)
        if s.by is not None:
            schema.require(s.by, "by")
        if s.order is not None:
            if s.method != "ffill":
                raise StepError(
                    "order-without-ffill",
                    "'order'는 method: ffill에만 씁니다. 지우세요.",
                    "'order' applies to method: ffill only. Remove it.",
                    "order",
                )
            schema.require(s.order, "order")
        return schema

    def _window(self, ordered: bool) -> str:
        s = self.settings
        parts = [f"PARTITION BY {quote(s.by)}"] if s.by else []
        if ordered:
            keys = ([f"{quote(s.order)} ASC NULLS LAST"] if s.order else []) + [quote(ROW)]
            parts.append(f"ORDER BY {', '.join(keys)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
        return " ".join(parts)

    def _expression(self, schema: Schema, name: str) -> str:
        value = quote(name)
        if self.settings.method == "ffill":
            return f"coalesce({value}, last_value({value} IGNORE NULLS) OVER ({self._window(True)}))"
        column = schema.require(name, "columns")
        return f"coalesce({value}, CAST(median({value}) OVER ({self._window(False)}) AS {column.type}))"

    def sql(self, source: str, schema: Schema) -> str:
        overrides = {name: self._expression(schema, name) for name in self.settings.columns}
        return f"SELECT {select_list(schema.passthrough(overrides))} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return self.settings.columns
