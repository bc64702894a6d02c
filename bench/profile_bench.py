"""Benchmark `mfgdata profile` against DuckDB's SUMMARIZE (the floor) and ydata-profiling (a peer).

One run generates a synthetic 20-column sensor table with DuckDB SQL, then times every command in its own
child process (wall time and peak RSS), interleaving the tools so the shared machine's noise hits them alike,
and reports ratios measured in that same run. The results go to stdout and to `docs/benchmarks.md`.

    .venv/bin/python bench/profile_bench.py --peer-python .venv-bench/bin/python    (what `make bench` runs)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from sensor_table import ensure_data

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- profile_bench:start -->", "<!-- profile_bench:end -->"
TIME_BIN = "/usr/bin/time"
FLOOR_RATIO, PEER_SPEEDUP, RSS_LIMIT_MIB = 2.0, 20.0, 1536.0

FLOOR_CODE = """
import sys, duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.sql(sys.argv[1]).fetchall()
"""
PEER_CODE = """
import sys, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from ydata_profiling import ProfileReport
frame = pd.read_parquet(sys.argv[1])
ProfileReport(frame, minimal=True, progress_bar=False).to_json()
"""
RSS_WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL).returncode
with open(sys.argv[1], "w") as report:
    report.write(f"Maximum resident set size (kbytes): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(code)
"""


@dataclass
class Sample:
    """One child process: wall seconds, peak RSS and whether it succeeded."""

    wall: float
    rss_mib: float
    ok: bool
    error: str = ""


def _peak_kib(report: Path) -> float:
    for line in report.read_text().splitlines():
        if "Maximum resident set size" in line:
            return float(line.rsplit(":", 1)[1])
    return float("nan")


