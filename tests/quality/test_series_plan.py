"""A time-order check's window pass also answers time-gaps and the (machine, time) key when the file is in
time order per machine; whatever the file, the findings are those of each check run on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# Three machines, one reading a second each, interleaved in time order. m1 misses t=3..5 (a gap at row 14);
# m2 repeats t=2 (row 9) and m0 repeats t=4 twice (rows 13 and 15), all still in time order per machine.
IN_ORDER = """
SELECT * FROM (VALUES
  (1, 'm0', 0), (2, 'm1', 0), (3, 'm2', 0), (4, 'm0', 1), (5, 'm1', 1), (6, 'm2', 1), (7, 'm0', 2),
  (8, 'm2', 2), (9, 'm2', 2), (10, 'm0', 3), (11, 'm1', 2), (12, 'm0', 4), (13, 'm0', 4), (14, 'm1', 6),
  (15, 'm0', 4), (16, 'm2', 3), (17, 'm0', 5), (18, 'm1', 7)
) t(id, machine, second)
"""
CASES = {
    "in-order": IN_ORDER,
    # m1's t=6 and t=7 swapped: time goes back at row 18, so gaps and keys need their own ordering
    "out-of-order": IN_ORDER.replace("(14, 'm1', 6)", "(14, 'm1', 7)").replace("(18, 'm1', 7)", "(18, 'm1', 6)"),
    # m0's time missing at row 10, and row 12 back at t=1 (a repeat of row 4) unseen in file order after it
    "missing-time": IN_ORDER.replace("(10, 'm0', 3)", "(10, 'm0', NULL)").replace("(12, 'm0', 4)", "(12, 'm0', 1)"),
}


def _table(kit: Any, folder: Path, values: str) -> Path:
    folder.mkdir()
    select = f"SELECT id, machine, TIMESTAMP '2024-01-01 08:00:00' + to_seconds(second) AS ts FROM ({values}) v"
    return kit.write_table(folder, f"{select} ORDER BY id")


def _suite(kit: Any) -> list[dict[str, Any]]:
    return [
        kit.custom("time-order", column="ts", entity="machine") | {"id": "order"},
        kit.custom("time-gaps", column="ts", entity="machine", cadence="1s") | {"id": "gaps"},
        kit.custom("unique", columns=["ts", "machine"]) | {"id": "same-time"},
    ]


def _findings(result: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(result[key] for key in ("passed", "checked_count", "failing_count", "metric", "examples"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_pass_finds_what_each_check_finds_alone(kit: Any, tmp_path: Path, case: str) -> None:
    data = _table(kit, tmp_path / "data", CASES[case])
    together = kit.run_checks(tmp_path, data, _suite(kit))
    for item in _suite(kit):
        alone = kit.run_checks(tmp_path, data, [item])[item["id"]]
        assert _findings(together[item["id"]]) == _findings(alone), (case, item["id"])


def test_in_order_series_reports_gaps_and_repeated_times(kit: Any, tmp_path: Path) -> None:
    data = _table(kit, tmp_path / "data", IN_ORDER)
    results = kit.run_checks(tmp_path, data, _suite(kit))
    assert results["order"]["passed"]
    gaps = results["gaps"]
    assert (gaps["failing_count"], [e["row"] for e in gaps["examples"]]) == (1, [14])
    assert gaps["examples"][0]["values"]["previous_value"] == "2024-01-01 08:00:02"
    assert gaps["metric"]["max_gap"] == 4.0
    repeats = results["same-time"]
    assert (repeats["failing_count"], repeats["metric"]["groups"]) == (3, 2)
    assert [e["row"] for e in repeats["examples"]] == [9, 13, 15]
    assert repeats["examples"][0]["values"] == {"ts": "2024-01-01 08:00:02", "machine": "m2"}
