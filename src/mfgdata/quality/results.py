"""The `mfgdata-quality-results/1` document (build/quality/results.json) — see docs/quality.md.

The document holds no clock time, so verifying the same data with the same suite on the same engine
gives the same bytes (and the certificate can bind its hash).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mfgdata import __version__
from mfgdata.hashing import sha256_of
from mfgdata.quality.model import CheckResult
from mfgdata.quality.score import score

FORMAT = "mfgdata-quality-results/1"


def stats(results: list[CheckResult]) -> dict[str, int]:
    """How many checks ran, passed and failed by severity."""
    run = [r for r in results if not r.not_run]
    return {
        "checks": len(results),
        "passed": sum(1 for r in run if r.passed),
        "failed_block": sum(1 for r in run if not r.passed and r.spec.severity == "block"),
        "failed_warn": sum(1 for r in run if not r.passed and r.spec.severity == "warn"),
        "not_run": len(results) - len(run),
    }


def results_document(
    results: list[CheckResult],
    *,
    engine: str,
    contract: tuple[str, str] | None,
    data: list[dict[str, Any]],
) -> dict[str, Any]:
    """The whole results document; `valid` is true when no blocking check failed."""
    counted = stats(results)
    return {
        "format": FORMAT,
        "tool": {"name": "mfgdata", "version": __version__},
        "engine": engine,
        "contract": {"path": contract[0], "sha256": contract[1]} if contract else None,
        "data": data,
        "valid": counted["failed_block"] == 0 and counted["not_run"] == 0,
        "stats": counted,
        "score": score(results),
        "results": [result.to_dict() for result in results],
    }


def write_results(document: dict[str, Any], out_dir: Path) -> Path:
    """Write results.json into `out_dir` (created); return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def contract_entry(path: Path | None, base: Path | None) -> tuple[str, str] | None:
    """(path as reported, sha256) of the contract used."""
    if path is None:
        return None
    shown = path.relative_to(base).as_posix() if base and path.is_relative_to(base) else path.name
    return shown, sha256_of(path)
