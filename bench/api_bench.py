"""Open API benchmark: catalog search and metadata endpoints under paced `wrk`, against the API's trivial endpoint.

PostgreSQL with 20,000 listed products (loaded by `site_bench_data.py`, the site benchmark's loader), served by
`mfgdata serve` on loopback. Every request carries a personal access token (the same authentication and
per-token rate-limit work as a script's), with the limit raised so the benchmark is not refused. Each URL is
driven by `wrk` with a fixed number of connections, each paced by `wrk_paced.lua` (Debian's wrk has no
fixed-rate mode: every request waits `--delay-ms` first, so the offered rate is at most
connections × 1000 / delay per second). p50/p95 come from wrk's latency histogram; each endpoint's p95 is
reported as a ratio to `/api/v1/ping`'s p95 in the same run. Target: p95 within 3× of the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_bench import PG_ADMIN, _env, _postgres_answers, _prepare, _wait

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- api_bench:start -->", "<!-- api_bench:end -->"
LUA = Path(__file__).with_name("wrk_paced.lua")
PG_BENCH_DB = "mfgdata_api_bench"
ENDPOINTS = {
    "floor /api/v1/ping": "/api/v1/ping",
    "search 도금 (2 chars)": "/api/v1/catalog/products?q=" + urllib.parse.quote("도금"),
    "search 공정 품질 (trigram, matches all)": "/api/v1/catalog/products?q=" + urllib.parse.quote("공정 품질"),
    "search + facet process=plating": "/api/v1/catalog/products?q=" + urllib.parse.quote("데이터") + "&process=plating",
    "product metadata": "/api/v1/catalog/products/bench-123",
    "product DCAT JSON-LD": "/api/v1/catalog/products/bench-123/dcat",
}
TOKEN_SCRIPT = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")
import django
django.setup()
from mfgdata.web.accounts.models import Membership, Organisation, User
from mfgdata.web.api.services import access_token_create
user = User.objects.create_user("api-bench@example.kr", "bench-password-123")
Membership.objects.create(user=user, organisation=Organisation.objects.get(name="벤치정밀"))
print(access_token_create(user=user, name="bench", scopes=["read_catalog"]).secret)
"""


@dataclass
class Figure:
    endpoint: str
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int


def _fresh_postgres() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        connection.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_BENCH_DB


def _wrk(url: str, duration: int, args: argparse.Namespace, env: dict[str, str]) -> tuple[float, float, int, int]:
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(LUA), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    found = re.search(r"PERCENTILES p50=(\d+) p95=(\d+) p99=\d+ requests=(\d+) errors=(\d+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no percentiles:\n{out}")
    p50, p95, requests, errors = (int(g) for g in found.groups())
    return p50 / 1000, p95 / 1000, requests, errors


def measure(args: argparse.Namespace) -> list[Figure]:
    var_dir = args.out_dir / "api-postgresql"
    shutil.rmtree(var_dir, ignore_errors=True)
    env = {**_env(var_dir, _fresh_postgres()), "MFGDATA_API_RATE_LIMIT": "100000000"}
    _prepare(env, args.products)
    secret = subprocess.run(
        [sys.executable, "-c", TOKEN_SCRIPT], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    wrk_env = {**os.environ, "API_TOKEN": secret, "WRK_DELAY_MS": str(args.delay_ms)}
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
        for name, path in ENDPOINTS.items():
            _wrk(base + path, 2, args, wrk_env)  # warm-up
            p50, p95, requests, errors = _wrk(base + path, args.duration, args, wrk_env)
            figures.append(Figure(name, p50, p95, requests, errors))
            print(f"{name:40} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  {requests} req  {errors} err")
        return figures
    finally:
        server.terminate()
        server.wait(timeout=20)


def render(figures: list[Figure], args: argparse.Namespace, load: str) -> str:
    when = dt.datetime.now().astimezone().isoformat(timespec="minutes")
    rate = args.connections * 1000 / args.delay_ms if args.delay_ms else float("inf")
    lines = [
        START,
        "## Open API: catalog search and metadata against the API's trivial endpoint",
        "",
        f"Finished {when} with:",
        "",
        "```",
        ".venv/bin/python bench/api_bench.py " + " ".join(sys.argv[1:]),
        "```",
        "",
        f"PostgreSQL, {args.products:,} listed products; `mfgdata serve` on loopback; every request with a personal "
        f"access token; `wrk -t1 -c{args.connections} -d{args.duration}s` per endpoint after a 2 s warm-up, each "
        f"connection paced {args.delay_ms} ms before every request (offered rate ≤ {rate:.0f} req/s). "
        f"Load average before the run: {load} on 2 shared cores. Ratios are p95 over the floor's p95.",
        "",
        "| endpoint | p50 ms | p95 ms | p95 / floor | requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    floor = figures[0].p95_ms or 1e-9
    for f in figures:
        if f.requests == 0:  # nothing answered within the run: no latency to report, and the target is missed
            lines.append(f"| {f.endpoint} | — | — | no answer in {args.duration} s | 0 | {f.errors} |")
            continue
        lines.append(
            f"| {f.endpoint} | {f.p50_ms:.1f} | {f.p95_ms:.1f} | {f.p95_ms / floor:.2f} | {f.requests:,} | {f.errors} |"
        )
    ratios = [f.p95_ms / floor if f.requests else float("inf") for f in figures[1:]]
    worst = max(ratios)
    verdict = "**met**" if worst <= 3 else "**MISSED**"
    return "\n".join([*lines, "", f"- worst p95 = {worst:.2f}× the floor — target ≤ 3× {verdict}", END])


def update_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per endpoint")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--delay-ms", type=int, default=200, help="pause before each request, per connection")
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is needed (apt-get install -y wrk)", file=sys.stderr)
        return 2
    if not _postgres_answers():
        print("PostgreSQL must answer on 127.0.0.1 (the benchmark is defined on PostgreSQL)", file=sys.stderr)
        return 2
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    figures = measure(args)
    section = render(figures, args, load)
    print("\n" + section)
    if not args.no_doc:
        update_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
