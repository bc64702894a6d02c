"""Benchmark `mfgdata build` against the same recipe written by hand as one DuckDB SQL statement (the floor).

The recipe has 8 steps on the synthetic 10M-row sensor table (rename, filter, limits, convert-unit, derive,
drop-duplicates, sort, split by machine). Both sides write Parquet and a UTF-8-with-BOM CSV of the result.
Every command runs in its own child process (wall time and peak RSS), the two interleaved round by round,
and the ratio is taken within the same run. When a target is missed, the build's phases are timed in one
process to show where the time goes. Results go to stdout and to `docs/benchmarks.md`.

    .venv/bin/python bench/build_bench.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import profile_bench
from build_phases import phases_section
from profile_bench import TIME_BIN, Sample, _command, _fmt, _verdict, figures_table, machine_info, measure
from sensor_table import ensure_data

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- build_bench:start -->", "<!-- build_bench:end -->"
FLOOR_RATIO, RSS_LIMIT_MIB = 1.5, 2048.0
SPLITS = ("train", "valid", "test")

RECIPE = """version: 1
inputs: [{input}]
steps:
  - {{type: rename, columns: {{temperature_c: temperature}}}}
  - {{type: filter, where: "pressure_bar > 0 AND temperature IS NOT NULL"}}
  - {{type: limits, column: vibration_mm_s, min: 0, max: 3.5}}
  - {{type: convert-unit, column: temperature, from: degC, to: K}}
  - {{type: derive, column: kw_per_a, expression: "power_kw / nullif(current_a, 0)"}}
  - {{type: drop-duplicates, keys: [machine_id, ts]}}
  - {{type: sort, by: [machine_id, ts]}}
  - {{type: split, by: group, column: machine_id}}
"""

# The same 8 steps, by hand: one SELECT. Dedup keeps the first row in file order, like mfgdata's default;
# naive timestamps are read as Asia/Seoul (as mfgdata reads them); the split ranks machines by
# md5('42/value:' || machine_id) exactly as mfgdata's `split` (seed 42) does.
FLOOR_SQL = """
WITH kept AS (
    SELECT * FROM read_parquet({input}, file_row_number = true)
    WHERE pressure_bar > 0 AND temperature_c IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY machine_id, ts ORDER BY file_row_number) = 1
), groups AS (
    SELECT machine_id,
           (dense_rank() OVER (ORDER BY md5('42/value:' || machine_id), machine_id) - 1)
               / CAST(count(*) OVER () AS DOUBLE) AS position
    FROM (SELECT DISTINCT machine_id FROM kept)
)
SELECT timezone('Asia/Seoul', ts) AS ts, machine_id, lot_id,
       CAST(temperature_c AS DOUBLE) + 273.15 AS temperature, pressure_bar, vibration_mm_s,
       CASE WHEN vibration_mm_s IS NULL THEN NULL ELSE vibration_mm_s < 0 OR vibration_mm_s > 3.5 END
           AS vibration_mm_s_out_of_limits,
       k.* EXCLUDE (ts, machine_id, lot_id, temperature_c, pressure_bar, vibration_mm_s, file_row_number),
       power_kw / nullif(current_a, 0) AS kw_per_a,
       CASE WHEN position < 0.7 THEN 'train' WHEN position < 0.85 THEN 'valid' ELSE 'test' END AS split
FROM kept AS k JOIN groups USING (machine_id)
ORDER BY machine_id, ts, file_row_number
"""

FLOOR_CODE = """
import os, shutil, sys, duckdb
query, parquet, csv = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f"CREATE TEMP TABLE result AS {query}")
con.execute(f"COPY result TO '{parquet}' (FORMAT parquet)")
con.execute(f"COPY result TO '{csv}.plain' (FORMAT csv, HEADER true)")
with open(csv, "wb") as target, open(csv + ".plain", "rb") as source:
    target.write(b"\\xef\\xbb\\xbf")
    shutil.copyfileobj(source, target, 1 << 20)
os.remove(csv + ".plain")
"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class Case(profile_bench.Case):
    """One measured command and the two files it writes."""

    parquet: Path = Path()
    csv: Path = Path()


def make_cases(source: Path, out_dir: Path, rows: int) -> list[Case]:
    """The project folder with its recipe, the floor's output folder, and the two commands."""
    project = out_dir / f"build_bench_{rows}"
    project.mkdir(parents=True, exist_ok=True)
    (project / "recipe.yaml").write_text(RECIPE.format(input=source.resolve()), encoding="utf-8")
    floor_dir = out_dir / f"build_floor_{rows}"
    floor_dir.mkdir(parents=True, exist_ok=True)
    floor_pq, floor_csv = floor_dir / "floor.parquet", floor_dir / "floor.csv"
    sql = FLOOR_SQL.format(input=_literal(str(source.resolve())))
    floor_argv = [sys.executable, "-c", FLOOR_CODE, sql, str(floor_pq), str(floor_csv)]
    script = Path(sys.executable).parent / "mfgdata"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "mfgdata"]
    data = project / "build" / "data"
    floor = Case("floor", "DuckDB, one hand-written SQL statement (floor)", source.name, rows, floor_argv)
    floor.parquet, floor.csv = floor_pq, floor_csv
    build = Case("mfgdata", "mfgdata build (8-step recipe)", source.name, rows, [*launcher, "build", str(project)])
    build.parquet, build.csv = data / f"{project.name}.parquet", data / f"{project.name}.csv"
    return [floor, build]