def measure(argv: Sequence[str]) -> Sample:
    """Run `argv` in a fresh child; peak RSS from GNU time, else from a wrapper's RUSAGE_CHILDREN."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "rusage.txt"
        if Path(TIME_BIN).exists():
            command = [TIME_BIN, "-v", "-o", str(report), *argv]
        else:
            command = [sys.executable, "-c", RSS_WRAPPER, str(report), *argv]
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        wall = time.perf_counter() - started
        peak = _peak_kib(report) / 1024 if report.exists() else float("nan")
    error = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["exit code"])[-1][:300]
    return Sample(wall, peak, done.returncode == 0, error)


@dataclass
class Case:
    """One measured command and what it profiles."""

    key: str
    tool: str
    input: str
    rows: int
    argv: list[str]
    profile_json: Path | None = None
    mode: str = ""
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        good = [s.wall for s in self.samples if s.ok]
        return statistics.median(good) if good else float("nan")

    @property
    def rss_mib(self) -> float:
        good = [s.rss_mib for s in self.samples if s.ok]
        return max(good) if good else float("nan")


def _mfgdata_argv(path: Path, out: Path) -> list[str]:
    script = Path(sys.executable).parent / "mfgdata"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "mfgdata"]
    return [*launcher, "profile", str(path), "--json", str(out)]


def _floor_argv(path: Path, fmt: str) -> list[str]:
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    quoted = str(path).replace("'", "''")
    return [sys.executable, "-c", FLOOR_CODE, f"SUMMARIZE SELECT * FROM {reader}('{quoted}')"]


def build_cases(args: argparse.Namespace, big: dict[str, Path], small: Path, peer: Path | None) -> list[Case]:
    """The commands of this run: floor and mfgdata per format, then mfgdata and the peer on the slice."""
    out: Path = args.out_dir
    cases: list[Case] = []
    for fmt, path in big.items():
        cases.append(Case(f"floor-{fmt}", "DuckDB SUMMARIZE (floor)", path.name, args.rows, _floor_argv(path, fmt)))
        json_out = out / f"mfgdata_{fmt}_{args.rows}.profile.json"
        argv = _mfgdata_argv(path, json_out)
        cases.append(Case(f"mfgdata-{fmt}", "mfgdata profile", path.name, args.rows, argv, json_out))
    slice_json = out / f"mfgdata_parquet_{args.peer_rows}.profile.json"
    argv = _mfgdata_argv(small, slice_json)
    cases.append(Case("mfgdata-slice", "mfgdata profile", small.name, args.peer_rows, argv, slice_json))
    if peer is not None:
        argv = [str(peer), "-c", PEER_CODE, str(small)]
        cases.append(Case("peer-slice", "ydata-profiling minimal", small.name, args.peer_rows, argv))
    return cases


def _check_rows(case: Case, sample: Sample) -> None:
    """A profile that did not count every row is not a result."""
    if not sample.ok or case.profile_json is None:
        return
    profile = json.loads(case.profile_json.read_text(encoding="utf-8"))
    approximate = any(column.get("distinct_approx") for column in profile.get("columns", []))
    case.mode = " (approximate distinct and quantiles)" if approximate else " (exact)"
    counted = profile.get("rows")
    if counted != case.rows:
        sample.ok, sample.error = False, f"profile counted {counted} rows, expected {case.rows}"


def run_cases(cases: list[Case], repeat: int, big_repeat: int, big_rows: int) -> None:
    """Run every case `repeat` times (`big_repeat` for the big table), tools interleaved within a round."""
    for round_number in range(max(repeat, big_repeat)):
        for case in cases:
            wanted = big_repeat if case.rows == big_rows else repeat
            if round_number >= wanted:
                continue
            sample = measure(case.argv)
            _check_rows(case, sample)
            case.samples.append(sample)
            status = "ok" if sample.ok else f"FAILED: {sample.error}"
            print(f"[{round_number + 1}] {case.key:<16} {sample.wall:8.2f} s {sample.rss_mib:8.0f} MiB  {status}")


def _proc_field(path: str, key: str) -> str | None:
    """The value of `key:` in a /proc file, or None where there is no such file or line."""
    lines = Path(path).read_text(errors="replace").splitlines() if Path(path).exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def _peer_version(peer: Path | None) -> str:
    if peer is None:
        return "not run"
    code = "import importlib.metadata as m; print(m.version('ydata-profiling'), m.version('pandas'))"
    done = subprocess.run([str(peer), "-c", code], capture_output=True, text=True, check=False)
    versions = done.stdout.split()
    return f"ydata-profiling {versions[0]} (pandas {versions[1]})" if len(versions) == 2 else "unknown"


def machine_info(peer: Path | None) -> dict[str, str]:
    """What the figures depend on: cores, memory, CPU, OS and the versions of every tool."""
    from importlib.metadata import version

    return {
        "CPU": f"{_proc_field('/proc/cpuinfo', 'model name') or platform.processor()}, "
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))})",
        "Memory": f"{int((_proc_field('/proc/meminfo', 'MemTotal') or '0 kB').split()[0]) / 2**20:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "DuckDB": duckdb.__version__,
        "mfgdata": version("mfgdata"),
        "Peer": _peer_version(peer),
    }


def _fmt(value: float, digits: int = 2) -> str:
    return "—" if value != value else f"{value:,.{digits}f}"


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**MISSED**")


def ratio_rows(cases: dict[str, Case]) -> list[tuple[str, str, str, str]]:
    """(ratio, value, target, verdict) for each target of the issue, from this run's medians."""
    rows: list[tuple[str, str, str, str]] = []
    for fmt in ("parquet", "csv"):
        if f"mfgdata-{fmt}" in cases:
            value = cases[f"mfgdata-{fmt}"].wall / cases[f"floor-{fmt}"].wall
            met = None if value != value else value <= FLOOR_RATIO
            rows.append((f"mfgdata / floor, {fmt} (wall)", f"{_fmt(value)}×", f"≤ {FLOOR_RATIO:g}×", _verdict(met)))
    if "peer-slice" in cases:
        value = cases["peer-slice"].wall / cases["mfgdata-slice"].wall
        met = None if value != value else value >= PEER_SPEEDUP
        rows.append(
            ("ydata-profiling / mfgdata per row, same slice", f"{_fmt(value)}×", f"≥ {PEER_SPEEDUP:g}×", _verdict(met))
        )
        big = cases["mfgdata-parquet"]
        per_row = (cases["peer-slice"].wall / cases["peer-slice"].rows) / (big.wall / big.rows)
        rows.append(("ydata-profiling (slice) / mfgdata (full Parquet) per row", f"{_fmt(per_row)}×", "(context)", "—"))
    else:
        rows.append(("ydata-profiling / mfgdata per row", "—", f"≥ {PEER_SPEEDUP:g}×", _verdict(None)))
    rss = cases["mfgdata-parquet"].rss_mib
    met = None if rss != rss else rss < RSS_LIMIT_MIB
    rows.append(("mfgdata peak RSS, full Parquet", f"{_fmt(rss, 0)} MiB", "< 1.5 GiB (1,536 MiB)", _verdict(met)))
    return rows


