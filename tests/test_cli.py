"""The `mfgdata profile` command as a person runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mfgdata", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def test_profile_writes_json_and_a_self_contained_html_report(open_data: Path, tmp_path: Path) -> None:
    result = _run("profile", open_data / "ai4i-2020", "--json", tmp_path / "p.json", "--html", tmp_path / "p.html")
    assert result.returncode == 0, result.stderr
    profile = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert profile["rows"] == 10_000
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Torque" in html and "행 수" in html
    assert "http://" not in html and "https://" not in html


def test_profile_json_to_standard_output(open_data: Path) -> None:
    result = _run("profile", open_data / "uci-steel-plates-faults", "--json", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == 1_941


def test_profile_without_outputs_prints_a_summary_table(open_data: Path) -> None:
    result = _run("profile", open_data / "ai4i-2020" / "ai4i2020.csv")
    assert result.returncode == 0, result.stderr
    assert "10,000" in result.stdout and "Torque" in result.stdout


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    result = _run("profile", "--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("mfgdata ")


def test_profile_of_one_image_file(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (64, 48), "gray").save(tmp_path / "part.png")
    result = _run("profile", tmp_path / "part.png", "--json", "-")
    assert result.returncode == 0, result.stderr
    images = json.loads(result.stdout)["images"]
    assert (images["count"], images["formats"], images["corrupt"]) == (1, {"PNG": 1}, [])
