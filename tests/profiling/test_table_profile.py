"""Column statistics, duplicates, keys, time series and labels on small tables whose answers are known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mfgdata.errors import InputError
from mfgdata.profiling import SCHEMA_VERSION, load_profile, profile_paths, write_json


def _csv(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _column(profile: dict[str, Any], name: str) -> dict[str, Any]:
    return next(column for column in profile["columns"] if column["name"] == name)


def test_numeric_statistics_are_exact_on_small_data(tmp_path: Path) -> None:
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    rows = "\n".join(f"{v},{'' if v == 5 else v * 1.5},{'A' if v <= 7 else 'B'}" for v in values)
    profile = profile_paths([_csv(tmp_path, "n,x,c\n" + rows + "\n")])
    n, x, c = _column(profile, "n"), _column(profile, "x"), _column(profile, "c")
    assert (n["type"], n["min"], n["max"], n["mean"], n["distinct"]) == ("integer", 1, 10, 5.5, 10)
    assert n["quantiles"]["p50"] == 5.5
    assert round(n["std"], 6) == 3.02765
    assert (x["missing"], x["count"], x["missing_ratio"]) == (1, 9, 0.1)
    assert sum(n["histogram"]["counts"]) == 10 and len(n["histogram"]["edges"]) == 21
    assert c["top_values"] == [{"value": "A", "count": 7}, {"value": "B", "count": 3}]
    assert c["length"] == {"min": 1, "max": 1}
    assert profile["candidate_keys"] == [["n"]]


def test_exact_duplicate_rows_are_counted(tmp_path: Path) -> None:
    profile = profile_paths([_csv(tmp_path, "a,b\n1,x\n1,x\n2,y\n1,x\n")])
    assert profile["duplicate_rows"] == 2
    assert profile["duplicate_rows_exact"] is True
    assert "duplicate-rows" in {w["code"] for w in profile["warnings"]}


def test_time_series_cadence_gaps_and_order_per_machine(tmp_path: Path) -> None:
    # given two machines logging every 10 s; M1 has a 5-minute gap, M2 one row out of order
    lines = [f"2024-01-01 08:00:{s:02d},M1,{s}" for s in (0, 10, 20, 30)]
    lines += ["2024-01-01 08:05:30,M1,99"]
    lines += [f"2024-01-01 08:00:{s:02d},M2,{s}" for s in (0, 20, 10, 30, 40)]
    profile = profile_paths([_csv(tmp_path, "ts,machine_id,value\n" + "\n".join(lines) + "\n")])
    (series,) = profile["timeseries"]
    assert (series["time_column"], series["entity_column"], series["entities"]) == ("ts", "machine_id", 2)
    assert series["median_interval"] == 10.0
    assert series["gaps"]["count"] == 1
    assert series["gaps"]["largest"][0]["entity"] == "M1"
    assert series["gaps"]["largest"][0]["interval"] == 300.0
    assert series["out_of_order_rows"] == 1
    per_entity = {entry["entity"]: entry for entry in series["per_entity"]}
    assert per_entity["M2"]["out_of_order_rows"] == 1 and per_entity["M1"]["gaps"] == 1
    assert series["span_seconds"] == 330.0
    assert ["machine_id", "ts"] in profile["candidate_keys"]


def test_binary_label_found_by_name_with_its_balance(tmp_path: Path) -> None:
    rows = "\n".join(f"{i},{1 if i % 4 == 0 else 0}" for i in range(1, 101))
    profile = profile_paths([_csv(tmp_path, "shot,불량\n" + rows + "\n")])
    (label,) = profile["labels"]
    assert label["columns"] == ["불량"] and label["kind"] == "binary"
    assert [(c["value"], c["count"], c["ratio"]) for c in label["classes"]] == [(0, 75, 0.75), (1, 25, 0.25)]
    assert label["imbalance_ratio"] == 3.0


def test_constant_and_empty_columns_are_warned_about(tmp_path: Path) -> None:
    profile = profile_paths([_csv(tmp_path, "a,b,c\n1,7,\n2,7,\n3,7,\n")])
    codes = {(w["code"], w.get("column")) for w in profile["warnings"]}
    assert ("constant", "b") in codes and ("all-missing", "c") in codes


def test_profile_json_round_trips_and_is_versioned(tmp_path: Path) -> None:
    profile = profile_paths([_csv(tmp_path, "a\n1\n2\n")])
    path = write_json(profile, tmp_path / "out" / "p.json")
    assert load_profile(path) == json.loads(path.read_text(encoding="utf-8"))
    assert profile["schema_version"] == SCHEMA_VERSION
    for key in ("source", "rows", "columns", "timeseries", "labels", "images", "warnings"):
        assert key in profile
    assert set(_column(profile, "a")) >= {"name", "unit", "type", "missing", "distinct", "min", "max", "mean"}


def test_profile_of_another_major_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": "2.0"}), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_profile(path)
    assert raised.value.code == "profile-version"


def test_value_past_the_type_sample_of_a_large_file_is_re_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a file treated as large (types sniffed from its first rows) whose sensor logs ERR at the end
    monkeypatch.setattr("mfgdata.dataset.textgroup._SAMPLE_ALL_BYTES", 0)
    lines = [f"{i},{i % 7}" for i in range(100_000)] + ["ERR,5"]
    path = _csv(tmp_path, "sensor,other\n" + "\n".join(lines) + "\n")
    # when it is profiled
    profile = profile_paths([path])
    # then nothing is lost: the column becomes text and every row is counted
    assert profile["rows"] == 100_001
    assert (_column(profile, "sensor")["type"], _column(profile, "sensor")["count"]) == ("string", 100_001)
    assert _column(profile, "other")["type"] == "integer"
