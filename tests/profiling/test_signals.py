"""The `signals` profile section: one summary per channel of a long signal table."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from nptdms import ChannelObject, TdmsWriter

from mfgdata.dataset.signals import read_tdms
from mfgdata.profiling.signals import profile_signals


def long_table(channels: list[tuple[str | None, str, list[float], float | None]]) -> pa.Table:
    """A long signal table as the readers make it, from (group, channel, values, sample rate)."""
    columns: dict[str, list[object]] = {name: [] for name in ("group", "channel", "index", "value")}
    columns["sample_rate"], columns["time_offset"] = [], []
    for group, channel, values, rate in channels:
        for index, value in enumerate(values):
            columns["group"].append(group)
            columns["channel"].append(channel)
            columns["index"].append(index)
            columns["value"].append(value)
            columns["sample_rate"].append(rate)
            columns["time_offset"].append(index / rate if rate else None)
    return pa.table(
        columns,
        schema=pa.schema(
            [
                ("group", pa.string()),
                ("channel", pa.string()),
                ("index", pa.int64()),
                ("value", pa.float64()),
                ("sample_rate", pa.float64()),
                ("time_offset", pa.float64()),
            ]
        ),
    )


def profile(table: pa.Table) -> list[dict[str, object]]:
    con = duckdb.connect()
    con.register("raw", table)
    return profile_signals(con, "raw")["channels"]


def test_channels_are_sorted_by_group_then_channel_with_top_level_first() -> None:
    table = long_table(
        [
            ("Motor", "vibration", [1.0], None),
            ("Motor", "current", [1.0], None),
            (None, "DE", [1.0], None),
            ("Heater", "temperature", [1.0], None),
        ]
    )

    order = [(c["group"], c["channel"]) for c in profile(table)]

    assert order == [(None, "DE"), ("Heater", "temperature"), ("Motor", "current"), ("Motor", "vibration")]


def test_summary_numbers_per_channel() -> None:
    # given
    table = long_table([("Motor", "current", [1.0, 2.0, 3.0, 4.0], 2.0), ("Motor", "speed", [10.0, -10.0], 1000.0)])

    # when
    channels = profile(table)

    # then
    assert channels == [
        {
            "channel": "current",
            "group": "Motor",
            "samples": 4,
            "sample_rate": 2.0,
            "duration_seconds": 2.0,
            "min": 1.0,
            "max": 4.0,
            "mean": 2.5,
        },
        {
            "channel": "speed",
            "group": "Motor",
            "samples": 2,
            "sample_rate": 1000.0,
            "duration_seconds": 0.002,
            "min": -10.0,
            "max": 10.0,
            "mean": 0.0,
        },
    ]


def test_nan_and_infinite_samples_are_counted_but_left_out_of_min_max_and_mean() -> None:
    table = long_table([(None, "DE", [math.nan, 5.0, math.inf, 7.0, -math.inf], None)])

    (channel,) = profile(table)

    assert channel["samples"] == 5
    assert (channel["min"], channel["max"], channel["mean"]) == (5.0, 7.0, 6.0)
    assert channel["sample_rate"] is None
    assert channel["duration_seconds"] is None


@pytest.mark.parametrize("rate", [0.0, -100.0, math.inf, math.nan])
def test_a_rate_that_is_not_a_positive_number_counts_as_unknown(rate: float) -> None:
    table = long_table([(None, "DE", [1.0, 2.0], rate)])

    (channel,) = profile(table)

    assert (channel["sample_rate"], channel["duration_seconds"]) == (None, None)


def test_a_duration_too_long_for_a_number_is_null() -> None:
    table = long_table([(None, "DE", [1.0, 2.0], 5e-324)])

    (channel,) = profile(table)

    assert channel["sample_rate"] == 5e-324
    assert channel["duration_seconds"] is None


def test_all_nan_channel_gives_nulls_and_the_section_is_strict_json() -> None:
    table = long_table([(None, "broken", [math.nan, math.nan], 100.0)])

    channels = profile(table)

    assert (channels[0]["min"], channels[0]["max"], channels[0]["mean"]) == (None, None, None)
    assert json.loads(json.dumps({"channels": channels}, allow_nan=False)) == {"channels": channels}
    assert type(channels[0]["samples"]) is int


def test_profile_of_a_tdms_recording(tmp_path: Path) -> None:
    # given a 2 s vibration recording at 5 kHz and a slow temperature channel without a rate
    path = tmp_path / "run.tdms"
    vibration = np.sin(np.linspace(0, 100, 10_000))
    with TdmsWriter(path) as writer:
        writer.write_segment(
            [
                ChannelObject("Motor", "vibration", vibration, properties={"wf_increment": 0.0002}),
                ChannelObject("Oven", "temperature", np.array([20.0, 22.0, 24.0])),
            ]
        )
    con = duckdb.connect()
    con.register("recording", read_tdms(path))

    # when
    vib, temp = profile_signals(con, "recording")["channels"]

    # then
    assert (vib["group"], vib["channel"], vib["samples"]) == ("Motor", "vibration", 10_000)
    assert vib["sample_rate"] == pytest.approx(5000.0)
    assert vib["duration_seconds"] == pytest.approx(2.0)
    assert vib["min"] == pytest.approx(vibration.min())
    assert vib["max"] == pytest.approx(vibration.max())
    assert vib["mean"] == pytest.approx(vibration.mean())
    assert temp == {
        "channel": "temperature",
        "group": "Oven",
        "samples": 3,
        "sample_rate": None,
        "duration_seconds": None,
        "min": 20.0,
        "max": 24.0,
        "mean": 22.0,
    }