def csv_rows(path: Path) -> int:
    """Data lines of a CSV with a header (no quoted newlines in this table)."""
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 24), b""):
            lines += block.count(b"\n")
    return lines - 1


def output_counts(case: Case) -> tuple[int, dict[str, int], int]:
    """(Parquet rows, Parquet rows per split, CSV rows) of what a case wrote."""
    con = duckdb.connect()
    split_rows = dict(
        con.sql(f"SELECT split, count(*) FROM read_parquet({_literal(str(case.parquet))}) GROUP BY 1").fetchall()
    )
    return sum(split_rows.values()), split_rows, csv_rows(case.csv)


def check_sample(case: Case, sample: Sample, expected: tuple[int, dict[str, int], int] | None) -> tuple:
    """The case's output counts; a sample whose counts differ from the other tool's is marked failed."""
    if not sample.ok:
        return expected
    counts = output_counts(case)
    if counts[0] != counts[2]:
        sample.ok, sample.error = False, f"Parquet has {counts[0]} rows, CSV {counts[2]}"
    elif expected is not None and counts != expected:
        sample.ok, sample.error = False, f"counts {counts} differ from the other tool's {expected}"
    return counts if expected is None else expected


def run_cases(cases: list[Case], repeat: int) -> tuple[int, dict[str, int], int] | None:
    """Every case `repeat` times, interleaved within each round; the row counts both agreed on."""
    expected = None
    for round_number in range(repeat):
        for case in cases:
            sample = measure(case.argv)
            expected = check_sample(case, sample, expected)
            case.samples.append(sample)
            status = "ok" if sample.ok else f"FAILED: {sample.error}"
            print(f"[{round_number + 1}] {case.key:<8} {sample.wall:8.2f} s {sample.rss_mib:8.0f} MiB  {status}")
    return expected


def same_content(cases: list[Case]) -> int | None:
    """Rows in one Parquet output and not the other (both ways, duplicates counted); None if not comparable."""
    a, b = (_literal(str(case.parquet)) for case in cases)
    con = duckdb.connect()
    try:
        query = (
            f"SELECT (SELECT count(*) FROM (FROM read_parquet({a}) EXCEPT ALL FROM read_parquet({b}))) + "
            f"(SELECT count(*) FROM (FROM read_parquet({b}) EXCEPT ALL FROM read_parquet({a})))"
        )
        return int(con.execute(query).fetchall()[0][0])
    except duckdb.Error as error:
        print(f"content comparison failed: {error}")
        return None


def ratio_rows(cases: dict[str, Case]) -> list[tuple[str, str, str, str]]:
    """(ratio, value, target, verdict) for the issue's two targets, from this run's medians."""
    ratio = cases["mfgdata"].wall / cases["floor"].wall
    rss = cases["mfgdata"].rss_mib
    ratio_met = None if ratio != ratio else ratio <= FLOOR_RATIO
    rss_met = None if rss != rss else rss < RSS_LIMIT_MIB
    floor_rss = f"{_fmt(cases['floor'].rss_mib, 0)} MiB"
    return [
        ("mfgdata / floor (wall)", f"{_fmt(ratio)}×", f"≤ {FLOOR_RATIO:g}×", _verdict(ratio_met)),
        ("mfgdata peak RSS", f"{_fmt(rss, 0)} MiB", "< 2 GiB (2,048 MiB)", _verdict(rss_met)),
        ("floor peak RSS (context)", floor_rss, "—", "—"),
    ]


