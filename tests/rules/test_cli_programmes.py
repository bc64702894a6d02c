"""`mfgdata programmes list|show|check|subsidy` as a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mfgdata", "programmes", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_list_shows_both_programmes() -> None:
    result = _run("list")
    assert result.returncode == 0, result.stderr
    assert "productization-2026" in result.stdout and "purchase-2023" in result.stdout
    assert "예산 소진시까지" in result.stdout
    assert "round 2 2023-09-01" in _run("list", "--lang", "en").stdout


def test_show_in_korean_english_and_json() -> None:
    korean = _run("show", "productization-2026")
    assert korean.returncode == 0, korean.stderr
    assert "사업 수행 공정 및 수행 방안 (30)" in korean.stdout and "- 9. 컨소시엄 협약서 1부 (해당시)" in korean.stdout
    assert "understanding and need (20)" in _run("show", "productization-2026", "--lang", "en").stdout
    definition = json.loads(_run("show", "purchase-2023", "--json").stdout)
    assert definition["budget"]["total_krw"] == 500_000_000


def test_unknown_programme_is_one_line_without_traceback() -> None:
    result = _run("show", "productization-1999")
    assert result.returncode == 2 and "rules-unknown-programme" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_refuses_a_bad_file_naming_the_key(tmp_path: Path, shipped: Path) -> None:
    text = (shipped / "purchase-2023.yaml").read_text(encoding="utf-8").replace("points: 40", "points: 45", 1)
    path = tmp_path / "purchase-2023.yaml"
    path.write_text(text, encoding="utf-8")
    result = _run("check", path)
    assert result.returncode == 2 and "evaluation.sections[0].points" in result.stderr
    assert "Traceback" not in result.stderr
    assert _run("check", shipped / "purchase-2023.yaml").returncode == 0


def test_subsidy_quote() -> None:
    result = _run("subsidy", "--price", "12500000", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "subsidy 10,000,000 KRW" in result.stdout and "buyer pays 2,500,000 KRW" in result.stdout
    assert "지원금 10,000,000원" in _run("subsidy", "--price", "10000000", "--buyer", "nonprofit").stdout
