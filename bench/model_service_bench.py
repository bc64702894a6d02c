"""The published baselines of the open reference products: artefact sizes, a second run's bytes, and whether the
loaded model answers the test rows exactly as the validity check scored them (with load and predict times).

Each product is made by `init` + `build` in a temporary folder, then `validate-ai` (default settings) runs twice.
One process, one measurement each: the times are indicative, not a benchmark. The table goes to stdout;
docs/ai-validity.md keeps the figures.

    .venv/bin/python bench/model_service_bench.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from mfgdata.ai_validity import validate_ai
from mfgdata.ai_validity.serving import LoadedModel, Prediction, load_model, predict_images, predict_rows
from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MFGDATA_SHARED_DATA") or ROOT.parent / "shared" / "data")
PRODUCTS = {
    "ai4i-2020": "data/open/ai4i-2020",
    "nasa-cmapss-fd001": "data/open/nasa-cmapss-fd001/train_FD001.txt",
    "uci-steel-plates-faults": "data/open/uci-steel-plates-faults",
    "casting-product-images": SHARED / "casting-product-images",  # local only (non-commercial licence)
}


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _predict(model: LoadedModel, project: Path, rows: list[dict]) -> Prediction:
    """Table rows as a request sends them; image products send the image files' bytes."""
    if model.card["kind"] != "images":
        return predict_rows(model, rows)
    return predict_images(model, [(project / "build" / row["output_path"]).read_bytes() for row in rows])


def measure(name: str, raw: Path, work: Path) -> str:
    """One table row: files, test rows, max |served − validation|, same bytes, load and 1,000-row times."""
    project = work / name
    init_project([raw], project)
    build_recipe(project)
    result = validate_ai(project)
    if result.model_path is None or result.test_predictions is None:
        return f"| {name} | no model published ({result.report['verdict']['status']}) |"
    first = _files(result.model_path)
    same = _files(validate_ai(project).model_path or project) == first
    table = pq.read_table(next((project / "build" / "data").glob("*.parquet")))
    rows = [row for row in table.to_pylist() if row["split"] == "test"]
    started = time.perf_counter()
    model = load_model(result.model_path)
    loaded = time.perf_counter() - started
    difference = float(np.max(np.abs(_predict(model, project, rows).scores - result.test_predictions)))
    started = time.perf_counter()
    _predict(model, project, rows[:1000])
    predicted = time.perf_counter() - started
    sizes = ", ".join(f"{file} {len(data) / 1000:.0f} KB" for file, data in first.items())
    return (
        f"| {name} | {sizes} | {len(rows):,} | {difference} | {'same bytes' if same else 'DIFFERENT'} "
        f"| {loaded:.3f} s | {predicted:.2f} s |"
    )


def main() -> None:
    print("| product | model files | test rows | max abs(served − validation) | second run | load | 1,000 rows |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for name, raw in PRODUCTS.items():
            if (ROOT / raw).exists():
                print(measure(name, ROOT / raw, Path(work)), flush=True)


if __name__ == "__main__":
    main()
