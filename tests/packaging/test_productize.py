"""`productize`: every stage in order, lazily found stages, and stopping only on `block` failures.

Small stand-ins for the standards and quality stages are put in `sys.modules` to pin down how productize
uses what they write into build/ (the real ones run in test_productize_real.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from mfgdata.packaging.errors import PackageError
from mfgdata.packaging.productize import productize

AI4I = Path(__file__).resolve().parents[2] / "data" / "open" / "ai4i-2020"


def _quality_module(severity: str) -> types.ModuleType:
    module = types.ModuleType("mfgdata.quality.deliver")

    def verify_and_deliver(folder: Path, on_step: object = None) -> None:
        results = {
            "format": "mfgdata-quality-results/1",
            "valid": severity != "block",
            "stats": {
                "checks": 2,
                "passed": 1,
                "failed_block": int(severity == "block"),
                "failed_warn": int(severity == "warn"),
                "not_run": 0,
            },
            "score": {"conformance_rate": 0.5, "grade": "C"},
            "results": [
                {
                    "id": "torque-range",
                    "severity": severity,
                    "passed": False,
                    "message_ko": "토크가 범위 밖입니다",
                    "message_en": "torque out of range",
                },
                {"id": "udi-unique", "severity": "block", "passed": True, "message_ko": "", "message_en": ""},
            ],
        }
        target = folder / "build" / "quality"
        target.mkdir(parents=True, exist_ok=True)
        (target / "results.json").write_text(json.dumps(results), encoding="utf-8")

    module.verify_and_deliver = verify_and_deliver  # type: ignore[attr-defined]
    return module


def _standards_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    standardize = types.ModuleType("mfgdata.standards.standardize")
    export = types.ModuleType("mfgdata.standards.aas.export")

    def export_aas(folder: Path) -> None:
        target = folder / "build" / "metadata"
        target.mkdir(parents=True, exist_ok=True)
        (target / "equipment.aasx").write_bytes(b"PK\x05\x06" + b"\0" * 18)

    standardize.standardize_project = lambda folder, rebuild=True: None  # type: ignore[attr-defined]
    export.export_aas = export_aas  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mfgdata.standards.standardize", standardize)
    monkeypatch.setitem(sys.modules, "mfgdata.standards.aas.export", export)


def _absent(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("mfgdata.standards.standardize", "mfgdata.standards.aas.export", "mfgdata.quality.deliver"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails: as if not installed


def test_stages_run_in_order_and_absent_ones_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _absent(monkeypatch)
    seen: list[tuple[str, int, int]] = []
    result = productize([AI4I], tmp_path / "ai4i", licence="CC-BY-4.0", on_stage=lambda *a: seen.append(a))
    assert [s[0] for s in seen] == ["init", "build", "standardize", "verify", "price", "package"]
    assert {s.name: s.status for s in result.stages} == {
        "init": "done",
        "build": "done",
        "standardize": "skipped",
        "verify": "skipped",
        "price": "done",
        "package": "done",
    }
    assert result.package is not None and result.package.is_file()
    readme = (tmp_path / "ai4i" / "build" / "ai4i-0.1.0" / "README.md").read_text(encoding="utf-8")
    assert "no quality results" in readme and "no AAS" in readme


def test_warnings_are_reported_and_the_product_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mfgdata.quality.deliver", _quality_module("warn"))
    _standards_modules(monkeypatch)
    result = productize([AI4I], tmp_path / "ai4i", licence="CC-BY-4.0")
    assert {s.name: s.status for s in result.stages}["verify"] == "done"
    assert result.warnings == [{"id": "torque-range", "ko": "토크가 범위 밖입니다", "en": "torque out of range"}]
    unpacked = tmp_path / "ai4i" / "build" / "ai4i-0.1.0"
    assert (unpacked / "metadata" / "equipment.aasx").is_file() and (unpacked / "quality" / "results.json").is_file()


def test_a_failed_block_check_stops_before_price_and_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mfgdata.quality.deliver", _quality_module("block"))
    _standards_modules(monkeypatch)
    with pytest.raises(PackageError) as error:
        productize([AI4I], tmp_path / "ai4i", licence="CC-BY-4.0")
    assert error.value.code == "quality-blocked" and "torque-range" in error.value.one_line()
    assert not (tmp_path / "ai4i" / "build" / "price.json").exists()
    assert not list((tmp_path / "ai4i" / "build").glob("*.zip"))


def test_without_a_licence_nothing_is_done(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mfgdata", "productize", str(AI4I), "-o", str(tmp_path / "p")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "licence-missing" in run.stderr and "--licence" in run.stderr
    assert not (tmp_path / "p").exists()
