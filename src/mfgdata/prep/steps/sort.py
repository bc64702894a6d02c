"""`sort`: order the rows by columns (ascending, missing values last).

The order is kept to the output files, and later steps that depend on order (`drop-duplicates` with
`keep: first`, forward fill) follow it. Ties keep their previous order. When no later step depends on the
order, the rows are not renumbered here: the build orders the last table by these columns instead, which
gives the same files for one sort of the data instead of two.
"""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.schema import ROW, Schema, quote, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.select import distinct_columns


@dataclass(frozen=True)
class SortSettings:
    """by: the columns to order by, most significant first."""

    by: tuple[str, ...]


def order_terms(by: tuple[str, ...]) -> str:
    """`ORDER BY` terms for sorting by `by` (ascending, missing values last), without the row-number tie-break."""
    return ", ".join(f"{quote(name)} ASC NULLS LAST" for name in by)


class Sort(Step[SortSettings]):
    """Order rows."""

    type = "sort"
    settings_type = SortSettings

    def plan(self, schema: Schema) -> Schema:
        distinct_columns(self.settings.by, "by")
        for name in self.settings.by:
            schema.require(name, "by")
        return schema

    def sort_keys(self) -> tuple[str, ...]:
        return self.settings.by

    def sql(self, source: str, schema: Schema) -> str:
        keys = order_terms(self.settings.by)
        row = f"row_number() OVER (ORDER BY {keys}, {quote(ROW)})"
        return f"SELECT {select_list(schema.passthrough(), row)} FROM {source}"
