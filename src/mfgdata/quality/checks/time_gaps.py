"""`time-gaps`: within each entity, consecutive readings (in time order) are no further apart than the
expected cadence times `tolerance` — a gap means readings are missing.

`cadence` is a duration (`1s`, `10 min`, `1h`, or seconds as a number) for time columns, or a step in
the column's own unit (cycles) for numeric ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import ORDERED, Check, CheckContext, Finding, column_info
from mfgdata.quality.checks.time_order import lagged
from mfgdata.quality.dialect import ROW
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class TimeGapsSettings:
    """column: the time column; entity: the series column(s) (none: one series); cadence: the expected
    interval; tolerance: how many cadences apart still count as no gap (default 1.5)."""

    column: str
    cadence: float | str
    entity: tuple[str, ...] = ()
    tolerance: float = 1.5


# The usual ways of writing a cadence, read without pint (importing it costs a tenth of a second).
_CADENCE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*")
_SECONDS = {
    **dict.fromkeys(("ms", "millisecond", "milliseconds"), 0.001),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1.0),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), 60.0),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600.0),
    **dict.fromkeys(("d", "day", "days"), 86400.0),
}


def cadence_seconds(cadence: str | float) -> float:
    """A cadence as seconds (numbers are seconds already)."""
    if isinstance(cadence, int | float):
        return float(cadence)
    usual = _CADENCE.fullmatch(cadence)
    if usual and usual.group(2) in _SECONDS:
        return float(usual.group(1)) * _SECONDS[usual.group(2)]
    from mfgdata.dataset.headers import unit_registry

    try:
        return float(unit_registry().Quantity(cadence).to("second").magnitude)
    except Exception as error:  # pint raises several types for text that is not a duration
        raise quality_error(
            "bad-cadence",
            f"주기 '{cadence}'를 읽을 수 없습니다. '1s', '10 min', '1h'처럼 적으세요.",
            f"The cadence '{cadence}' cannot be read. Write it like '1s', '10 min' or '1h'.",
        ) from error


class TimeGaps(Check[TimeGapsSettings]):
    """Each interval longer than cadence × tolerance is one failing row (the reading after the gap)."""

    type = "time-gaps"
    settings_type = TimeGapsSettings
    characteristic = "currentness"
    findings = (
        Finding(
            "time-gap",
            "간격 {checked}개 중 {failing}개가 예상 주기보다 깁니다 (최대 간격 {max_gap}).",
            "{failing} of {checked} intervals are longer than the expected cadence (longest {max_gap}).",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return (self.settings.column, *self.settings.entity)

    def validate(self, context: CheckContext) -> None:
        self.require_kind(context, self.settings.column, ORDERED, ("시각이나 숫자", "a time or numeric"))
        self._limit(context)

    def _limit(self, context: CheckContext) -> float:
        kind = column_info(context, self.settings.column).kind
        step = cadence_seconds(self.settings.cadence) if kind in ("timestamp", "date") else float(self.settings.cadence)
        return step * self.settings.tolerance

    def _gap(self, context: CheckContext) -> str:
        """The interval from the previous reading, in seconds for times, in the column's unit otherwise."""
        d = context.dialect
        name = d.quote(self.settings.column)
        if column_info(context, self.settings.column).kind in ("timestamp", "date"):
            return f"({d.seconds(name)} - {d.seconds('previous_value')})"
        return f"({name} - previous_value)"

    def _gaps(self, context: CheckContext, order: str | None = None) -> tuple[str, str]:
        """Rows with their gap (previous by `order`, default the time itself) and the failing predicate."""
        q = context.dialect.quote
        order = order or q(self.settings.column)  # ties give a gap of 0 in any order
        windowed = lagged(context, self.settings.column, self.settings.entity, order)
        select = f"SELECT w.*, {self._gap(context)} AS gap FROM ({windowed}) w WHERE previous_value IS NOT NULL"
        return select, f"gap > {context.dialect.literal(self._limit(context))}"

    def window_aggregates(self, context: CheckContext) -> list[str]:
        """(intervals, failing, longest) over a window's rows whose time order is their order (shared pass)."""
        d = context.dialect
        gap = self._gap(context)
        judged = "previous_value IS NOT NULL"
        failing = d.count_if(f"{judged} AND {gap} > {d.literal(self._limit(context))}")
        return [d.count_if(judged), failing, f"MAX(CASE WHEN {judged} THEN {gap} END)"]

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        gaps, failing = self._gaps(context)
        return {"gaps": f"SELECT COUNT(*), {context.dialect.count_if(failing)}, MAX(gap) FROM ({gaps}) g"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        checked, failing, longest = rows["gaps"][0]
        metric = {"max_gap": float(longest) if longest is not None else 0.0, "cadence": self.settings.cadence}
        return Measure(int(checked or 0), int(failing or 0), metric)

    def example_columns(self) -> tuple[str, ...]:
        return (*self.columns(), "previous_value", "gap")

    def examples_sql(self, context: CheckContext, limit: int, order: str | None = None) -> str | None:
        """The failing intervals in row order; `order` names the window's order when the file is in time order."""
        q = context.dialect.quote
        gaps, failing = self._gaps(context, order)
        shown = ", ".join(q(name) for name in self.example_columns())
        return f"SELECT {q(ROW)}, {shown} FROM ({gaps}) g WHERE {failing} ORDER BY {q(ROW)} LIMIT {limit}"
