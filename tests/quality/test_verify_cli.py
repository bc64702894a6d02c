"""`mfgdata verify`: exit 0 when the suite passes, 1 when a blocking check fails, 2 when it cannot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

RESULT_KEYS = {"id", "type", "column", "severity", "mostly", "passed", "checked_count", "failing_count",
               "failing_ratio", "characteristic", "metric", "examples", "message_ko", "message_en"}  # fmt: skip


def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mfgdata", "verify", *args], capture_output=True, text=True)


def test_exit_codes_and_results_schema(kit: Any, tmp_path: Path, readings: Path) -> None:
    passing = kit.write_contract(tmp_path, "readings", [kit.custom("not-null", column="id")])
    done = _verify(str(readings), "--contract", str(passing), "-o", str(tmp_path / "pass"))
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "pass" / "results.json").read_text(encoding="utf-8"))
    assert document["format"] == "mfgdata-quality-results/1"
    assert document["valid"] is True and document["engine"] == "duckdb"
    assert document["data"][0]["rows"] == 20 and len(document["data"][0]["sha256"]) == 64
    assert set(document["score"]["characteristics"]) == {
        "accuracy", "completeness", "consistency", "credibility", "currentness", "uniqueness", "validity"
    }  # fmt: skip
    assert set(document["results"][0]) >= RESULT_KEYS

    failing = kit.write_contract(tmp_path, "readings", [kit.custom("not-null", column="temp")])
    done = _verify(str(readings), "--contract", str(failing), "-o", str(tmp_path / "fail"))
    assert done.returncode == 1
    assert "실패" in done.stdout

    broken = kit.write_contract(tmp_path, "readings", [kit.custom("not-null", column="nope")])
    done = _verify(str(readings), "--contract", str(broken), "-o", str(tmp_path / "broken"))
    assert done.returncode == 2
    assert "missing-column" in done.stderr and "Traceback" not in done.stderr


def test_results_are_reproducible(kit: Any, tmp_path: Path, readings: Path) -> None:
    contract = kit.write_contract(tmp_path, "readings", [kit.custom("unique", columns=["lot"])])
    first = _verify(str(readings), "--contract", str(contract), "-o", str(tmp_path / "a"))
    second = _verify(str(readings), "--contract", str(contract), "-o", str(tmp_path / "b"))
    assert first.returncode == second.returncode == 1
    assert (tmp_path / "a" / "results.json").read_bytes() == (tmp_path / "b" / "results.json").read_bytes()


def test_missing_path_cannot_run(tmp_path: Path) -> None:
    done = _verify(str(tmp_path / "nothing.csv"))
    assert done.returncode == 2 and "path-not-found" in done.stderr


def test_a_narrow_terminal_still_shows_which_check_is_which(kit: Any, tmp_path: Path, readings: Path) -> None:
    # given a table with a long name and two checks whose ids differ only at the end
    long_name = tmp_path / "sensors_of_press_line_2_100000000.parquet"
    long_name.write_bytes(readings.read_bytes())
    checks = [kit.custom("not-null", column="id"), kit.custom("not-null", column="temp")]
    contract = kit.write_contract(tmp_path, long_name.stem, checks)
    # when verified in an 80-column terminal
    done = subprocess.run(
        [sys.executable, "-m", "mfgdata", "verify", str(long_name), "--contract", str(contract), "-o",
         str(tmp_path / "q"), "--no-report", "--no-certificate"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"},
    )  # fmt: skip
    # then the table's name is said once, in the title, and every check is named in full
    assert done.returncode == 1, done.stderr
    assert "sensors_of_press_line_2_100000000" in done.stdout.replace("\n", "")
    rows = [line for line in done.stdout.splitlines() if "not-null" in line]
    assert [("id.not-null" in row, "temp.not-null" in row) for row in rows] == [(True, False), (False, True)]
