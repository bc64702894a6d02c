"""`time-order`: within each entity (machine, engine, lot), times never go back in row order — or, with
`strict`, always go forward (C-MAPSS cycles 1, 2, 3 …).

One window pass (`LAG` over the entity's rows in file order); rows with a missing time are not judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import ORDERED, Check, CheckContext, Finding
from mfgdata.quality.dialect import ROW
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class TimeOrderSettings:
    """column: the time (or cycle) column; entity: the column(s) naming the machine/series (none: one
    series; C-MAPSS train and test files reuse engine ids, so there it is [source_file, unit]);
    strict: equal consecutive times fail too."""

    column: str
    entity: tuple[str, ...] = ()
    strict: bool = False


def lagged(context: CheckContext, column: str, entity: tuple[str, ...], order: str) -> str:
    """Rows with the previous value of `column` in the same entity, ordered by `order`."""
    q = context.dialect.quote
    names = ", ".join(q(name) for name in entity)
    partition = f"PARTITION BY {names} " if entity else ""
    shown = f", {names}" if entity else ""
    return (
        f"SELECT {q(ROW)}{shown}, {q(column)}, LAG({q(column)}) OVER ({partition}ORDER BY {order}) AS previous_value "
        f"FROM {context.table.relation}"
    )


class TimeOrder(Check[TimeOrderSettings]):
    """A row whose time is before (or, strict, not after) the previous row's of the same entity fails."""

    type = "time-order"
    settings_type = TimeOrderSettings
    characteristic = "consistency"
    findings = (
        Finding(
            "time-out-of-order",
            "시각이 있는 {checked}행 중 {failing}행이 같은 대상의 앞 행보다 이르거나 같습니다.",
            "{failing} of {checked} timed rows are earlier than (or equal to) the previous row of the same entity.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return (self.settings.column, *self.settings.entity)

    def validate(self, context: CheckContext) -> None:
        self.require_kind(context, self.settings.column, ORDERED, ("시각이나 숫자", "a time or numeric"))

    def _window(self, context: CheckContext) -> tuple[str, str]:
        q = context.dialect.quote
        windowed = lagged(context, self.settings.column, self.settings.entity, q(ROW))
        op = "<=" if self.settings.strict else "<"
        return windowed, f"previous_value IS NOT NULL AND {q(self.settings.column)} {op} previous_value"

    def window_aggregates(self, context: CheckContext) -> list[str]:
        """(checked, failing) over the file-order window's rows (`previous_value` next to the time)."""
        d = context.dialect
        checked = d.count_if(f"{d.quote(self.settings.column)} IS NOT NULL AND previous_value IS NOT NULL")
        return [checked, d.count_if(self._window(context)[1])]

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        windowed = self._window(context)[0]
        return {"order": f"SELECT {', '.join(self.window_aggregates(context))} FROM ({windowed}) w"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        checked, failing = rows["order"][0]
        return Measure(int(checked or 0), int(failing or 0))

    def example_columns(self) -> tuple[str, ...]:
        return (*self.columns(), "previous_value")

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        q = context.dialect.quote
        windowed, failing = self._window(context)
        shown = ", ".join(q(name) for name in self.example_columns())
        return f"SELECT {q(ROW)}, {shown} FROM ({windowed}) w WHERE {failing} ORDER BY {q(ROW)} LIMIT {limit}"
