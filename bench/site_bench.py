"""Site benchmark: 20,000 listed products, search and product pages under `wrk`, against a trivial view.

For each database (SQLite file, and PostgreSQL when one answers on 127.0.0.1) it migrates a fresh database,
bulk-loads the products (`site_bench_data.py`), starts `mfgdata serve` on loopback and drives each URL with
`wrk` (Debian package; a fixed number of connections — Debian's wrk has no fixed-rate mode) for the same
duration. p50/p95 come from wrk's latency histogram (`wrk_percentiles.lua`); each page's p95 is reported as a
ratio to `/ping`'s p95 under the same load (the floor on this machine). Target: search p95 ≤ 3× the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- site_bench:start -->", "<!-- site_bench:end -->"
LUA = Path(__file__).with_name("wrk_percentiles.lua")
PG_ADMIN = "postgres://root@127.0.0.1:5432/test"
PG_BENCH_DB = "mfgdata_site_bench"
PAGES = {
    "floor /ping": "/ping",
    "search 도금 (2 chars, word-piece index)": "/market/?q=" + urllib.parse.quote("도금"),
    "search 공정 품질 (two short terms, every product matches)": "/market/?q=" + urllib.parse.quote("공정 품질"),
    "search 데이터 (trigram) + process=plating": "/market/?q=" + urllib.parse.quote("데이터") + "&process=plating",
    "product page": "/market/bench-123/",
}


@dataclass
class Figure:
    database: str
    page: str
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int


def _env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "MFGDATA_VAR_DIR": str(var_dir), "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _fresh_postgres() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        connection.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_BENCH_DB


def _prepare(env: dict[str, str], products: int) -> None:
    python = sys.executable
    subprocess.run([python, "-m", "mfgdata.web.manage", "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [python, str(Path(__file__).with_name("site_bench_data.py")), "--products", str(products)], env=env, check=True
    )


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the site did not answer at {url}")


def _wrk(url: str, duration: int, connections: int) -> tuple[float, float, int, int]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(LUA), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"PERCENTILES p50=(\d+) p95=(\d+) p99=\d+ requests=(\d+) errors=(\d+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no percentiles:\n{out}")
    p50, p95, requests, errors = (int(g) for g in found.groups())
    return p50 / 1000, p95 / 1000, requests, errors


def measure(database: str, args: argparse.Namespace) -> list[Figure]:
    var_dir = args.out_dir / f"site-{database}"
    shutil.rmtree(var_dir, ignore_errors=True)
    env = _env(var_dir, _fresh_postgres() if database == "postgresql" else None)
    _prepare(env, args.products)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mfgdata", "serve", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(base + "/ping")
        figures = []
        for name, path in PAGES.items():
            _wrk(base + path, 2, args.connections)  # warm-up
            p50, p95, requests, errors = _wrk(base + path, args.duration, args.connections)
            figures.append(Figure(database, name, p50, p95, requests, errors))
            print(f"{database:10} {name:36} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  {requests} req  {errors} err")
        return figures
    finally:
        server.terminate()
        server.wait(timeout=20)


def render(figures: list[Figure], args: argparse.Namespace) -> str:
    when = dt.datetime.now().astimezone().isoformat(timespec="minutes")
    lines = [
        START,
        "## Marketplace site: search and product pages against a trivial view",
        "",
        f"Finished {when} with:",
        "",
        "```",
        _command(),
        "```",
        "",
        f"{args.products:,} listed products; `mfgdata serve` (Django's threaded WSGI server) on loopback; "
        f"`wrk -t2 -c{args.connections} -d{args.duration}s` per page after a 2 s warm-up; 2 shared cores "
        "(other work ran on the machine). Ratios are p95 over the floor's p95 in the same run.",
        "",
        "| database | page | p50 ms | p95 ms | p95 / floor | requests | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for database in dict.fromkeys(f.database for f in figures):
        rows = [f for f in figures if f.database == database]
        floor = rows[0].p95_ms or 1e-9
        for f in rows:
            lines.append(
                f"| {database} | {f.page} | {f.p50_ms:.1f} | {f.p95_ms:.1f} | {f.p95_ms / floor:.2f} | "
                f"{f.requests:,} | {f.errors} |"
            )
        worst = max(f.p95_ms / floor for f in rows if f.page.startswith("search"))
        verdicts.append(
            f"- {database}: worst search p95 = {worst:.2f}× the floor — target ≤ 3× "
            f"{'**met**' if worst <= 3 else '**MISSED**'}"
        )
    return "\n".join([*lines, "", *verdicts, END])


def _command() -> str:
    return ".venv/bin/python bench/site_bench.py " + " ".join(sys.argv[1:])


def update_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def _postgres_answers() -> bool:
    return (
        shutil.which("pg_isready") is not None
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is needed (apt-get install -y wrk)", file=sys.stderr)
        return 2
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    if "postgresql" in databases and not _postgres_answers():
        print("PostgreSQL does not answer on 127.0.0.1: SQLite only", file=sys.stderr)
        databases.remove("postgresql")
    figures = [f for database in databases for f in measure(database, args)]
    section = render(figures, args)
    print("\n" + section)
    if not args.no_doc:
        update_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
