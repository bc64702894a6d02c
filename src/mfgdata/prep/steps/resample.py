"""`resample`: one row per time interval (and entity): `every: "1 minute"` with an aggregation per column.

Buckets start at whole intervals in Asia/Seoul (a day runs from midnight Seoul time). Columns without an
aggregation are left out; rows without a time cannot be placed and are left out too. Fewer rows is the
point of this step, so the row-loss guard does not apply. DuckDB-specific: `time_bucket`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from mfgdata.dataset.timeparse import TIMEZONE
from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import NUMERIC, ROW, Field, Schema, literal, quote, select_list
from mfgdata.prep.steps.base import MadeColumn, Step

Aggregation = Literal["mean", "min", "max", "first", "last", "sum", "count"]
_EVERY = re.compile(r"^\s*(\d+)\s*([a-z가-힣]+)\s*$")
_UNITS = {
    "second": "second", "seconds": "second", "sec": "second", "s": "second", "초": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "분": "minute",
    "hour": "hour", "hours": "hour", "h": "hour", "시간": "hour",
    "day": "day", "days": "day", "일": "day",
    "week": "week", "weeks": "week", "주": "week",
}  # fmt: skip
_RANK = "__mfgdata_rank"
_BUCKET = "__mfgdata_bucket"


@dataclass(frozen=True)
class ResampleSettings:
    """time: the timestamp column; every: the interval (`10 seconds`, `1 minute`, `1 hour`, `1 day`, `5분`);
    by: an entity column resampled separately; aggregations: column → mean, min, max, first, last, sum, count."""

    time: str
    every: str
    aggregations: dict[str, Aggregation]
    by: str | None = None


def interval(every: str) -> str:
    """`INTERVAL '5 minute'` for `5 minutes`, `5분` …; StepError for anything else."""
    match = _EVERY.match(every.lower())
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None or int(match.group(1)) == 0:
        raise StepError(
            "bad-interval",
            f"'{every}' 간격을 읽을 수 없습니다. '10 seconds', '1 minute', '1 hour', '1 day', '5분'처럼 적으세요.",
            f"Cannot read the interval '{every}'. Write e.g. '10 seconds', '1 minute', '1 hour', '1 day'.",
            "every",
        )
    return f"INTERVAL '{int(match.group(1))} {unit}'"


class Resample(Step[ResampleSettings]):
    """Aggregate rows into regular time intervals."""

    type = "resample"
    settings_type = ResampleSettings
    aggregates_rows = True

    def plan(self, schema: Schema) -> Schema:
        s = self.settings
        interval(s.every)
        time = schema.require(s.time, "time", {"timestamp"})
        fields = [schema.require(s.by, "by")] if s.by else []
        fields.append(time)
        if not s.aggregations:
            raise StepError(
                "no-columns", "집계할 열을 하나 이상 적으세요.", "List at least one column.", "aggregations"
            )
        for name, how in s.aggregations.items():
            if name in (s.time, s.by):
                raise StepError(
                    "aggregating-key",
                    f"'{name}' 열은 묶는 기준이라 집계할 수 없습니다.",
                    f"'{name}' is what rows are grouped by; it cannot be aggregated.",
                    "aggregations",
                )
            field = schema.require(name, "aggregations", NUMERIC if how in {"mean", "sum"} else None)
            fields.append(Field(name, "BIGINT") if how == "count" else replace(field, type=_result_type(field, how)))
        return schema.with_fields(fields)

    def repeats_in_parallel(self) -> bool:
        return not any(how in {"mean", "sum"} for how in self.settings.aggregations.values())

    def made_column(self, name: str) -> MadeColumn:
        return MadeColumn(
            "feature",
            f"'{name}' 값의 {self.settings.every} 구간별 개수입니다.",
            f"Number of '{name}' values per {self.settings.every} interval.",
        )

    def column_notes(self, schema: Schema) -> dict[str, dict[str, Any]]:
        return {
            name: {"aggregation": how, "interval": self.settings.every}
            for name, how in self.settings.aggregations.items()
        }

    def _aggregate(self, name: str, how: str) -> str:
        value = quote(name)
        calls = {"mean": f"avg({value})", "first": f"min_by({value}, {_RANK})", "last": f"max_by({value}, {_RANK})"}
        return calls.get(how, f"{how}({value})")

    def sql(self, source: str, schema: Schema) -> str:
        s = self.settings
        time = schema.require(s.time, "time")
        zone = f", {literal(TIMEZONE)}" if "TIME ZONE" in time.type.upper() else ""
        bucket = f"time_bucket({interval(s.every)}, {quote(s.time)}{zone})"
        entity = [quote(s.by)] if s.by else []
        groups = [*entity, _BUCKET]
        rank = f"row_number() OVER (PARTITION BY {', '.join([*entity, bucket])} ORDER BY {quote(s.time)}, {quote(ROW)})"
        ranked = f"SELECT *, {bucket} AS {_BUCKET}, {rank} AS {_RANK} FROM {source} WHERE {quote(s.time)} IS NOT NULL"
        pairs = ([(s.by, quote(s.by))] if s.by else []) + [(s.time, _BUCKET)]
        pairs += [(name, self._aggregate(name, how)) for name, how in s.aggregations.items()]
        row = f"row_number() OVER (ORDER BY {', '.join(f'{g} ASC NULLS LAST' for g in groups)})"
        return f"SELECT {select_list(pairs, row)} FROM ({ranked}) AS ranked GROUP BY {', '.join(groups)}"


def _result_type(field: Field, how: str) -> str:
    return "DOUBLE" if how == "mean" else field.type