def notes(args: argparse.Namespace, counts: tuple | None, differing: int | None) -> list[str]:
    rows = (
        "—"
        if counts is None
        else f"{counts[0]:,} rows (" + ", ".join(f"{name} {counts[1].get(name, 0):,}" for name in SPLITS) + ")"
    )
    same = {None: "not compared", 0: "identical as multisets of rows"}.get(differing, f"{differing:,} rows differ")
    return [
        "How to read this:",
        "",
        "- Each figure is one child process from start to exit (interpreter start-up, imports, reading the "
        "Parquet input, all steps, writing Parquet and CSV). Peak RSS is that process's maximum resident set size "
        f"({'GNU time' if Path(TIME_BIN).exists() else 'getrusage of a wrapper process'}).",
        f"- The two commands alternate within each of {args.repeat} rounds; wall time is the median. The input is "
        "in the page cache for both. The machine is shared and noisy: compare the ratio, not the absolute seconds.",
        "- The recipe (written to `bench/out/build_bench_<rows>/recipe.yaml`): rename `temperature_c`→"
        "`temperature`; filter `pressure_bar > 0 AND temperature IS NOT NULL`; limits flag on `vibration_mm_s` "
        "[0, 3.5]; convert-unit `temperature` degC→K; derive `kw_per_a`; drop-duplicates by (`machine_id`, `ts`), "
        "keep first; sort by `machine_id`, `ts`; split by group `machine_id` (70/15/15, seed 42).",
        "- The floor is the same 8 steps as ONE `SELECT` (`FLOOR_SQL` in the script) materialised as a temp "
        "table with DuckDB's defaults (all threads), then `COPY … (FORMAT parquet)` and `COPY … (FORMAT csv, "
        "HEADER true)`; DuckDB cannot write a BOM, so the floor prepends it in Python (one extra copy of the "
        "CSV). mfgdata writes its CSV once, the first column named with a BOM in front (see docs/prep.md).",
        "- What mfgdata does and the floor does not: row counts, changed/nulled value counts and extra counts for "
        "every step (steps are fused into as few tables as their results allow and counted from their views, see "
        "docs/prep.md); the build contract (`build/contract.yaml`, with a recount "
        "of missing and unique values); sha256 of inputs and outputs; `lineage.json`; an atomic swap of "
        "`build/data/` (byte-identical builds, see docs/prep.md).",
        f"- mfgdata ran with `MFGDATA_MEMORY_LIMIT={args.memory_limit}` (`--memory-limit`); its default is 1GB."
        if args.memory_limit
        else "- mfgdata ran with its default DuckDB memory limit (1GB, `MFGDATA_MEMORY_LIMIT`).",
        f"- Outputs agreed in every run: {rows}, same in Parquet and CSV on both sides. "
        f"Content of the two Parquet files (last run): {same}.",
        "",
    ]


def render_section(cases: list[Case], rows: int, command: str, extra: list[str], phases: str) -> str:
    """The benchmark's section of docs/benchmarks.md (replaced as a whole on every run)."""
    info = {k: v for k, v in machine_info(None).items() if k != "Peer"}
    ratios = ratio_rows({case.key: case for case in cases})
    missed = [name for name, _, _, verdict in ratios if verdict == "**MISSED**"]
    summary = "All targets met." if not missed else "Targets missed: " + "; ".join(missed) + "."
    when = dt.datetime.now().astimezone().isoformat(timespec="minutes")
    table = ["| ratio (this run) | value | target | verdict |", "| --- | ---: | --- | --- |"]
    table += [f"| {name} | {value} | {target} | {verdict} |" for name, value, target, verdict in ratios]
    failures = [f"- `{c.key}` failed: {s.error}" for c in cases for s in c.samples if not s.ok]
    head = f"{START}\n## `mfgdata build` against one hand-written DuckDB SQL statement\n\nFinished {when} with:"
    machine = "\n".join(f"- **{name}**: {value}" for name, value in info.items())
    parts = [head, f"```\n{command}\n```", machine, figures_table(cases), "\n".join(table), f"**{summary}**"]
    return "\n\n".join(parts) + "\n\n" + "\n".join([*extra, *failures, *([phases] if phases else []), END])


def update_doc(section: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the document (appending it the first time)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the sensor table (default 10M)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out", help="data and outputs (git-ignored)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (median reported)")
    parser.add_argument("--memory-limit", help="MFGDATA_MEMORY_LIMIT for the build (default: mfgdata's own, 1GB)")
    parser.add_argument("--phases", action="store_true", help="time the build's phases even if targets are met")
    parser.add_argument("--no-doc", action="store_true", help=f"print only; do not update {DOC.relative_to(ROOT)}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, check the outputs agree, print the tables and update docs/benchmarks.md."""
    args = parse_args(argv)
    if args.memory_limit:
        os.environ["MFGDATA_MEMORY_LIMIT"] = args.memory_limit  # the build child inherits it
    source = ensure_data(args.out_dir, args.rows, with_csv=False)["parquet"]
    cases = make_cases(source, args.out_dir, args.rows)
    counts = run_cases(cases, args.repeat)
    missed = any(v == "**MISSED**" for _, _, _, v in ratio_rows({c.key: c for c in cases}))
    phases = phases_section(Path(cases[1].argv[-1])) if missed or args.phases else ""
    differing = same_content(cases) if all(c.samples[-1].ok for c in cases) else None  # after: it uses memory
    section = render_section(cases, args.rows, _command(), notes(args, counts, differing), phases)
    print("\n" + section)
    if not args.no_doc:
        update_doc(section)
        print(f"\nUpdated {DOC}")
    return 0 if all(s.ok for c in cases for s in c.samples) and differing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
