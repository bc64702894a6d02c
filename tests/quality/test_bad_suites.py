"""A suite that cannot run is refused before any data is checked, with a message saying what to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mfgdata.quality import verify
from mfgdata.quality.errors import QualityError


def _refused(kit: Any, tmp_path: Path, readings: Path, quality: list[dict[str, Any]]) -> QualityError:
    contract = kit.write_contract(tmp_path, "readings", quality)
    with pytest.raises(QualityError) as caught:
        verify(readings, contract=contract, out_dir=tmp_path / "q")
    assert not (tmp_path / "q" / "results.json").exists()
    return caught.value


def test_missing_column_is_named_with_a_close_match(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("not-null", column="tmp")])
    assert error.code == "missing-column"
    assert "'temp'" in error.text.en and "'temp'" in error.text.ko


def test_unknown_check_type(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("rnage", column="temp", max=1)])
    assert error.code == "unknown-check" and "range" in error.text.en


def test_unknown_setting(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("range", column="temp", maximum=1)])
    assert error.code == "check-unknown-setting" and "max" in error.text.en


@pytest.mark.parametrize(
    "rule",
    [
        "temp > 0; DROP TABLE readings",
        "temp > (SELECT 1)",
        "COPY readings TO '/tmp/x.csv'",
        "ATTACH '/tmp/x.db'",
        "temp > 0 -- comment",
        "length(read_text('/etc/passwd')) > 0",
    ],
)
def test_writing_or_reading_sql_is_refused(kit: Any, tmp_path: Path, readings: Path, rule: str) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("sql-rule", rule=rule)])
    assert error.code == "unsafe-sql"


def test_non_boolean_sql_is_refused(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("sql-rule", rule="temp + 1")])
    assert error.code == "not-boolean"


def test_sql_naming_a_missing_column(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("sql-rule", rule="tempp < 3")])
    assert error.code == "bad-sql"


def test_quoted_keywords_inside_text_are_allowed(kit: Any, tmp_path: Path, readings: Path) -> None:
    quality = [kit.custom("sql-rule", rule="status <> 'DROP' AND replace(status, 'O', 'o') <> 'x'") | {"id": "r"}]
    results = kit.run_checks(tmp_path, readings, quality)
    assert results["r"]["passed"]


def test_range_on_text_column_is_refused(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("range", column="status", max=1)])
    assert error.code == "column-type"


def test_unknown_severity(kit: Any, tmp_path: Path, readings: Path) -> None:
    error = _refused(kit, tmp_path, readings, [kit.custom("not-null", severity="fatal", column="temp")])
    assert error.code == "bad-severity"
