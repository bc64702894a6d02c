"""Benchmark `mfgdata productize` on a raw CSV end to end against one DuckDB read of the CSV into Parquet.

The raw file is the synthetic sensor table (bench/sensor_table.py) as CSV. Each side runs in its own child
process (wall time and peak RSS from GNU time); productize reports each stage's seconds, shown as a share
of its wall time. standardize and verify are timed too when their packages are installed, else skipped.
Results go to stdout and to `docs/benchmarks.md`.

    .venv/bin/python bench/productize_bench.py               # 10M rows, one round
    .venv/bin/python bench/productize_bench.py --rows 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from profile_bench import Sample, machine_info, measure
from sensor_table import ensure_data

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- productize_bench:start -->", "<!-- productize_bench:end -->"
TARGET_RATIO = 3.0

FLOOR_CODE = """
import sys, duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f"COPY (SELECT * FROM read_csv('{sys.argv[1]}')) TO '{sys.argv[2]}' (FORMAT parquet)")
"""

PRODUCTIZE_CODE = """
import json, sys
from pathlib import Path
from mfgdata.packaging.productize import productize
result = productize([Path(sys.argv[1])], Path(sys.argv[2]), licence="CC-BY-4.0", force=True)
Path(sys.argv[3]).write_text(json.dumps([[s.name, s.status, s.seconds] for s in result.stages]))
"""


@dataclass(frozen=True)
class BenchResult:
    """The two child processes, productize's stage seconds and the sizes involved."""

    rows: int
    csv: Path
    floor: Sample
    run: Sample
    stages: list[tuple[str, str, float]]
    zip_mib: float


def _run(rows: int, out: Path) -> BenchResult:
    csv = ensure_data(out, rows, with_csv=True)["csv"]
    project, stages_file = out / f"productize_{rows}", out / f"stages_{rows}.json"
    floor_out = out / f"floor_{rows}.parquet"
    shutil.rmtree(project, ignore_errors=True)
    os.environ.setdefault("MFGDATA_PSEUDONYM_KEY", "bench-only-key-0123456789abcdef")
    floor = measure([sys.executable, "-c", FLOOR_CODE, str(csv), str(floor_out)])
    run = measure([sys.executable, "-c", PRODUCTIZE_CODE, str(csv), str(project), str(stages_file)])
    if not (floor.ok and run.ok):
        raise SystemExit(f"failed: floor {floor.error!r}, productize {run.error!r}")
    stages = json.loads(stages_file.read_text(encoding="utf-8"))
    zip_path = next((project / "build").glob("*.zip"))
    return BenchResult(rows, csv, floor, run, [tuple(s) for s in stages], zip_path.stat().st_size / 2**20)


def _markdown(result: BenchResult, command: str) -> str:
    floor, run = result.floor, result.run
    ratio = run.wall / floor.wall
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    lines = [
        START,
        "## `mfgdata productize` against one DuckDB read of the CSV into Parquet",
        "",
        f"Finished {dt.datetime.now(dt.UTC).isoformat(timespec='minutes')} with:",
        "",
        "```",
        command,
        "```",
        "",
        *[f"- **{key}**: {value}" for key, value in machine_info(None).items()],
        "",
        f"Input: `{result.csv.name}`, {result.rows:,} rows, {result.csv.stat().st_size / 2**20:,.0f} MiB; "
        f"package zip {result.zip_mib:,.0f} MiB.",
        "",
        "| command | wall s | peak RSS MiB |",
        "| --- | ---: | ---: |",
        f"| DuckDB `COPY (SELECT * FROM read_csv(…)) TO … (FORMAT parquet)` (floor) | {floor.wall:.1f} "
        f"| {floor.rss_mib:,.0f} |",
        f"| mfgdata productize (all six stages) | {run.wall:.1f} | {run.rss_mib:,.0f} |",
        "",
        "| ratio | value | target | verdict |",
        "| --- | ---: | --- | --- |",
        f"| productize / floor (wall) | {ratio:.1f}× | ≤ {TARGET_RATIO:.0f}× | **{verdict}** |",
        "",
        "| stage | status | wall s | share of productize |",
        "| --- | --- | ---: | ---: |",
    ]
    for name, status, seconds in result.stages:
        lines.append(f"| {name} | {status} | {seconds:.1f} | {seconds / run.wall:.0%} |")
    lines += [
        "",
        "- One round on the shared 2-core machine: compare the ratio, not the seconds. The remainder of the wall "
        "time is interpreter start-up and imports.",
        "- The floor only converts the CSV; productize also profiles it (init), runs the drafted recipe with "
        "per-step accounting (build), prices it, and packages it: a public sample, three metadata formats, "
        "sha256 of every file and a deflated zip of the Parquet and the UTF-8-with-BOM CSV.",
        END,
    ]
    return "\n".join(lines)


def _write_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    result = _run(args.rows, args.out)
    command = ".venv/bin/python bench/productize_bench.py" + (f" --rows {args.rows}" if args.rows != 10_000_000 else "")
    section = _markdown(result, command)
    print(section)
    if not args.no_doc:
        _write_doc(section)


if __name__ == "__main__":
    main()
