"""Time one 15-check suite on the synthetic sensor table: `mfgdata verify`, the same checks hand-written
as DuckDB SQL (one statement per check, the floor), and one plain DuckDB scan of every column.

Each tool runs as its own process under GNU time (wall seconds, peak RSS), in turn, `--repeat` rounds;
the verdict of every check must agree between mfgdata and the hand-written SQL. Results go into
docs/benchmarks.md between the `quality_bench` markers.

    .venv/bin/python bench/quality_bench.py --rows 1000000 10000000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sensor_table import ensure_data

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
OUT = ROOT / "bench" / "out"
TIME_BIN = "/usr/bin/time"
RECIPES = ["PA6-GF30", "PC-ABS", "PP-T20", "POM"]


def _check(check_type: str, **settings: object) -> dict[str, object]:
    mostly = settings.pop("mostly", None)
    body = {"type": check_type, **settings, **({"mostly": mostly} if mostly is not None else {})}
    return {"type": "custom", "engine": "mfgdata", "severity": "block", "implementation": body}


SUITE = [
    _check("row-count", min=1),
    _check("not-null", column="ts"),
    _check("not-null", column="machine_id"),
    _check("not-null", column="temperature_c", mostly=0.99),
    _check("allowed-values", column="recipe", values=RECIPES),
    _check("regex", column="lot_id", pattern="LOT-[0-9]{6}"),
    _check("range", column="temperature_c", min=-20, max=150),
    _check("range", column="pressure_bar", min=0, max=20),
    _check("physical-range", column="humidity_pct", quantity="relative-humidity"),
    _check("range", column="spindle_rpm", min=0, max=5000),
    _check("unique", columns=["machine_id", "ts"]),
    _check("time-order", column="ts", entity="machine_id"),
    _check("time-gaps", column="ts", entity="machine_id", cadence="1s"),
    _check("sql-rule", rule="power_kw >= 0 AND current_a >= 0"),
    _check("label-classes", column="defect", classes=[0, 1]),
]

HAND_WRITTEN = """
import duckdb, json, sys
con = duckdb.connect(); con.execute("SET memory_limit = '1GB'"); con.execute("SET enable_progress_bar = false")
t = "read_parquet('{path}')"
q = lambda sql: con.execute(sql).fetchone()
lag = "LAG(ts) OVER (PARTITION BY machine_id ORDER BY {{order}}) AS p"
rows = q(f"SELECT count(*) FROM {{t}}")[0]
v = [rows >= 1,
     q(f"SELECT count(*) FILTER (WHERE ts IS NULL) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE machine_id IS NULL) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE temperature_c IS NULL OR isnan(temperature_c)) FROM {{t}}")[0] <= 0.01 * rows,
     q(f"SELECT count(*) FILTER (WHERE recipe NOT IN ('PA6-GF30','PC-ABS','PP-T20','POM')) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE NOT regexp_full_match(lot_id, 'LOT-[0-9]{{{{6}}}}')) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE temperature_c < -20 OR temperature_c > 150) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE pressure_bar < 0 OR pressure_bar > 20) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE humidity_pct < 0 OR humidity_pct > 100) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE spindle_rpm < 0 OR spindle_rpm > 5000) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FROM (SELECT machine_id, ts FROM {{t}} GROUP BY ALL HAVING count(*) > 1)")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE ts < p) FROM (SELECT ts, {{lag.format(order='file_row_number')}} "
       f"FROM read_parquet('{path}', file_row_number = true))")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE epoch(ts) - epoch(p) > 1.5) FROM (SELECT ts, {{lag.format(order='ts')}} "
       f"FROM {{t}})")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE NOT (power_kw >= 0 AND current_a >= 0)) FROM {{t}}")[0] == 0,
     q(f"SELECT count(*) FILTER (WHERE defect IS NULL OR CAST(defect AS VARCHAR) NOT IN ('0', '1')) "
       f"FROM {{t}}")[0] == 0]
