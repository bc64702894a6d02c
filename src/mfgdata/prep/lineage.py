"""lineage.json: what went in, what each step did, what came out — with hashes, and no clock time.

Two builds of the same inputs and recipe write the same lineage byte for byte (timings are only in the
returned result). Paths inside the project folder are written relative to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

import mfgdata
from mfgdata.dataset import Source
from mfgdata.prep.binding import BoundRecipe, describe_schema
from mfgdata.prep.outputs import OutputFile, sha256_of
from mfgdata.prep.run import Run, StepReport

FORMAT = "mfgdata-lineage/1"


def relative(path: Path | str, project_dir: Path) -> str:
    """`path` relative to the project folder when inside it (POSIX separators), else as given."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(project_dir).as_posix()
    except ValueError:
        return str(path)


def _step(report: StepReport, settings: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "index": report.index,
        "type": report.type,
        "why": report.why,
        "settings": settings,
        "rows_in": report.rows_in,
        "rows_out": report.rows_out,
        "columns_added": list(report.columns_added),
        "columns_removed": list(report.columns_removed),
    }
    if report.values_changed is not None:
        entry["values_changed"] = report.values_changed
        entry["values_nulled"] = report.values_nulled
    entry.update(report.counts)
    return entry


def _inputs(source: Source, bound: BoundRecipe, project_dir: Path) -> list[dict[str, Any]]:
    inputs = [
        {"path": relative(f.path, project_dir), "role": "data", "sha256": f.sha256, "bytes": f.bytes}
        for f in source.files
    ]
    inputs += [
        {"path": relative(e.path, project_dir), "role": "labels", "step": e.step, "sha256": e.sha256, "bytes": e.bytes}
        for e in bound.extra_inputs
    ]
    return inputs


def lineage_document(
    *, bound: BoundRecipe, run: Run, source: Source, outputs: list[OutputFile], project_dir: Path
) -> dict[str, Any]:
    """The lineage as plain data, ready for JSON."""
    recipe = bound.recipe
    settings = {s.index: s.settings for s in recipe.steps}
    return {
        "format": FORMAT,
        "tool": {"name": "mfgdata", "version": mfgdata.__version__},
        "engine": {"name": "duckdb", "version": duckdb.__version__},
        "recipe": {"path": relative(recipe.path, project_dir), "sha256": sha256_of(recipe.path)},
        "inputs": _inputs(source, bound, project_dir),
        "rows_read": run.rows_read,
        "steps": [_step(report, settings[report.index]) for report in run.steps],
        "schema": describe_schema(bound.output_schema),
        "outputs": [
            {"path": o.path, "format": o.format, "sha256": o.sha256, "bytes": o.bytes, "rows": o.rows} for o in outputs
        ],
    }


def write_lineage(path: Path, document: dict[str, Any]) -> None:
    """Write the lineage as indented UTF-8 JSON (Hangul kept readable)."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    path.write_text(text + "\n", encoding="utf-8")