def figures_table(cases: list[Case]) -> str:
    """The Markdown table of every measured command."""
    lines = [
        "| command | input | rows | runs | wall s (median) | wall s (min–max) | peak RSS MiB (max) | rows/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        good = [s.wall for s in case.samples if s.ok]
        spread = f"{min(good):.2f}–{max(good):.2f}" if good else "—"
        failed = len(case.samples) - len(good)
        runs = f"{len(good)}" + (f" (+{failed} failed)" if failed else "")
        rate = case.rows / case.wall if good else float("nan")
        lines.append(
            f"| {case.tool}{case.mode} | `{case.input}` | {case.rows:,} | {runs} | {_fmt(case.wall)} | {spread} | "
            f"{_fmt(case.rss_mib, 0)} | {_fmt(rate, 0)} |"
        )
    return "\n".join(lines)


def _failures(cases: list[Case]) -> list[str]:
    return [f"- `{c.key}` failed: {s.error}" for c in cases for s in c.samples if not s.ok]


def render_section(cases: list[Case], info: dict[str, str], command: str, notes: list[str]) -> str:
    """The benchmark's section of docs/benchmarks.md (replaced as a whole on every run)."""
    ratios = ratio_rows({case.key: case for case in cases})
    missed = [name for name, _, _, verdict in ratios if verdict == "**MISSED**"]
    summary = "All targets met." if not missed else "Targets missed: " + "; ".join(missed) + "."
    parts = [
        START,
        "## `mfgdata profile` against DuckDB SUMMARIZE and ydata-profiling",
        "",
        f"Finished {dt.datetime.now().astimezone().isoformat(timespec='minutes')} with:",
        "",
        f"```\n{command}\n```",
        "",
        *(f"- **{name}**: {value}" for name, value in info.items()),
        "",
        figures_table(cases),
        "",
        "| ratio (this run) | value | target | verdict |",
        "| --- | ---: | --- | --- |",
        *(f"| {name} | {value} | {target} | {verdict} |" for name, value, target, verdict in ratios),
        "",
        f"**{summary}**",
        "",
        *notes,
        *_failures(cases),
        END,
    ]
    return "\n".join(parts)


def update_doc(section: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the document, creating the document if needed."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


def _notes(args: argparse.Namespace, peer_reason: str) -> list[str]:
    return [
        "How to read this:",
        "",
        "- Each figure is one child process, from start to exit: interpreter start-up, imports, reading the file, "
        "writing the profile. Peak RSS is that process's maximum resident set size "
        f"({'GNU time' if Path(TIME_BIN).exists() else 'getrusage of a wrapper process'}).",
        f"- The tools run in turn within each round (floor, mfgdata, …), {args.repeat} rounds on the "
        f"{args.peer_rows:,}-row slice and {args.big_repeat} on the {args.rows:,}-row table; wall time is the median.",
        "- The files are in the page cache (warm) for every tool alike. The machine is shared and noisy: "
        "compare the ratios, not the absolute seconds.",
        "- The floor is DuckDB's own `SUMMARIZE SELECT * FROM read_parquet(...)` (or `read_csv(...)`) with DuckDB's "
        "defaults (approximate distinct counts and quartiles). mfgdata does more: exact counts of top values, "
        "histograms, time-series cadence and gaps per entity, duplicate rows, candidate keys, labels, sha256.",
        f"- ydata-profiling runs `ProfileReport(df, minimal=True).to_json()` on the first {args.peer_rows:,} rows "
        "(`pd.read_parquet` included), in its own virtualenv; mfgdata profiles the same slice file. " + peer_reason,
        "",
    ]


def _peer_python(args: argparse.Namespace) -> tuple[Path | None, str]:
    if args.skip_peer:
        return None, "The peer was skipped (`--skip-peer`)."
    if args.peer_python is None:
        return None, "The peer was skipped: no `--peer-python` given."
    peer = Path(args.peer_python)
    if not peer.exists():
        return None, f"The peer was skipped: `{peer}` does not exist."
    return peer, ""


def _command() -> str:
    python = Path(sys.executable)
    shown = os.path.relpath(python, Path.cwd()) if python.is_relative_to(Path.cwd()) else str(python)
    return " ".join(shlex.quote(part) for part in [shown, *sys.argv])


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the big table (default 10M)")
    parser.add_argument("--peer-rows", type=int, default=1_000_000, help="rows of the slice for the peer (1M)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out", help="data and profiles (git-ignored)")
    parser.add_argument("--peer-python", help="python of the benchmark virtualenv that has ydata-profiling")
    parser.add_argument("--skip-peer", action="store_true", help="do not run ydata-profiling")
    parser.add_argument("--skip-csv", action="store_true", help="measure Parquet only")
    parser.add_argument("--repeat", type=int, default=3, help="rounds on the slice (median reported)")
    parser.add_argument("--big-repeat", type=int, default=3, help="rounds on the big table (median reported)")
    parser.add_argument("--no-doc", action="store_true", help=f"print only; do not update {DOC.relative_to(ROOT)}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the data, measure, print the tables and update docs/benchmarks.md."""
    args = parse_args(argv)
    peer, peer_reason = _peer_python(args)
    if peer_reason:
        print(peer_reason)
    big = ensure_data(args.out_dir, args.rows, with_csv=not args.skip_csv)
    small = ensure_data(args.out_dir, args.peer_rows, with_csv=False)["parquet"]
    cases = build_cases(args, big, small, peer)
    run_cases(cases, args.repeat, args.big_repeat, args.rows)
    section = render_section(cases, machine_info(peer), _command(), _notes(args, peer_reason))
    print("\n" + section)
    if not args.no_doc:
        update_doc(section)
        print(f"\nUpdated {DOC}")
    return 0 if all(s.ok for c in cases for s in c.samples) else 1


if __name__ == "__main__":
    sys.exit(main())