print(json.dumps(v))
"""

PLAIN_SCAN = """
import duckdb
con = duckdb.connect(); con.execute("SET memory_limit = '1GB'"); con.execute("SET enable_progress_bar = false")
names = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
print(con.execute("SELECT " + ", ".join(f'count("{{n}}")' for n in names) + " FROM read_parquet('{path}')").fetchone())
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one process."""
    done = subprocess.run([TIME_BIN, "-f", "TIMED %e %M", *command], capture_output=True, text=True, check=True)
    match = re.search(r"TIMED ([0-9.]+) ([0-9]+)", done.stderr)
    assert match, done.stderr
    return float(match.group(1)), int(match.group(2)) / 1024, done.stdout


def commands(parquet: Path, contract: Path, out: Path) -> dict[str, list[str]]:
    python = sys.executable
    mfgdata = [python, "-m", "mfgdata", "verify", str(parquet), "--contract", str(contract), "-o", str(out),
               "--no-report", "--no-certificate"]  # fmt: skip
    return {
        "mfgdata verify (15 checks)": mfgdata,
        "hand-written DuckDB SQL (15 statements, floor)": [python, "-c", HAND_WRITTEN.format(path=parquet)],
        "one plain DuckDB scan of every column": [python, "-c", PLAIN_SCAN.format(path=parquet)],
    }


def verdicts_agree(results: Path, hand_stdout: str) -> bool:
    mine = [r["passed"] for r in json.loads(results.read_text(encoding="utf-8"))["results"]]
    return mine == json.loads(hand_stdout.strip().splitlines()[-1])


def run(rows: int, repeat: int, work: Path) -> tuple[list[tuple[str, int, float, float, float]], bool]:
    parquet = ensure_data(OUT, rows, with_csv=False)["parquet"]
    contract = work / "contract.yaml"
    contract.write_text(yaml.safe_dump({"schema": [{"name": parquet.stem, "quality": SUITE}]}), encoding="utf-8")
    cases = commands(parquet, contract, work / "q")
    walls: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, float] = dict.fromkeys(cases, 0.0)
    agree = True
    for _ in range(repeat):
        outputs = {}
        for name, command in cases.items():
            wall, peak, outputs[name] = timed(command) if "verify" not in name else _verify(command)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], peak)
        agree = agree and verdicts_agree(work / "q" / "results.json", outputs[next(n for n in cases if "hand" in n)])
    table = [(name, rows, statistics.median(w), min(w), peaks[name]) for name, w in walls.items()]
    return table, agree


def _verify(command: list[str]) -> tuple[float, float, str]:
    done = subprocess.run([TIME_BIN, "-f", "TIMED %e %M", *command], capture_output=True, text=True)
    match = re.search(r"TIMED ([0-9.]+) ([0-9]+)", done.stderr)
    assert match and done.returncode in (0, 1), done.stderr
    return float(match.group(1)), int(match.group(2)) / 1024, done.stdout


def render(rows_table: list[tuple[str, int, float, float, float]], agree: bool, command: str) -> str:
    title = "## `mfgdata verify` against hand-written DuckDB SQL and a plain scan"
    header = ["| command | rows | wall s (median) | wall s (min) | peak RSS MiB |",
              "| --- | ---: | ---: | ---: | ---: |"]
    lines = ["<!-- quality_bench:start -->", title, "", "```", command, "```", "", *header]
    lines += [f"| {n} | {r:,} | {m:.2f} | {low:.2f} | {p:,.0f} |" for n, r, m, low, p in rows_table]
    lines += ["", "| ratio | value |", "| --- | ---: |"]
    for rows in sorted({r for _, r, *_ in rows_table}):
        by = {n: m for n, r, m, *_ in rows_table if r == rows}
        mine = next(v for n, v in by.items() if "verify" in n)
        hand = next(v for n, v in by.items() if "hand" in n)
        scan = next(v for n, v in by.items() if "plain" in n)
        lines += [f"| {rows:,} rows: mfgdata / hand-written SQL | {mine / hand:.2f}× |",
                  f"| {rows:,} rows: mfgdata / plain scan | {mine / scan:.2f}× |"]  # fmt: skip
    lines += ["", f"Verdicts of mfgdata and the hand-written SQL agree on every check: **{'yes' if agree else 'NO'}**.",
              "Each figure is one process (interpreter start-up and imports included), measured by GNU time on a "
              "shared, noisy 2-core machine: compare the ratios. mfgdata also hashes the file (sha256), writes "
              "results.json and fetches example rows.", "<!-- quality_bench:end -->"]  # fmt: skip
    return "\n".join(lines) + "\n"


def update_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(r"<!-- quality_bench:start -->.*?<!-- quality_bench:end -->\n", re.S)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    command = f".venv/bin/python bench/quality_bench.py --rows {' '.join(map(str, args.rows))} --repeat {args.repeat}"
    table: list[tuple[str, int, float, float, float]] = []
    agree = True
    with tempfile.TemporaryDirectory(prefix="mfgdata-quality-bench-") as work:
        for rows in args.rows:
            found, same = run(rows, args.repeat, Path(work))
            table += found
            agree = agree and same
    section = render(table, agree, command)
    update_doc(section)
    print(section)
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
