"""`drop-duplicates`: keep one row per key (or per identical row when no keys are given).

`keep: first` keeps the earliest row in `order_by` order (default: the current row order), `last` the
latest. The removed rows count against the row-loss guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.prep.schema import ROW, Schema, quote, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.select import distinct_columns

_RANK = "__mfgdata_rank"


@dataclass(frozen=True)
class DropDuplicatesSettings:
    """keys: the columns that identify a row (none: all columns); keep: first or last;
    order_by: the columns deciding which is first (none: the current row order)."""

    keys: tuple[str, ...] | None = None
    keep: Literal["first", "last"] = "first"
    order_by: tuple[str, ...] | None = None


def _dropped(source: str, keys: tuple[str, ...], keep: str) -> str:
    """The row numbers of the rows to drop: in each key repeated, every row but the first (last) one, the
    row with the lowest (highest) row number. A narrow grouping of the keys, several times faster than
    ranking the wide rows in a window; only repeated keys are joined back, so the list is as short as the
    duplicates (a semi-join on the kept rows would hold every row's number)."""
    row, pick = quote(ROW), "min" if keep == "first" else "max"
    named = ", ".join(f"{quote(key)} AS k{index}" for index, key in enumerate(keys))
    repeated = (
        f"SELECT {named}, {pick}({row}) AS kept FROM {source} GROUP BY {', '.join(quote(k) for k in keys)} "
        "HAVING count(*) > 1"
    )
    same = " AND ".join(f"s.{quote(key)} IS NOT DISTINCT FROM d.k{index}" for index, key in enumerate(keys))
    return f"SELECT s.{row} FROM {source} AS s JOIN ({repeated}) AS d ON {same} WHERE s.{row} <> d.kept"


class DropDuplicates(Step[DropDuplicatesSettings]):
    """Remove duplicate rows."""

    type = "drop-duplicates"
    settings_type = DropDuplicatesSettings

    def plan(self, schema: Schema) -> Schema:
        for setting, columns in (("keys", self.settings.keys), ("order_by", self.settings.order_by)):
            if columns is not None:
                distinct_columns(columns, setting)
                for name in columns:
                    schema.require(name, setting)
        return schema

    def sql(self, source: str, schema: Schema) -> str:
        names = self.settings.keys or tuple(schema.names)
        keys = ", ".join(quote(k) for k in names)
        row, columns = quote(ROW), select_list(schema.passthrough())
        if not self.settings.order_by:
            return f"SELECT {columns} FROM {source} WHERE {row} NOT IN ({_dropped(source, names, self.settings.keep)})"
        direction = "ASC" if self.settings.keep == "first" else "DESC"
        order = [f"{quote(name)} {direction} NULLS LAST" for name in self.settings.order_by]
        order.append(f"{row} {direction}")
        rank = f"row_number() OVER (PARTITION BY {keys} ORDER BY {', '.join(order)})"
        ranked = f"SELECT *, {rank} AS {_RANK} FROM {source}"
        return f"SELECT {columns} FROM ({ranked}) AS ranked WHERE {_RANK} = 1"

    def fuses_with_row_wise(self) -> bool:
        return not self.settings.order_by  # a window over views is several times slower than over a table
