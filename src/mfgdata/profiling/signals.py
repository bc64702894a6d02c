"""The `signals` section of a profile: one summary per recorded channel of a long signal table.

Signal files hold millions of samples in a few channels, so the column statistics of the long table
(`value` over every channel at once) say little; a person wants to see each channel: how long it is,
at what rate it was sampled and in what range its values lie.
"""

from __future__ import annotations

import math
from typing import Any

import duckdb

from mfgdata.dataset.relation import quote

# NaN and infinite samples count as samples but not in min/max/mean: DuckDB orders NaN above every
# number, one NaN or inf would swamp the mean, and JSON has neither. A rate must be a positive number.
_FINITE = "FILTER (WHERE isfinite(value))"
_RATE = "max(sample_rate) FILTER (WHERE sample_rate > 0 AND isfinite(sample_rate))"
_QUERY = f"""
SELECT "group", channel, count(*) AS samples, {_RATE} AS sample_rate, count(*) / {_RATE} AS duration_seconds,
       min(value) {_FINITE} AS min, max(value) {_FINITE} AS max, avg(value) {_FINITE} AS mean
FROM {{relation}}
GROUP BY "group", channel
ORDER BY "group" NULLS FIRST, channel
"""
_NUMBER_FIELDS = ("sample_rate", "duration_seconds", "min", "max", "mean")


def profile_signals(con: duckdb.DuckDBPyConnection, relation_name: str) -> dict[str, list[dict[str, Any]]]:
    """Summarise each channel of the long signal table `relation_name` in one GROUP BY query.

    Returns `{"channels": [{channel, group, samples, sample_rate, duration_seconds, min, max, mean}]}`
    in plain JSON types, sorted by group (top-level `.mat` variables first) and channel.
    `duration_seconds` is `samples / sample_rate`, `null` when the rate is unknown. NaN and infinite
    samples are counted but left out of min/max/mean; a result that is still not finite is `null`,
    as the profile schema asks.
    """
    rows = con.execute(_QUERY.format(relation=quote(relation_name))).fetchall()
    return {"channels": [_channel(row) for row in rows]}


def _channel(row: tuple[Any, ...]) -> dict[str, Any]:
    group, channel, samples, *numbers = row
    summary: dict[str, Any] = {"channel": str(channel), "group": None if group is None else str(group)}
    summary["samples"] = int(samples)
    summary.update(zip(_NUMBER_FIELDS, map(_number, numbers), strict=True))
    return summary


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None
